"""Bringing a WordPress site's export into Fairfield, idempotently."""

import hashlib
import html
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import BinaryIO
from urllib.parse import unquote
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _
from taggit.models import Tag as TaggitTag
from wagtail.models import Page, PageViewRestriction
from wagtail.rich_text import RichText

from fairfield.base.models import HomePage, StandardPage
from fairfield.comments.models import Comment, CommentStatus
from fairfield.comments.services import IncomingComment, comment_import, comment_import_update
from fairfield.publishing.models import ArticleContributor, ArticlePage, Byline, Contributor, SectionPage, Topic
from fairfield.wordpress import richtext, wxr
from fairfield.wordpress.models import ImportedItem, ImportedKind

UNSET_DATE = "0000-00-00 00:00:00"
DRAFT_STATUSES = {"draft", "pending", "private", "auto-draft"}
SUMMARY_ROWS = (
    "authors",
    "sections",
    "topics",
    "tags",
    "posts",
    "pages",
    "comments",
    "attachments",
    "pingbacks",
    "trackbacks",
    "spam",
    "trash",
    "comments on pages",
    "other items",
)
OUTCOMES = ("created", "updated", "unchanged", "skipped")


@dataclass
class ImportSummary:
    counts: dict[str, Counter] = field(default_factory=lambda: {row: Counter() for row in SUMMARY_ROWS})
    posts_committed: int = 0
    shortcodes_kept: int = 0

    def add(self, row: str, outcome: str, amount: int = 1) -> None:
        self.counts[row][outcome] += amount

    def total(self, outcome: str) -> int:
        return sum(counter[outcome] for counter in self.counts.values())

    def lines(self) -> list[str]:
        width = max(len(row) for row in SUMMARY_ROWS)
        header = f"{'':<{width}}  " + "  ".join(f"{outcome:>9}" for outcome in OUTCOMES)
        rows = [
            f"{row:<{width}}  " + "  ".join(f"{self.counts[row][outcome]:>9}" for outcome in OUTCOMES)
            for row in SUMMARY_ROWS
        ]
        return [header, *rows, _("Shortcodes kept as text: %(count)s") % {"count": self.shortcodes_kept}]


def wordpress_import(
    *, source: BinaryIO, dry_run: bool = False, on_progress: Callable[[int], None] | None = None
) -> ImportSummary:
    """Import a WXR export; each post commits with its comments, so a fault mid-file keeps what came before.

    With `dry_run` everything runs inside one transaction that is rolled back.
    Raises wxr.ParseError and defusedxml's exceptions unchanged; `ImportSummary` is attached to them
    as `.summary` so the caller can report what was kept.
    """
    importer = _Importer()
    if dry_run:
        with transaction.atomic():
            try:
                importer.run(source, on_progress)
            finally:
                transaction.set_rollback(True)
    else:
        importer.run(source, on_progress)
    return importer.summary


def parse_wp_date(value: str, local_value: str = "") -> datetime:
    """A GMT date, or the local one read in settings.TIME_ZONE when WordPress left GMT unset (drafts)."""
    for text, zone in ((value, ZoneInfo("UTC")), (local_value, ZoneInfo(settings.TIME_ZONE))):
        if text and text != UNSET_DATE:
            try:
                return datetime.strptime(text, "%Y-%m-%d %H:%M:%S").replace(tzinfo=zone)
            except ValueError:
                continue
    return timezone.now()


def checksum(*parts) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(repr(part).encode())
        digest.update(b"\x00")
    return digest.hexdigest()


class _Importer:
    def __init__(self):
        self.summary = ImportSummary()
        self.site = ""
        self.home: HomePage | None = None
        self.categories: dict[str, wxr.Category] = {}
        self.contributors: dict[str, int] = {}
        self.sections: dict[str, SectionPage] = {}
        self.topics: dict[str, int] = {}
        self.tag_names: dict[str, str] = {}
        self.page_ids: dict[str, int] = {}

    def run(self, source, on_progress):
        self.home_page()  # before anything is written
        try:
            for record in wxr.read_wxr(source, on_progress=on_progress):
                self.handle(record)
        except Exception as error:
            error.summary = self.summary
            raise

    def handle(self, record: wxr.Record) -> None:
        match record:
            case wxr.Site(base_site_url=url):
                self.site = url
            case wxr.Author():
                with transaction.atomic():
                    self.author(record)
            case wxr.Category():
                self.categories[record.slug] = record
            case wxr.Tag():
                with transaction.atomic():
                    self.tag(record)
            case wxr.Item(post_type="post"):
                with transaction.atomic():
                    self.post(record)
                self.summary.posts_committed += 1
            case wxr.Item(post_type="page"):
                with transaction.atomic():
                    self.page(record)
            case wxr.Item(post_type="attachment"):
                with transaction.atomic():
                    self.attachment(record)
            case wxr.Item():
                self.summary.add("other items", "skipped")

    # Lookups and bookkeeping

    def record_for(self, kind: ImportedKind, wp_id: str) -> ImportedItem | None:
        return ImportedItem.objects.filter(site=self.site, kind=kind, wp_id=wp_id).first()

    def remember(self, record, *, kind, wp_id, target=None, digest, source_url="") -> ImportedItem:
        if record is None:
            record = ImportedItem(site=self.site, kind=kind, wp_id=wp_id)
        if target is not None:
            record.content_type = ContentType.objects.get_for_model(target, for_concrete_model=False)
            record.object_id = target.pk
        record.checksum, record.source_url = digest, source_url[:2000]
        record.save()
        return record

    def home_page(self) -> HomePage:
        if self.home is None:
            self.home = HomePage.objects.order_by("path").first()
            if self.home is None:
                raise LookupError(_("There is no home page to import under. Create the site's home page first."))
        return self.home

    # Authors, categories and tags

    def author(self, author: wxr.Author) -> int:
        login = author.login or author.wp_id
        display_name = html.unescape(author.display_name).strip() or login
        digest = checksum(display_name)
        record = self.record_for(ImportedKind.AUTHOR, login)
        if record and record.object_id and Contributor.objects.filter(pk=record.object_id).exists():
            if record.checksum == digest:
                self.summary.add("authors", "unchanged")
            else:
                Contributor.objects.filter(pk=record.object_id).update(display_name=display_name[:120])
                self.remember(record, kind=ImportedKind.AUTHOR, wp_id=login, digest=digest)
                self.summary.add("authors", "updated")
            self.contributors[login] = record.object_id
            return record.object_id
        contributor = Contributor.objects.create(
            display_name=display_name[:120], slug=_unique_slug(Contributor.objects, display_name or login, 140)
        )
        self.remember(record, kind=ImportedKind.AUTHOR, wp_id=login, target=contributor, digest=digest)
        self.summary.add("authors", "created")
        self.contributors[login] = contributor.pk
        return contributor.pk

    def contributor_for(self, login: str) -> int | None:
        if not login:
            return None
        if login not in self.contributors:
            record = self.record_for(ImportedKind.AUTHOR, login)
            if record and record.object_id:
                self.contributors[login] = record.object_id
            else:
                self.author(wxr.Author(login=login, display_name=login, wp_id=""))
        return self.contributors[login]

    def tag(self, tag: wxr.Tag) -> str:
        name = html.unescape(tag.name).strip()[:100] or tag.slug
        record = self.record_for(ImportedKind.TAG, tag.slug)
        if record and record.checksum == checksum(name):
            self.summary.add("tags", "unchanged")
        else:
            target = TaggitTag.objects.filter(Q(name=name) | Q(slug=tag.slug)).first()
            if target is None:
                target = TaggitTag.objects.create(name=name, slug=tag.slug[:100] or slugify(name)[:100])
            self.remember(record, kind=ImportedKind.TAG, wp_id=tag.slug, target=target, digest=checksum(name))
            self.summary.add("tags", "updated" if record else "created")
        self.tag_names[tag.slug] = name
        return name

    def section_for(self, slug: str, name: str) -> SectionPage:
        slug = slugify(unquote(slug), allow_unicode=True)[:255] or "imported"
        if slug in self.sections:
            return self.sections[slug]
        home = self.home_page()
        section = SectionPage.objects.child_of(home).filter(slug=slug).first()
        if section is None:
            category = self.categories.get(slug)
            title = html.unescape(category.name if category else name).strip() or slug
            description = html.unescape(category.description if category else "").strip()
            section = SectionPage(title=title[:255], slug=slug, description=description[:300])
            home.add_child(instance=section)
            section.save_revision().publish()
            self.remember(
                self.record_for(ImportedKind.CATEGORY, slug),
                kind=ImportedKind.CATEGORY,
                wp_id=slug,
                target=section,
                digest=checksum(title, description),
            )
            self.summary.add("sections", "created")
        else:
            self.summary.add("sections", "unchanged")
        self.sections[slug] = section
        return section

    def topic_for(self, slug: str, name: str) -> int:
        if slug not in self.topics:
            category = self.categories.get(slug)
            name = html.unescape(category.name if category else name).strip()[:80] or slug
            topic_slug = slugify(unquote(slug), allow_unicode=True)[:90] or slugify(name)[:90]
            topic = Topic.objects.filter(Q(slug=topic_slug) | Q(name=name)).first()
            if topic is None:
                topic = Topic.objects.create(name=name, slug=topic_slug)
                record = self.record_for(ImportedKind.CATEGORY, slug)
                if record is None:
                    self.remember(None, kind=ImportedKind.CATEGORY, wp_id=slug, target=topic, digest=checksum(name))
                self.summary.add("topics", "created")
            else:
                self.summary.add("topics", "unchanged")
            self.topics[slug] = topic.pk
        return self.topics[slug]

    # Posts and pages

    def post(self, item: wxr.Item) -> None:
        digest = checksum(_item_fields(item))
        record = self.record_for(ImportedKind.POST, item.wp_id)
        article = ArticlePage.objects.filter(pk=record.object_id).first() if record else None
        if article is not None and record.checksum == digest:
            self.summary.add("posts", "unchanged")
        else:
            converted = richtext.convert(item.content)
            self.summary.shortcodes_kept += converted.shortcodes
            categories = [(slug, name) for slug, name in item.categories if slug] or [("imported", "Imported")]
            contributor_id = self.contributor_for(item.creator)
            fields = {
                "title": _title(item),
                "standfirst": Truncator(richtext.plain_text(item.excerpt)).chars(400),
                "body": [(kind, RichText(value) if kind == "paragraph" else value) for kind, value in converted.blocks],
                "publication_date": parse_wp_date(item.date_gmt, item.date),
                "comments_open": item.comment_status == "open",
            }
            if article is None:
                section = self.section_for(*categories[0])
                article = ArticlePage(slug=_child_slug(section, item), **fields)
                if contributor_id:
                    article.article_contributors = [
                        ArticleContributor(contributor_id=contributor_id, byline=Byline.NAME, sort_order=0)
                    ]
                self.summary.add("posts", "created")
            else:
                for name, value in fields.items():
                    setattr(article, name, value)
                self.summary.add("posts", "updated")
            article.tags.set([self.tag_names.get(slug) or html.unescape(name) for slug, name in item.tags])
            article.topics.set(
                Topic.objects.filter(pk__in=[self.topic_for(slug, name) for slug, name in categories[1:]])
            )
            self.save_page(article, item, parent=None if article.pk else section)
            record = self.remember(record, kind=ImportedKind.POST, wp_id=item.wp_id, target=article, digest=digest)
        self.comments(article, item.comments)

    def page(self, item: wxr.Item) -> None:
        digest = checksum(_item_fields(item))
        record = self.record_for(ImportedKind.PAGE, item.wp_id)
        page = StandardPage.objects.filter(pk=record.object_id).first() if record else None
        self.count_page_comments(item.comments)
        if page is not None and record.checksum == digest:
            self.summary.add("pages", "unchanged")
            self.page_ids[item.wp_id] = page.pk
            return
        converted = richtext.convert(item.content)
        self.summary.shortcodes_kept += converted.shortcodes
        body = [(kind, RichText(value) if kind == "paragraph" else value) for kind, value in converted.blocks]
        fields = {
            "title": _title(item),
            "standfirst": Truncator(richtext.plain_text(item.excerpt)).chars(300),
            "body": body,
        }
        if page is None:
            parent = self.home_page()
            parent_id = self.page_ids.get(item.parent_id) or self._imported_page_id(item.parent_id)
            if parent_id:
                parent = StandardPage.objects.get(pk=parent_id)
            page = StandardPage(slug=_child_slug(parent, item), **fields)
            self.save_page(page, item, parent=parent)
            self.summary.add("pages", "created")
        else:
            for name, value in fields.items():
                setattr(page, name, value)
            self.save_page(page, item, parent=None)
            self.summary.add("pages", "updated")
        self.remember(record, kind=ImportedKind.PAGE, wp_id=item.wp_id, target=page, digest=digest)
        self.page_ids[item.wp_id] = page.pk

    def _imported_page_id(self, wp_id: str) -> int | None:
        if wp_id in ("", "0"):
            return None
        record = self.record_for(ImportedKind.PAGE, wp_id)
        return record.object_id if record else None

    def save_page(self, page: Page, item: wxr.Item, *, parent: Page | None) -> None:
        """Create or update through Wagtail's revisions: published stays live, drafts never go live,
        scheduled ones wait for their date, password-protected ones get a view restriction."""
        date = parse_wp_date(item.date_gmt, item.date)
        scheduled = item.status == "future" and date > timezone.now()
        publish = item.status == "publish" or (item.status == "future" and not scheduled)
        page.go_live_at = date if scheduled else None
        if parent is not None:
            page.live = False
            if publish:
                page.first_published_at = date
            parent.add_child(instance=page)
        revision = page.save_revision(approved_go_live_at=date if scheduled else None, clean=False)
        if publish:
            revision.publish()
        elif page.live:
            page.unpublish()
        restrictions = PageViewRestriction.objects.filter(page=page)
        if item.password:
            restriction = restrictions.first() or PageViewRestriction(page=page)
            restriction.restriction_type = PageViewRestriction.PASSWORD
            restriction.password = item.password
            restriction.save()
        else:
            restrictions.delete()

    def count_page_comments(self, comments: Iterable[wxr.Comment]) -> None:
        for comment in comments:
            self.summary.add(*_skip_reason(comment) or ("comments on pages", "skipped"))

    def attachment(self, item: wxr.Item) -> None:
        url = item.attachment_url or item.guid
        digest = checksum(url, item.title)
        record = self.record_for(ImportedKind.ATTACHMENT, item.wp_id)
        if record and record.checksum == digest:
            self.summary.add("attachments", "unchanged")
            return
        self.remember(record, kind=ImportedKind.ATTACHMENT, wp_id=item.wp_id, digest=digest, source_url=url)
        self.summary.add("attachments", "updated" if record else "created")

    # Comments

    def comments(self, article: ArticlePage, comments: Iterable[wxr.Comment]) -> None:
        wanted: list[wxr.Comment] = []
        for comment in comments:
            if reason := _skip_reason(comment):
                self.summary.add(*reason)
            else:
                wanted.append(comment)
        if not wanted:
            return
        records = {
            record.wp_id: record
            for record in ImportedItem.objects.filter(
                site=self.site, kind=ImportedKind.COMMENT, wp_id__in=[comment.wp_id for comment in wanted]
            )
        }
        existing = Comment.objects.in_bulk([record.object_id for record in records.values()])
        known: dict[str, Comment] = {}
        incoming: list[IncomingComment] = []
        digests: dict[str, str] = {}
        changed: list[ImportedItem] = []
        for comment in wanted:
            # The address is in the digest so that a re-import gives comments imported before claiming existed
            # their claim key.
            digest = checksum(
                comment.author,
                comment.content,
                comment.approved,
                comment.parent_id,
                comment.date_gmt,
                comment.date,
                comment.author_email,
            )
            record = records.get(comment.wp_id)
            current = existing.get(record.object_id) if record else None
            author_name = html.unescape(comment.author).strip()
            status = CommentStatus.PUBLISHED if comment.approved == "1" else CommentStatus.PENDING
            if current is not None:
                known[comment.wp_id] = current
                if record.checksum == digest:
                    self.summary.add("comments", "unchanged")
                else:
                    comment_import_update(
                        comment=current,
                        author_name=author_name,
                        body=comment.content,
                        status=status,
                        author_email=comment.author_email,
                    )
                    record.checksum = digest
                    changed.append(record)
                    self.summary.add("comments", "updated")
                continue
            digests[comment.wp_id] = digest
            incoming.append(
                IncomingComment(
                    key=comment.wp_id,
                    parent_key=None if comment.parent_id == "0" else comment.parent_id,
                    author_name=author_name,
                    author_email=comment.author_email,
                    body=comment.content,
                    status=status,
                    created_at=parse_wp_date(comment.date_gmt, comment.date),
                )
            )
        if changed:
            ImportedItem.objects.bulk_update(changed, ["checksum"])
        if not incoming:
            return
        # Parents outside this batch (imported by an earlier run) are looked up once.
        missing_parents = {item.parent_key for item in incoming if item.parent_key} - set(known) - set(digests)
        if missing_parents:
            for record in ImportedItem.objects.filter(
                site=self.site, kind=ImportedKind.COMMENT, wp_id__in=missing_parents
            ):
                parent = Comment.objects.filter(pk=record.object_id, article=article).first()
                if parent:
                    known[record.wp_id] = parent
        created = comment_import(article=article, incoming=incoming, existing=known)
        comment_type = ContentType.objects.get_for_model(Comment)
        ImportedItem.objects.bulk_create(
            [
                ImportedItem(
                    site=self.site,
                    kind=ImportedKind.COMMENT,
                    wp_id=key,
                    content_type=comment_type,
                    object_id=comment.pk,
                    checksum=digests[key],
                )
                for key, comment in created.items()
            ]
        )
        self.summary.add("comments", "created", len(created))


def _skip_reason(comment: wxr.Comment) -> tuple[str, str] | None:
    if comment.comment_type in ("pingback", "trackback"):
        return (f"{comment.comment_type}s", "skipped")
    if comment.approved == "spam":
        return ("spam", "skipped")
    if comment.approved not in ("0", "1"):
        return ("trash", "skipped")
    return None


def _item_fields(item: wxr.Item) -> tuple:
    return (
        item.title,
        item.content,
        item.excerpt,
        item.status,
        item.slug,
        item.date,
        item.date_gmt,
        item.comment_status,
        item.password,
        item.creator,
        item.parent_id,
        item.categories,
        item.tags,
    )


def _title(item: wxr.Item) -> str:
    title = html.unescape(item.title).strip()
    return title[:255] if title else _("Untitled (WordPress %(id)s)") % {"id": item.wp_id}


def _child_slug(parent: Page, item: wxr.Item) -> str:
    base = slugify(unquote(item.slug), allow_unicode=True) or slugify(html.unescape(item.title), allow_unicode=True)
    return _unique_slug(parent.get_children(), base or f"wordpress-{item.wp_id}", 255)


def _unique_slug(queryset, text: str, max_length: int) -> str:
    base = slugify(text, allow_unicode=True)[: max_length - 8] or "imported"
    slug, number = base, 1
    while queryset.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug
