"""WordPress post HTML → sanitised blocks for the article body StreamField."""

import re
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser

import nh3

ALLOWED_TAGS = {"p", "h2", "h3", "h4", "strong", "b", "em", "i", "a", "ul", "ol", "li", "blockquote", "br"}
BLOCK_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "div", "figure", "table", "pre")
SHORTCODE = re.compile(
    r"\[(?!/)(caption|wp_caption|gallery|embed|audio|video|playlist|contact-form(?:-7)?|[a-z][a-z0-9_-]*(?=\s+\w+=))\b[^\]]*\]"
)
BLANK_LINES = re.compile(r"\n\s*\n")
BLOCK_START = re.compile(r"^\s*<(?:/?(?:" + "|".join(BLOCK_TAGS) + r")\b|!--)", re.IGNORECASE)
RENAMED = {"strong": "b", "em": "i"}
HEADING_MAX = 120


@dataclass
class Converted:
    blocks: list[tuple[str, str]]
    shortcodes: int


def autop(text: str) -> str:
    """Wrap blank-line separated text in paragraphs the way WordPress's wpautop does (simplified)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    chunks = []
    for chunk in BLANK_LINES.split(text):
        if not chunk.strip():
            continue
        if BLOCK_START.match(chunk):
            chunks.append(chunk)
        else:
            chunks.append("<p>" + chunk.strip().replace("\n", "<br>\n") + "</p>")
    return "\n".join(chunks)


def sanitise(html: str) -> str:
    html = re.sub(r"<h1\b", "<h2", re.sub(r"</h1>", "</h2>", html, flags=re.I), flags=re.I)
    html = re.sub(r"<h[56]\b", "<h4", re.sub(r"</h[56]>", "</h4>", html, flags=re.I), flags=re.I)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
        strip_comments=True,
    )


class _Splitter(HTMLParser):
    """Splits sanitised HTML into its top-level elements, renaming strong/em to Wagtail's b/i."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.parts: list[tuple[str, str]] = []  # (top-level tag or "" for loose inline content, html)
        self.depth = 0
        self.current_tag = ""
        self.buffer: list[str] = []

    def _flush(self):
        if self.buffer and "".join(self.buffer).strip():
            self.parts.append((self.current_tag, "".join(self.buffer)))
        self.buffer, self.current_tag = [], ""

    def handle_starttag(self, tag, attrs):
        if tag == "br":
            self.buffer.append("<br>")
            return
        if self.depth == 0 and tag in {"p", "h2", "h3", "h4", "ul", "ol", "blockquote"}:
            self._flush()
            self.current_tag = tag
        self.depth += 1
        rendered = "".join(f' {name}="{escape(value or "", quote=True)}"' for name, value in attrs)
        self.buffer.append(f"<{RENAMED.get(tag, tag)}{rendered}>")

    def handle_endtag(self, tag):
        if tag == "br":
            return
        self.depth = max(0, self.depth - 1)
        self.buffer.append(f"</{RENAMED.get(tag, tag)}>")
        if self.depth == 0 and tag == self.current_tag:
            self._flush()

    def handle_data(self, data):
        self.buffer.append(escape(data, quote=False))

    def handle_entityref(self, name):
        self.buffer.append(f"&{name};")

    def handle_charref(self, name):
        self.buffer.append(f"&#{name};")


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in {"br", "p", "li"} and self.chunks:
            self.chunks.append("\n")

    def handle_data(self, data):
        self.chunks.append(data)


def plain_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    parser.close()
    return re.sub(r"[ \t]+", " ", "".join(parser.chunks)).strip()


def convert(content: str) -> Converted:
    """Blocks of ("heading", text), ("quote", text) and ("paragraph", rich-text HTML)."""
    shortcodes = len(SHORTCODE.findall(content))
    splitter = _Splitter()
    splitter.feed(sanitise(autop(content)))
    splitter.close()
    splitter._flush()
    blocks: list[tuple[str, str]] = []
    rich: list[str] = []

    def flush_rich():
        if rich:
            blocks.append(("paragraph", "".join(rich)))
            rich.clear()

    for tag, html in splitter.parts:
        if tag in {"h2", "h3", "h4"} and len(text := plain_text(html)) <= HEADING_MAX:
            flush_rich()
            blocks.append(("heading", text))
        elif tag in {"h2", "h3", "h4"}:
            rich.append(f"<p><b>{escape(plain_text(html), quote=False)}</b></p>")
        elif tag == "blockquote":
            flush_rich()
            blocks.append(("quote", plain_text(html)))
        elif tag in {"p", "ul", "ol"}:
            rich.append(html)
        else:
            rich.append(f"<p>{html.strip()}</p>")
    flush_rich()
    return Converted(blocks=[block for block in blocks if block[1].strip()], shortcodes=shortcodes)
