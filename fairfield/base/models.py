from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page

from fairfield.base.blocks import BodyBlock


class HomePage(Page):
    """The front page: a welcome, then the newest writing."""

    intro = RichTextField(features=["bold", "italic", "link"], blank=True, verbose_name=_("introduction"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        InlinePanel("features", label=_("Featured articles"), max_num=6),
    ]
    subpage_types = ["base.StandardPage", "publishing.SectionPage", "donations.SupportPage"]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        from fairfield.publishing.selectors import articles_featured, home_page_articles

        context = super().get_context(request, *args, **kwargs)
        featured = articles_featured(self)
        lead, sections = home_page_articles(self, exclude_ids=[article.pk for article in featured])
        context.update(featured_articles=featured, survivor_articles=lead, section_articles=sections)
        return context


class HomeFeature(Orderable):
    """An article the editors chose to show at the top of the home page."""

    home = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="features")
    article = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("article")
    )

    panels = [PageChooserPanel("article", "publishing.ArticlePage")]


class StandardPage(Page):
    """About, community guidelines, privacy: prose pages editors keep up to date."""

    standfirst = models.CharField(_("standfirst"), max_length=300, blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("standfirst"), FieldPanel("body")]
    subpage_types = ["base.StandardPage"]
