from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from fairfield.search import selectors
from fairfield.search.forms import MAX_QUERY_LENGTH, SearchForm

RESULTS_PER_PAGE = 10


@require_safe
def index(request):
    """Search live, public articles; any input gives a page of results or a friendly note."""
    sections = selectors.sections_for_filter()
    form = SearchForm(request.GET, sections=sections)
    form.is_valid()
    notes = [str(error) for field in ("section", "date_from", "date_to") for error in form.errors.get(field, [])]
    data = form.cleaned_data
    query = _clean_query(data.get("q", ""))
    if len(query) > MAX_QUERY_LENGTH:
        query = query[:MAX_QUERY_LENGTH]
        notes.append(
            _("Your search was very long, so we used only its first %(count)s characters.")
            % {"count": MAX_QUERY_LENGTH}
        )
    terms = selectors.search_terms(query)
    if query and not terms:
        notes.append(_("Search looks for words and numbers; try a few words from the article you want."))
    results, more = None, False
    if terms:
        hits = selectors.articles_search(
            terms, section=data.get("section"), date_from=data.get("date_from"), date_to=data.get("date_to")
        )
        more = hits.more
        results = Paginator(hits.pks, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        results.object_list = selectors.articles_in_order(list(results.object_list))
        section_by_path = {section.path: section for section in sections}
        for article in results:
            article.search_title = selectors.highlight(article.title, terms)
            article.search_excerpt = selectors.excerpt(article, terms)
            article.section = section_by_path.get(article.path[: -article.steplen])
    filters = request.GET.copy()
    filters.pop("page", None)
    filters["q"] = query
    return render(
        request,
        "search/index.html",
        {
            "query": query,
            "results": results,
            "more": more,
            "max_counted": selectors.MAX_COUNTED,
            "sections": sections,
            "selected_section": data.get("section"),
            "date_from": _clean_query(request.GET.get("from", ""))[:20],
            "date_to": _clean_query(request.GET.get("to", ""))[:20],
            "notes": notes,
            "page_query": filters.urlencode(),
        },
    )


def _clean_query(query: str) -> str:
    """Control characters and lone surrogates out, so the query can be shown and searched safely."""
    query = query.encode("utf-8", "replace").decode("utf-8")
    return "".join(char for char in query if char.isprintable() or char == " ").strip()
