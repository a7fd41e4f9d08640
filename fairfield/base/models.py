from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from fairfield.base.blocks import BodyBlock


class HomePage(Page):
    """The front page: a welcome, then the newest writing."""

    intro = RichTextField(features=["bold", "italic", "link"], blank=True, verbose_name=_("introduction"))

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["base.StandardPage", "publishing.SectionPage"]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        from fairfield.publishing.selectors import articles_latest

        context = super().get_context(request, *args, **kwargs)
        context["latest_articles"] = articles_latest(limit=10)
        return context


class StandardPage(Page):
    """About, community guidelines, privacy: prose pages editors keep up to date."""

    standfirst = models.CharField(_("standfirst"), max_length=300, blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("standfirst"), FieldPanel("body")]
    subpage_types = ["base.StandardPage"]
