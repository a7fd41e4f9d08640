import re
from urllib.parse import parse_qs, urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=300,
        help_text=_("Describe the image for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=300)

    class Meta:
        icon = "image"
        template = "publishing/blocks/image.html"

    def clean(self, value):
        value = super().clean(value)
        if not value.get("alt_text", "").strip():
            raise blocks.StructBlockValidationError({"alt_text": ValidationError(_("Alternative text is required."))})
        return value


class PullQuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"), max_length=400)
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, max_length=120)

    class Meta:
        icon = "openquote"
        template = "publishing/blocks/pull_quote.html"


class SourceBlock(blocks.StructBlock):
    citation = blocks.RichTextBlock(features=["bold", "italic", "link"], label=_("Citation"))

    class Meta:
        icon = "list-ol"


class FootnotesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), default="Sources", max_length=80)
    notes = blocks.ListBlock(SourceBlock(), label=_("Notes"))

    class Meta:
        icon = "list-ol"
        template = "publishing/blocks/footnotes.html"


_VIDEO_ID = re.compile(r"^[A-Za-z0-9_-]{6,64}$")
_PEERTUBE_PATH = re.compile(r"^/(?:videos/watch|videos/embed|w)/([A-Za-z0-9-]{6,64})/?$")


def embed_player_url(url: str) -> str | None:
    """The address of the provider's player for a video we know how to embed, else None.

    YouTube goes through its no-cookie domain; PeerTube is recognised by its URL shape on any host.
    """
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme != "https" or not parts.hostname:
        return None
    host = parts.hostname.lower().removeprefix("www.").removeprefix("m.")
    path = parts.path
    if host in {"youtube.com", "youtube-nocookie.com"}:
        video = parse_qs(parts.query).get("v", [""])[0] if path == "/watch" else ""
        match = re.match(r"^/(?:embed|shorts|live)/([^/]+)/?$", path)
        video = video or (match.group(1) if match else "")
        return f"https://www.youtube-nocookie.com/embed/{video}" if _VIDEO_ID.match(video) else None
    if host == "youtu.be":
        video = path.strip("/")
        return f"https://www.youtube-nocookie.com/embed/{video}" if _VIDEO_ID.match(video) else None
    if host in {"vimeo.com", "player.vimeo.com"}:
        match = re.match(r"^/(?:video/)?(\d{1,12})/?$", path)
        return f"https://player.vimeo.com/video/{match.group(1)}" if match else None
    match = _PEERTUBE_PATH.match(path)
    if match:
        netloc = parts.hostname.lower() + (f":{parts.port}" if parts.port else "")
        return f"https://{netloc}/videos/embed/{match.group(1)}"
    return None


def embed_origin(url: str) -> str | None:
    """The origin the page's Content-Security-Policy must allow as a frame source for this embed."""
    player = embed_player_url(url)
    if player is None:
        return None
    parts = urlsplit(player)
    return f"{parts.scheme}://{parts.netloc}"


class ConsentEmbedBlock(blocks.StructBlock):
    """An external video or post that loads only after the reader asks for it.

    Nothing is requested from the other site until the reader clicks; before that
    the page shows a plain link and the provider's name.
    """

    url = blocks.URLBlock(label=_("Address of the video or post"))
    provider = blocks.CharBlock(label=_("Provider name"), max_length=60, help_text=_("e.g. PeerTube, Vimeo"))
    title = blocks.CharBlock(label=_("Title"), max_length=200)

    class Meta:
        icon = "media"
        template = "publishing/blocks/embed.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["player_url"] = embed_player_url(value["url"])
        return context


class ArticleBodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        form_classname="title", label=_("Heading"), max_length=120, template="base/blocks/heading.html"
    )
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul", "superscript"], label=_("Paragraph")
    )
    quote = blocks.BlockQuoteBlock(label=_("Block quote"), template="base/blocks/quote.html")
    image = ImageBlock()
    pull_quote = PullQuoteBlock()
    footnotes = FootnotesBlock(label=_("Footnotes and sources"))
    embed = ConsentEmbedBlock(label=_("Embed (loads after the reader clicks)"))
