from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class BodyBlock(blocks.StreamBlock):
    """The blocks any plain page may use."""

    heading = blocks.CharBlock(form_classname="title", label=_("Heading"), max_length=120)
    paragraph = blocks.RichTextBlock(features=["bold", "italic", "link", "ol", "ul"], label=_("Paragraph"))
    quote = blocks.BlockQuoteBlock(label=_("Quote"))

    class Meta:
        # The stream's own template picks each child's template, rather than `template=` on the
        # children: child block arguments are part of the migration state, the stream's Meta is not.
        template = "base/blocks/body.html"
