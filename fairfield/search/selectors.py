"""Searching live, public articles with Wagtail's search backend."""

import datetime as dt
import html
import re
from collections.abc import Iterable

from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from fairfield.publishing.models import ArticleContributor, ArticlePage, SectionPage

MAX_TERMS = 12
EXCERPT_CHARS = 240
# Letters and digits only: operators, quotes and SQL punctuation never reach the search backend.
TERM = re.compile(r"\w+", re.UNICODE)


def search_terms(query: str) -> list[str]:
    """The words of a reader's query, without duplicates, at most MAX_TERMS of them."""
    seen = []
    for match in TERM.finditer(query):
        word = match.group().replace("_", "")
        if word and word.casefold() not in {w.casefold() for w in seen}:
            seen.append(word)
    return seen[:MAX_TERMS]


def sections_for_filter():
    return list(SectionPage.objects.live().public().order_by("title").only("title", "slug", "path", "url_path"))


def articles_search(terms: list[str], *, section=None, date_from=None, date_to=None):
    """Matching articles by relevance, with bylines and tags prefetched in two more queries."""
    articles = (
        ArticlePage.objects.live()
        .public()
        .prefetch_related(
            Prefetch("article_contributors", queryset=ArticleContributor.objects.select_related("contributor")),
            "tags",
        )
    )
    if section is not None:
        articles = articles.child_of(section)
    # Whole days in the site's time zone; the search backend filters on plain comparisons only.
    if date_from is not None:
        start = _start_of(date_from)
        articles = articles.filter(
            Q(publication_date__gte=start) | Q(publication_date__isnull=True, first_published_at__gte=start)
        )
    if date_to is not None and date_to < dt.date.max:
        end = _start_of(date_to + dt.timedelta(days=1))
        articles = articles.filter(
            Q(publication_date__lt=end) | Q(publication_date__isnull=True, first_published_at__lt=end)
        )
    return articles.search(" ".join(terms), operator="and")


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def highlight(text: str, terms: list[str]) -> str:
    """text escaped, with each occurrence of a term wrapped in <mark>."""
    if not terms:
        return escape(text)
    pattern = re.compile("|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True)), re.IGNORECASE)
    parts, position = [], 0
    for match in pattern.finditer(text):
        parts.append(escape(text[position : match.start()]))
        parts.append(f"<mark>{escape(match.group())}</mark>")
        position = match.end()
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))


def excerpt(article, terms: list[str]) -> str:
    """A short passage of standfirst and body around the first match, highlighted."""
    text = " ".join([article.standfirst, *_body_texts(article.body.raw_data)])
    text = re.sub(r"\s+", " ", text).strip()
    start = 0
    lowered = text.casefold()
    hits = [lowered.find(term.casefold()) for term in terms]
    hits = [hit for hit in hits if hit >= 0]
    if hits:
        start = max(0, min(hits) - EXCERPT_CHARS // 3)
        if start:
            space = text.find(" ", start)
            start = space + 1 if 0 <= space < min(hits) else start
    passage = Truncator(text[start:]).chars(EXCERPT_CHARS)
    return mark_safe(("… " if start else "") + highlight(passage, terms))


def _body_texts(data):
    if isinstance(data, str):
        yield html.unescape(strip_tags(data))
    elif isinstance(data, dict):
        yield from _body_texts(data.get("value", data) if "type" in data else list(data.values()))
    elif isinstance(data, Iterable):  # lists, and StreamField's RawDataView
        for item in data:
            yield from _body_texts(item)
