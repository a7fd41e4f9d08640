from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from fairfield.base.blocks import BodyBlock

ARTICLES_PER_PAGE = 20


class SectionPage(Page):
    """A section of the magazine (Blogs, Personal Stories, News …) listing its articles."""

    description = models.CharField(_("description"), max_length=300, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("description")]
    parent_page_types = ["base.HomePage"]
    subpage_types = ["publishing.ArticlePage"]

    def get_context(self, request, *args, **kwargs):
        from fairfield.publishing.selectors import articles_in_section

        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(articles_in_section(self), ARTICLES_PER_PAGE)
        context["articles"] = paginator.get_page(request.GET.get("page"))
        return context


class ArticlePage(Page):
    standfirst = models.CharField(_("standfirst"), max_length=400, blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
    )

    content_panels = [*Page.content_panels, FieldPanel("standfirst"), FieldPanel("author"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("standfirst"), index.SearchField("body")]
    parent_page_types = ["publishing.SectionPage"]
    subpage_types = []
