"""Search ranks in the database in one query, caps what it counts, and keeps its visibility rules."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

from fairfield.publishing.tests.factories import article_publish, section_create
from fairfield.search import selectors

pytestmark = pytest.mark.django_db

URL = "/search/"


@pytest.fixture
def stories():
    return section_create()


def titles(response):
    return [article.title for article in response.context["results"]]


def paragraph(text):
    return [("paragraph", RichText(f"<p>{text}</p>"))]


def test_a_match_in_the_title_outranks_a_match_in_the_body(client, stories):
    article_publish(stories, title="Letters home", body=paragraph("A note about the ferry timetable."))
    article_publish(stories, title="The ferry", body=paragraph("Crossing over."))
    article_publish(stories, title="Unrelated", body=paragraph("Nothing here."))
    assert titles(client.get(URL, {"q": "ferry"})) == ["The ferry", "Letters home"]


def test_every_word_must_match_somewhere_in_the_article(client, stories):
    article_publish(stories, title="Quiet harbour", body=paragraph("Gulls over the water."))
    article_publish(stories, title="Quiet street", body=paragraph("Nobody about."))
    assert titles(client.get(URL, {"q": "quiet gulls"})) == ["Quiet harbour"]


@pytest.mark.parametrize("count", [3, 9])
def test_ranking_takes_one_query_however_many_articles_match(stories, count):
    for number in range(count):
        article_publish(stories, title=f"Lantern {number}")
    with CaptureQueriesContext(connection) as captured:
        hits = selectors.articles_search(["lantern"])
    assert len(hits) == count
    ranking = [query for query in captured.captured_queries if "wagtailsearch_indexentry" in query["sql"]]
    assert len(ranking) == 1
    assert len(captured) <= 2  # the ranking, and Wagtail's look-up of view restrictions


def test_results_beyond_the_cap_are_not_counted_and_the_page_says_more(client, stories, monkeypatch):
    monkeypatch.setattr(selectors, "MAX_COUNTED", 3)
    for number in range(5):
        article_publish(stories, title=f"Kettle {number}")
    response = client.get(URL, {"q": "kettle"})
    page = response.content.decode()
    assert "More than 3 articles found" in page
    assert response.context["results"].paginator.count == 3
    assert len(titles(response)) == 3


def test_results_are_paged_in_rank_order_without_repeats(client, stories):
    for number in range(23):
        article_publish(stories, title=f"Compass {number}")
    seen = []
    for page in ("1", "2", "3"):
        seen += titles(client.get(URL, {"q": "compass", "page": page}))
    assert len(seen) == len(set(seen)) == 23
    assert "23 articles found" in client.get(URL, {"q": "compass"}).content.decode()


@pytest.mark.parametrize(
    "restriction",
    [
        {"restriction_type": PageViewRestriction.PASSWORD, "password": "x"},
        {"restriction_type": PageViewRestriction.LOGIN},
        {"restriction_type": PageViewRestriction.GROUPS},
    ],
)
def test_restricted_articles_and_everything_under_a_restricted_section_never_appear(
    client, stories, django_user_model, restriction
):
    private_section = section_create(title="Closed", slug="closed")
    article_publish(private_section, title="Closed about otters")
    restricted = article_publish(stories, title="Restricted about otters")
    article_publish(stories, title="Open about otters")
    for page in (private_section, restricted):
        made = PageViewRestriction.objects.create(page=page, **restriction)
        if restriction["restriction_type"] == PageViewRestriction.GROUPS:
            made.groups.add(Group.objects.get_or_create(name="Insiders")[0])
    assert titles(client.get(URL, {"q": "otters"})) == ["Open about otters"]
    # Signed in makes no difference: search lists public articles only.
    client.force_login(django_user_model.objects.create_user("searcher", password="x" * 20))
    assert titles(client.get(URL, {"q": "otters"})) == ["Open about otters"]


def test_words_that_are_search_operators_are_searched_as_words(client, stories):
    article_publish(stories, title="Near and not far", body=paragraph("Or so it seemed."))
    assert titles(client.get(URL, {"q": "NEAR NOT"})) == ["Near and not far"]
