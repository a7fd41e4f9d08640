"""Reads of published articles, each at a constant number of queries however many there are."""

from django.db.models import Exists, F, OuterRef, Prefetch, Subquery, Window
from django.db.models.functions import Coalesce, RowNumber, Substr

from fairfield.publishing.models import ArticleContributor, ArticlePage, Contributor, SectionPage
from fairfield.publishing.visibility import public_q

SURVIVOR_LEAD_COUNT = 4
PER_SECTION_ON_HOME = 3
HOME_CANDIDATES = 300


def articles_published():
    """Live, public articles, newest first, with their bylines and tags fetched in two more queries."""
    return (
        ArticlePage.objects.live()
        .filter(public_q())
        .defer("body")
        .annotate(sort_date=Coalesce("publication_date", "first_published_at"))
        .order_by(F("sort_date").desc(nulls_last=True), "-pk")
        .prefetch_related(
            Prefetch("article_contributors", queryset=ArticleContributor.objects.select_related("contributor")),
            "tags",
        )
    )


def articles_featured(home) -> list:
    """The editors' picks, in their order; withdrawn or unpublished picks drop out."""
    order = {
        article_id: position for position, article_id in enumerate(home.features.values_list("article_id", flat=True))
    }
    picks = articles_published().filter(pk__in=order)
    return sorted(picks, key=lambda article: order[article.pk])


def articles_latest(*, limit: int):
    return articles_published()[:limit]


def articles_in_section(section):
    return articles_published().child_of(section)


def articles_by_survivors():
    survivor_credit = ArticleContributor.objects.filter(article=OuterRef("pk"), contributor__is_survivor=True)
    return articles_published().filter(Exists(survivor_credit))


def articles_by_contributor(contributor: Contributor):
    """What readers may know this contributor wrote: never the pieces published under initials or anonymously."""
    return articles_published().filter(
        article_contributors__contributor=contributor, article_contributors__byline="name"
    )


def articles_with_tag(slug: str):
    return articles_published().filter(tags__slug=slug)


def home_page_articles(home, *, exclude_ids=()):
    """Survivor writing first, then the newest few of every section: (lead, [(section, articles), ...]).

    Both lists are drawn from the newest HOME_CANDIDATES articles, picked through the index on
    first_published_at, so the home page costs the same with a hundred articles or a hundred thousand:
    a section with nothing among them simply waits for its next piece to reappear.
    """
    candidates = (
        ArticlePage.objects.live().descendant_of(home).order_by("-first_published_at").values("pk")[:HOME_CANDIDATES]
    )
    recent = Subquery(candidates)
    lead = list(articles_by_survivors().filter(pk__in=recent).exclude(pk__in=exclude_ids)[:SURVIVOR_LEAD_COUNT])
    shown = {*exclude_ids, *(article.pk for article in lead)}
    section_path = Substr("path", 1, ArticlePage.steplen * (home.depth + 1))
    newest_per_section = (
        articles_published()
        .filter(pk__in=recent)
        .exclude(pk__in=shown)
        .annotate(
            section_path=section_path,
            rank=Window(RowNumber(), partition_by=[section_path], order_by=[F("sort_date").desc(), F("pk").desc()]),
        )
        .filter(rank__lte=PER_SECTION_ON_HOME)
    )
    by_section = {}
    for article in newest_per_section:
        by_section.setdefault(article.section_path, []).append(article)
    sections = SectionPage.objects.child_of(home).live().filter(public_q()).only("title", "url_path", "path")
    return lead, [(section, by_section[section.path]) for section in sections if section.path in by_section]


def contributors_public():
    """Contributors with at least one live article under their own name."""
    credited = ArticleContributor.objects.filter(
        contributor=OuterRef("pk"), byline="name", article__live=True, article__view_restrictions__isnull=True
    )
    return Contributor.objects.filter(Exists(credited))
