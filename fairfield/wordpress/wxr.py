"""A streaming reader for WordPress eXtended RSS (WXR 1.1 and 1.2) exports.

It yields plain dataclasses one at a time and forgets each element once read, so memory stays
bounded by the largest single post (with its comments), not by the file. The XML parser refuses
DTDs, entity declarations and external references: WordPress never writes them, and they are how
entity-expansion bombs and file-disclosure attacks arrive.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO
from xml.etree.ElementTree import Element, ParseError, TreeBuilder, XMLPullParser

from defusedxml.ElementTree import DefusedXMLParser

CHUNK_SIZE = 64 * 1024
WP_NAMESPACE_PREFIX = "http://wordpress.org/export/"
PREFIXES = {
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://wellformedweb.org/CommentAPI/": "wfw",
}


@dataclass(frozen=True)
class Site:
    base_site_url: str


@dataclass(frozen=True)
class Author:
    login: str
    display_name: str
    wp_id: str


@dataclass(frozen=True)
class Category:
    slug: str
    name: str
    parent_slug: str
    description: str


@dataclass(frozen=True)
class Tag:
    slug: str
    name: str


@dataclass(frozen=True)
class Comment:
    wp_id: str
    parent_id: str
    author: str
    author_email: str
    content: str
    approved: str
    comment_type: str
    date: str
    date_gmt: str


@dataclass(frozen=True)
class Item:
    """A post, page, attachment or other item, with its comments."""

    wp_id: str
    post_type: str
    title: str
    link: str
    guid: str
    creator: str
    content: str
    excerpt: str
    status: str
    slug: str
    date: str
    date_gmt: str
    comment_status: str
    password: str
    parent_id: str
    attachment_url: str
    categories: tuple[tuple[str, str], ...] = ()
    tags: tuple[tuple[str, str], ...] = ()
    comments: tuple[Comment, ...] = field(default=())


Record = Site | Author | Category | Tag | Item


def qname(tag: str) -> str:
    """`{http://wordpress.org/export/1.2/}post_id` → `wp:post_id`, whatever the WXR version."""
    if not tag.startswith("{"):
        return tag
    namespace, local = tag[1:].split("}", 1)
    if namespace.startswith(WP_NAMESPACE_PREFIX):
        return f"excerpt:{local}" if namespace.rstrip("/").endswith("excerpt") else f"wp:{local}"
    return f"{PREFIXES.get(namespace, namespace)}:{local}"


def _texts(elem: Element) -> dict[str, str]:
    texts: dict[str, str] = {}
    for child in elem:
        texts.setdefault(qname(child.tag), child.text or "")
    return texts


def _comment(elem: Element) -> Comment:
    t = _texts(elem)
    return Comment(
        wp_id=t.get("wp:comment_id", "").strip(),
        parent_id=t.get("wp:comment_parent", "0").strip() or "0",
        author=t.get("wp:comment_author", ""),
        author_email=t.get("wp:comment_author_email", "").strip(),
        content=t.get("wp:comment_content", ""),
        approved=t.get("wp:comment_approved", "").strip(),
        comment_type=t.get("wp:comment_type", "").strip() or "comment",
        date=t.get("wp:comment_date", "").strip(),
        date_gmt=t.get("wp:comment_date_gmt", "").strip(),
    )


def _item(elem: Element) -> Item:
    t = _texts(elem)
    categories, tags, comments = [], [], []
    for child in elem:
        name = qname(child.tag)
        if name == "category":
            pair = (child.get("nicename", ""), child.text or "")
            if child.get("domain") == "category":
                categories.append(pair)
            elif child.get("domain") == "post_tag":
                tags.append(pair)
        elif name == "wp:comment":
            comments.append(_comment(child))
    return Item(
        wp_id=t.get("wp:post_id", "").strip(),
        post_type=t.get("wp:post_type", "").strip(),
        title=t.get("title", ""),
        link=t.get("link", "").strip(),
        guid=t.get("guid", "").strip(),
        creator=t.get("dc:creator", "").strip(),
        content=t.get("content:encoded", ""),
        excerpt=t.get("excerpt:encoded", ""),
        status=t.get("wp:status", "").strip(),
        slug=t.get("wp:post_name", "").strip(),
        date=t.get("wp:post_date", "").strip(),
        date_gmt=t.get("wp:post_date_gmt", "").strip(),
        comment_status=t.get("wp:comment_status", "").strip(),
        password=t.get("wp:post_password", ""),
        parent_id=t.get("wp:post_parent", "0").strip() or "0",
        attachment_url=t.get("wp:attachment_url", "").strip(),
        categories=tuple(categories),
        tags=tuple(tags),
        comments=tuple(comments),
    )


def _record(name: str, elem: Element) -> Record | None:
    if name == "item":
        return _item(elem)
    t = _texts(elem)
    if name == "wp:author":
        return Author(
            login=t.get("wp:author_login", "").strip(),
            display_name=t.get("wp:author_display_name", "").strip(),
            wp_id=t.get("wp:author_id", "").strip(),
        )
    if name == "wp:category":
        return Category(
            slug=t.get("wp:category_nicename", "").strip(),
            name=t.get("wp:cat_name", ""),
            parent_slug=t.get("wp:category_parent", "").strip(),
            description=t.get("wp:category_description", ""),
        )
    if name == "wp:tag":
        return Tag(slug=t.get("wp:tag_slug", "").strip(), name=t.get("wp:tag_name", ""))
    return None


RECORD_TAGS = {"item", "wp:author", "wp:category", "wp:tag", "wp:term"}


def read_wxr(source: BinaryIO, *, on_progress: Callable[[int], None] | None = None) -> Iterator[Record]:
    """Yield the export's records in file order.

    Raises xml.etree.ElementTree.ParseError (with `.position`) on malformed or truncated XML,
    after yielding every record completed before the fault, and defusedxml's
    DTDForbidden / EntitiesForbidden / ExternalReferenceForbidden on unsafe input.
    """
    parser = XMLPullParser(
        events=("start", "end"),
        _parser=DefusedXMLParser(target=TreeBuilder(), forbid_dtd=True, forbid_entities=True, forbid_external=True),
    )
    stack: list[Element] = []
    while True:
        data = source.read(CHUNK_SIZE)
        if data:
            parser.feed(data)
        else:
            parser.close()
        for event, elem in parser.read_events():
            if event == "start":
                stack.append(elem)
                continue
            stack.pop()
            name = qname(elem.tag)
            if name == "wp:base_site_url":
                yield Site(base_site_url=(elem.text or "").strip())
            elif name in RECORD_TAGS and len(stack) <= 2:
                record = _record(name, elem)
                if record is not None:
                    yield record
                elem.clear()
                if stack:
                    stack[-1].remove(elem)
        if on_progress and data:
            on_progress(len(data))
        if not data:
            return


__all__ = ["Author", "Category", "Comment", "Item", "ParseError", "Record", "Site", "Tag", "read_wxr"]
