from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from taggit.models import Tag

from fairfield.publishing import selectors
from fairfield.publishing.models import ARTICLES_PER_PAGE, Topic


def _page_of(queryset, request):
    """A page of articles; a missing, garbled or out-of-range ?page= gets the nearest real page, never an error."""
    return Paginator(queryset, ARTICLES_PER_PAGE).get_page(request.GET.get("page"))


def contributor_list(request):
    return render(request, "publishing/contributor_list.html", {"contributors": selectors.contributors_public()})


def contributor_detail(request, slug):
    # Someone who only ever wrote under initials or anonymously has no public page at all.
    contributor = get_object_or_404(selectors.contributors_public(), slug=slug)
    articles = _page_of(selectors.articles_by_contributor(contributor), request)
    return render(request, "publishing/contributor_detail.html", {"contributor": contributor, "articles": articles})


def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    articles = _page_of(selectors.articles_with_tag(tag.slug), request)
    return render(request, "publishing/tag_detail.html", {"tag": tag, "articles": articles})


def topic_detail(request, slug):
    topic = get_object_or_404(Topic, slug=slug)
    articles = _page_of(selectors.articles_published().filter(topics=topic), request)
    return render(request, "publishing/topic_detail.html", {"topic": topic, "articles": articles})
