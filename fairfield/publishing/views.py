from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from taggit.models import Tag

from fairfield.publishing import reading as reading_prefs
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


@never_cache
@require_http_methods(["GET", "POST"])
def reading(request):
    """The reader's choices: content notes to fold and quiet mode, kept in this browser's cookies."""
    from fairfield.publishing.models import ContentNote

    if request.method == "POST":
        response = redirect("publishing:reading")
        if request.POST.get("clear"):
            response.delete_cookie(reading_prefs.FOLD_COOKIE)
            response.delete_cookie(reading_prefs.QUIET_COOKIE)
            messages.success(request, _("Your reading choices are cleared."))
            return response
        fold = sorted(reading_prefs.notes_parse(",".join(request.POST.getlist("fold"))))
        cookie = {"max_age": reading_prefs.COOKIE_SECONDS, "samesite": "Lax", "httponly": True}
        if fold:
            response.set_cookie(reading_prefs.FOLD_COOKIE, ",".join(fold), **cookie)
        else:
            response.delete_cookie(reading_prefs.FOLD_COOKIE)
        if request.POST.get("quiet") == "1":
            response.set_cookie(reading_prefs.QUIET_COOKIE, "1", **cookie)
        else:
            response.delete_cookie(reading_prefs.QUIET_COOKIE)
        messages.success(request, _("Your reading choices are saved in this browser."))
        return response
    choices = reading_prefs.reading_choices(request)
    feed_query = urlencode({"fold": ",".join(sorted(choices.fold))}) if choices.fold else ""
    return render(request, "publishing/reading.html", {"notes": ContentNote.choices, "feed_query": feed_query})
