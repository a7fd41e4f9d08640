"""The read-only public API (Wagtail API v2): live, public articles and the sections they sit in.

Fields are listed here rather than on the models so that nothing reaches the API by accident:
no owner, no contributor account, and bylines only as readers see them. Images and documents
have no endpoint, since collections can hold files that are not meant for readers.
"""

from django.db.models import Prefetch
from django.urls import reverse
from rest_framework import serializers
from wagtail.api import APIField
from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet

from fairfield.publishing.models import ArticleContributor, ArticlePage, SectionPage
from fairfield.search.forms import MAX_QUERY_LENGTH
from fairfield.search.selectors import search_terms

API_NAMESPACE = "syndication:api"


class WordSearchFilter(SearchFilter):
    """?search= with its words only: the SQLite full-text syntax fails on stray quotes and operators."""

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        if request.GET.get("search_operator", "or") not in {"and", "or"}:
            raise BadRequestError("search_operator must be 'and' or 'or'")
        terms = search_terms(request.GET["search"][:MAX_QUERY_LENGTH])
        if not terms:
            return queryset.none()
        params = request.GET.copy()
        params["search"] = " ".join(terms)
        request._request.GET = params
        return super().filter_queryset(request, queryset, view)


class BylinesField(serializers.Field):
    """Each credit as {"name": public name, "url": author page or null}; withheld names stay withheld."""

    def __init__(self, **kwargs):
        super().__init__(source="article_contributors", read_only=True, **kwargs)

    def to_representation(self, credits):
        request = self.context.get("request")
        bylines = []
        for credit in credits.all():
            url = None
            if credit.is_public:
                url = reverse("publishing:contributor", args=[credit.contributor.slug])
                url = request.build_absolute_uri(url) if request else url
            bylines.append({"name": credit.public_name, "url": url})
        return bylines


class TagsField(serializers.Field):
    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, tags):
        return [tag.name for tag in tags.all()]


class ContentNotesField(serializers.Field):
    def __init__(self, **kwargs):
        super().__init__(source="content_note_labels", read_only=True, **kwargs)

    def to_representation(self, labels):
        return list(labels)


class PublicationDateField(serializers.Field):
    def __init__(self, **kwargs):
        super().__init__(source="date", read_only=True, **kwargs)

    def to_representation(self, value):
        return value.isoformat() if value else None


ARTICLE_FIELDS = [
    APIField("standfirst"),
    APIField("publication_date", serializer=PublicationDateField()),
    APIField("bylines", serializer=BylinesField()),
    APIField("tags", serializer=TagsField()),
    APIField("content_notes", serializer=ContentNotesField()),
    APIField("body"),
]
SECTION_FIELDS = [APIField("description")]


class PublicPagesAPIViewSet(PagesAPIViewSet):
    """GET only; articles and sections that anyone may read, with a fixed list of fields."""

    http_method_names = ["get", "head", "options"]
    filter_backends = [*PagesAPIViewSet.filter_backends[:-1], WordSearchFilter]
    meta_fields = ["type", "detail_url", "html_url", "slug", "first_published_at", "parent"]
    listing_default_fields = ["id", "type", "detail_url", "title", "html_url", "first_published_at"]

    @classmethod
    def get_detail_default_fields(cls, model):
        # PagesAPIViewSet would drop "locale", which this endpoint never lists.
        return super(PagesAPIViewSet, cls).get_detail_default_fields(model)

    @classmethod
    def get_body_fields(cls, model):
        extra = []
        if issubclass(model, ArticlePage):
            extra = ARTICLE_FIELDS
        elif issubclass(model, SectionPage):
            extra = SECTION_FIELDS
        return cls._convert_api_fields([*cls.body_fields, *extra])

    @classmethod
    def get_meta_fields(cls, model):
        return cls._convert_api_fields(cls.meta_fields)

    def get_base_queryset(self):
        return super().get_base_queryset().type(ArticlePage, SectionPage)

    def get_queryset(self):
        queryset = super().get_queryset()
        if issubclass(queryset.model, ArticlePage):
            queryset = queryset.prefetch_related(
                Prefetch("article_contributors", queryset=ArticleContributor.objects.select_related("contributor")),
                "tags",
            )
        return queryset


api_router = WagtailAPIRouter(API_NAMESPACE)
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
