from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from fairfield.publishing import selectors
from fairfield.publishing.models import ARTICLES_PER_PAGE, Contributor


def contributor_list(request):
    return render(request, "publishing/contributor_list.html", {"contributors": selectors.contributors_public()})


def contributor_detail(request, slug):
    contributor = get_object_or_404(Contributor, slug=slug)
    articles = Paginator(selectors.articles_by_contributor(contributor), ARTICLES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "publishing/contributor_detail.html", {"contributor": contributor, "articles": articles})
