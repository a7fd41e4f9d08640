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
