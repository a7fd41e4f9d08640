"""Comment bodies to HTML: paragraphs, clickable links and a small Markdown subset, sanitised with nh3.

Supported: blank-line paragraphs (single line breaks kept), `> ` block quotes, `- `/`* ` and `1. ` lists,
`**strong**` and `*emphasis*`, and bare http(s)/mailto addresses made into links. Raw HTML is always
shown as text. Every step is a single pass over the text with no recursion, so hostile input (deep
nesting, thousands of links, unclosed markers) costs linear time.
"""

import re
from html import escape

import nh3

LINK_REL = "nofollow ugc noopener"
ALLOWED_TAGS = {"p", "br", "strong", "em", "blockquote", "ul", "ol", "li", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}

URL = re.compile(r"(?:https?://|mailto:)[^\s<>\"'`]+", re.IGNORECASE)
TRAILING_PUNCTUATION = ".,;:!?)]}'\""
QUOTE = re.compile(r"^ {0,3}> ?")
BULLET = re.compile(r"^ {0,3}[-*+] +")
NUMBERED = re.compile(r"^ {0,3}\d{1,9}[.)] +")


def _emphasis(text: str, marker: str, tag: str) -> str:
    """Pair markers left to right around text that neither starts nor ends with a space; the rest stays as typed."""
    parts = text.split(marker)
    markers = len(parts) - 1
    out = [parts[0]]
    for index in range(1, markers + 1):
        part = parts[index]
        if index % 2 == 0:
            out.append(part)  # its opening marker was the closing one of the pair before
        elif index < markers and part and not part[0].isspace() and not part[-1].isspace():
            out.append(f"<{tag}>{part}</{tag}>")
        elif index < markers:
            out.append(marker + part + marker)
        else:
            out.append(marker + part)
    return "".join(out)


def _plain(text: str) -> str:
    escaped = escape(text, quote=False)
    return _emphasis(_emphasis(escaped, "**", "strong"), "*", "em")


def _split_url(candidate: str) -> tuple[str, str]:
    """Leave sentence punctuation after an address out of the link; keep a closing bracket the address opened."""
    url = candidate
    while url and url[-1] in TRAILING_PUNCTUATION:
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url, candidate[len(url) :]


def _inline(text: str) -> str:
    out, position = [], 0
    for match in URL.finditer(text):
        url, rest = _split_url(match.group(0))
        if url.lower() in {"http://", "https://", "mailto:"}:
            continue
        out.append(_plain(text[position : match.start()]))
        href = escape(url, quote=True)
        out.append(f'<a href="{href}">{escape(url, quote=False)}</a>')
        out.append(_plain(rest))
        position = match.end()
    out.append(_plain(text[position:]))
    return "".join(out)


def _lines(lines: list[str]) -> str:
    return "<br>\n".join(_inline(line) for line in lines)


def _list(lines: list[str], marker: re.Pattern, tag: str) -> str:
    items: list[list[str]] = []
    for line in lines:
        match = marker.match(line)
        if match:
            items.append([line[match.end() :]])
        else:
            items[-1].append(line.strip())
    return f"<{tag}>" + "".join(f"<li>{_lines(item)}</li>" for item in items) + f"</{tag}>"


def _block(lines: list[str]) -> str:
    if all(QUOTE.match(line) for line in lines):
        inner = [QUOTE.sub("", line, count=1) for line in lines]
        return f"<blockquote><p>{_lines(inner)}</p></blockquote>"
    if BULLET.match(lines[0]):
        return _list(lines, BULLET, "ul")
    if NUMBERED.match(lines[0]):
        return _list(lines, NUMBERED, "ol")
    return f"<p>{_lines(lines)}</p>"


def body_render(body: str) -> str:
    """The HTML readers see for a comment body: built from escaped text, then sanitised again by nh3."""
    text = body.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "\ufffd")
    blocks, current = [], []
    for line in text.split("\n"):
        if line.strip():
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    html = "\n".join(_block(block) for block in blocks)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    )
