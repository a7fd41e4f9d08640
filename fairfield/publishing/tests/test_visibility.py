"""Pages under a view restriction never reach listings, and the cached restriction list follows every change."""

import pytest
from wagtail.models import PageViewRestriction

from fairfield.publishing.models import ArticlePage, RelatedArticle
from fairfield.publishing.selectors import articles_published
from fairfield.publishing.tests.factories import article_publish, section_create
from fairfield.publishing.visibility import public_q, restricted_paths


@pytest.fixture
def section(db):
    return section_create()


def restrict(page) -> PageViewRestriction:
    return PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)


def test_a_restricted_article_leaves_the_listings_as_soon_as_it_is_restricted(section):
    open_article = article_publish(section, title="Open to all")
    hidden = article_publish(section, title="Members only")
    assert set(articles_published()) == {open_article, hidden}

    restriction = restrict(hidden)
    assert list(articles_published()) == [open_article]

    restriction.delete()
    assert set(articles_published()) == {open_article, hidden}


def test_restricting_a_section_hides_everything_below_it(section):
    article = article_publish(section)
    other = article_publish(section_create(title="News", slug="news"))
    restrict(section)

    assert list(ArticlePage.objects.filter(public_q())) == [other]
    assert article not in articles_published()


def test_the_restricted_paths_are_read_once_and_then_come_from_the_cache(section, django_assert_num_queries):
    restrict(section)
    restricted_paths()

    with django_assert_num_queries(0):
        assert restricted_paths() == [section.path]


def test_a_restricted_related_article_is_not_offered_under_another(client, section):
    hidden = article_publish(section, title="Members only")
    article = article_publish(section, title="Open to all")
    RelatedArticle.objects.create(article=article, related=hidden, sort_order=0)
    assert "Members only" in client.get(article.url).content.decode()

    restrict(hidden)
    article.save()  # the page cache renews on save; the related list must now leave the hidden page out

    assert "Members only" not in client.get(article.url).content.decode()
