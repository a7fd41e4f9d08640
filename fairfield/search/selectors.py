"""Searching live, public articles through the search index, ranked in the database in one query."""

import datetime as dt
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connections, router
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from wagtail.search.models import IndexEntry
from wagtail.search.utils import get_descendants_content_types_pks

from fairfield.publishing.models import ArticleContributor, ArticlePage, SectionPage

MAX_TERMS = 12
EXCERPT_CHARS = 240
# Results are counted and paged up to this many; beyond it the page says "more than".
MAX_COUNTED = 1000
# A match in the title counts this many times a match in the body.
TITLE_WEIGHT = 3.0
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


def visible_articles(*, section=None, date_from=None, date_to=None):
    """Live, public articles, narrowed to a section and whole days in the site's time zone."""
    articles = ArticlePage.objects.live().public()
    if section is not None:
        articles = articles.child_of(section)
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
    return articles


@dataclass(frozen=True)
class Hits:
    """The ranked primary keys of matching articles, best first, at most MAX_COUNTED of them."""

    pks: list[int]
    more: bool  # True when more than MAX_COUNTED articles matched

    def __len__(self):
        return len(self.pks)


def articles_search(terms: list[str], *, section=None, date_from=None, date_to=None) -> Hits:
    """Matching live, public articles ranked by relevance, in one query against the search index.

    The index is Wagtail's own (``wagtailsearch_indexentry``), kept up to date by Wagtail whenever a
    page is published, saved or unpublished. On SQLite its FTS5 table is ranked with ``bm25()``; on
    PostgreSQL its ``tsvector`` columns are matched through a GIN index and ranked with ``ts_rank``.
    Ranking and the visibility rules run inside the database, in one statement: no query per match.
    """
    if not terms:
        return Hits([], False)
    visible = visible_articles(section=section, date_from=date_from, date_to=date_to).values("pk")
    using = router.db_for_read(IndexEntry)
    connection = connections[using]
    visible_sql, visible_params = visible.query.get_compiler(using=using).as_sql()
    content_types = tuple(get_descendants_content_types_pks(ArticlePage))
    placeholders = ", ".join(["%s"] * len(content_types))
    entries = IndexEntry._meta.db_table
    if connection.vendor == "postgresql":
        sql = f"""
            SELECT CAST(e.object_id AS integer) AS pk,
                   ts_rank(e.title, q.query) * {TITLE_WEIGHT} + ts_rank(e.body, q.query) AS score
            FROM {entries} e, plainto_tsquery(%s) AS q(query)
            WHERE (e.title || e.body) @@ q.query
              AND e.content_type_id IN ({placeholders})
              AND CAST(e.object_id AS integer) IN ({visible_sql})
            ORDER BY score DESC, pk DESC
            LIMIT %s
        """  # noqa: S608 -- table names are the models' own; every value is a parameter
        params = [" ".join(terms), *content_types, *visible_params, MAX_COUNTED + 1]
    else:
        fts = f"{entries}_fts"
        # FTS5 columns: autocomplete, body, title. Each term is quoted, so no word is an operator.
        sql = f"""
            WITH matches AS (
                SELECT rowid AS entry_id, bm25({fts}, 0.0, 1.0, {TITLE_WEIGHT}) AS score
                FROM {fts} WHERE {fts} MATCH %s
            )
            SELECT CAST(e.object_id AS integer) AS pk, matches.score AS score
            FROM matches JOIN {entries} e ON e.id = matches.entry_id
            WHERE e.content_type_id IN ({placeholders})
              AND CAST(e.object_id AS integer) IN ({visible_sql})
            ORDER BY score, pk DESC
            LIMIT %s
        """  # noqa: S608 -- table names are the models' own; every value is a parameter
        params = [" ".join(f'"{term}"' for term in terms), *content_types, *visible_params, MAX_COUNTED + 1]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        pks = [row[0] for row in cursor.fetchall()]
    return Hits(pks[:MAX_COUNTED], len(pks) > MAX_COUNTED)


def articles_in_order(pks: list[int]) -> list[ArticlePage]:
    """The articles with these primary keys in that order, bylines and tags prefetched (three queries)."""
    if not pks:
        return []
    articles = ArticlePage.objects.filter(pk__in=pks).prefetch_related(
        Prefetch("article_contributors", queryset=ArticleContributor.objects.select_related("contributor")),
        "tags",
    )
    by_pk = {article.pk: article for article in articles}
    return [by_pk[pk] for pk in pks if pk in by_pk]


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
