"""The read-only public API: live, public articles and sections, with only the fields readers may see."""

import datetime as dt
import json

import pytest
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

from fairfield.publishing.models import Byline, ContentNote
from fairfield.publishing.tests.factories import ContributorFactory, article_publish, section_create

pytestmark = pytest.mark.django_db

PAGES = "/api/v2/pages/"
ARTICLE_KEYS = {"id", "meta", "title", "standfirst", "publication_date", "bylines", "tags", "content_notes", "body"}


@pytest.fixture
def stories():
    return section_create()


@pytest.fixture
def hidden(editor):
    return ContributorFactory(display_name="Morwenna Quillfeather", slug="morwenna-quillfeather", account=editor)


@pytest.fixture
def article(stories, hidden, editor):
    named = ContributorFactory(display_name="Rowan Ashdown", slug="rowan-ashdown", account=None)
    article = article_publish(
        stories,
        title="What the ward taught me",
        slug="ward",
        standfirst="Seven days on an acute ward.",
        body=[("paragraph", RichText("<p>The body.</p>"))],
        contributors=[(named, Byline.NAME), (hidden, Byline.ANONYMOUS)],
        content_notes=[ContentNote.RESTRAINT],
        content_note_other="Hospital smells",
        publication_date=dt.datetime(2025, 5, 1, 9, tzinfo=dt.UTC),
        owner=editor,
    )
    article.tags.add("wards")
    article.save_revision().publish()
    return article


def get_json(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    return response.json()


def test_an_article_shows_its_public_fields_and_nothing_else(client, article):
    data = get_json(client, f"{PAGES}{article.pk}/")
    assert set(data) == ARTICLE_KEYS
    assert set(data["meta"]) == {"type", "detail_url", "html_url", "slug", "first_published_at", "parent"}
    assert data["title"] == "What the ward taught me"
    assert data["standfirst"] == "Seven days on an acute ward."
    assert data["publication_date"].startswith("2025-05-01T09:00:00")
    assert data["bylines"] == [
        {"name": "Rowan Ashdown", "url": "http://testserver/authors/rowan-ashdown/"},
        {"name": "Anonymous", "url": None},
    ]
    assert data["tags"] == ["wards"]
    assert data["content_notes"] == ["Restraint", "Hospital smells"]
    assert data["body"][0]["type"] == "paragraph"
    assert "The body." in data["body"][0]["value"]
    assert data["meta"]["html_url"] == "http://localhost/stories/ward/"


@pytest.mark.parametrize(
    "url",
    [
        "{pages}{pk}/",
        "{pages}?type=publishing.ArticlePage&fields=*",
        "{pages}?fields=*",
        "{pages}?type=wagtailcore.Page&fields=*",
        "{pages}?search=ward&fields=*",
        "{pages}{pk}/?fields=*,-title",
    ],
)
def test_no_response_names_an_anonymous_contributor_or_the_owner(client, article, editor, url):
    response = client.get(url.format(pages=PAGES, pk=article.pk))
    assert response.status_code == 200
    content = response.content.decode()
    for secret in ["Quillfeather", "morwenna", editor.email, editor.pseudonym, '"owner"', "account"]:
        assert secret not in content


@pytest.mark.parametrize("field", ["owner", "account", "contributor", "content_note_other", "reading_minutes"])
def test_private_or_unlisted_fields_cannot_be_asked_for(client, article, field):
    response = client.get(f"{PAGES}{article.pk}/", {"fields": field})
    assert response.status_code == 400


def test_the_listing_holds_live_public_articles_and_sections_only(client, stories, article):
    article_publish(stories, title="Secret draft", publish=False)
    protected = article_publish(stories, title="Password piece")
    PageViewRestriction.objects.create(page=protected, restriction_type=PageViewRestriction.PASSWORD, password="x")
    withdrawn = article_publish(stories, title="Withdrawn piece")
    withdrawn.unpublish()
    data = get_json(client, PAGES)
    titles = {item["title"]: item["meta"]["type"] for item in data["items"]}
    assert titles == {"Personal stories": "publishing.SectionPage", "What the ward taught me": "publishing.ArticlePage"}
    for hidden in (protected, withdrawn):
        assert client.get(f"{PAGES}{hidden.pk}/").status_code == 404


def test_standing_pages_and_the_home_page_are_not_in_the_api(client, article):
    data = get_json(client, PAGES, type="wagtailcore.Page")
    types = {item["meta"]["type"] for item in data["items"]}
    assert types == {"publishing.SectionPage", "publishing.ArticlePage"}
    home_id = article.get_parent().get_parent().pk
    assert client.get(f"{PAGES}{home_id}/").status_code == 404


def test_a_draft_is_not_found_even_by_id(client, stories):
    draft = article_publish(stories, title="Secret draft", publish=False)
    assert client.get(f"{PAGES}{draft.pk}/").status_code == 404


def test_a_section_shows_its_title_and_description(client, stories):
    data = get_json(client, f"{PAGES}{stories.pk}/")
    assert data["title"] == "Personal stories"
    assert data["description"] == "In our words."


def test_articles_can_be_listed_per_section_with_their_fields(client, stories, article):
    data = get_json(client, PAGES, type="publishing.ArticlePage", child_of=stories.pk, fields="standfirst,bylines")
    assert [item["bylines"][1]["name"] for item in data["items"]] == ["Anonymous"]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("url", [PAGES, "{pages}{pk}/"])
def test_the_api_is_read_only(client, article, method, url):
    response = getattr(client, method)(
        url.format(pages=PAGES, pk=article.pk), data="{}", content_type="application/json"
    )
    assert response.status_code == 405


@pytest.mark.parametrize("endpoint", ["images", "documents"])
def test_images_and_documents_have_no_endpoint(client, endpoint):
    assert client.get(f"/api/v2/{endpoint}/").status_code == 404


def test_the_article_listing_takes_a_constant_number_of_queries(client, stories, django_assert_max_num_queries):
    counts = []
    for batch in (3, 9):
        for _ in range(batch):
            article = article_publish(
                stories, contributors=[(ContributorFactory(), Byline.NAME), (ContributorFactory(), Byline.ANONYMOUS)]
            )
            article.tags.add("coast")
            article.save_revision().publish()
        params = {"type": "publishing.ArticlePage", "fields": "standfirst,bylines,tags,content_notes,publication_date"}
        client.get(PAGES, params)
        with django_assert_max_num_queries(12) as captured:
            data = client.get(PAGES, params).json()
        counts.append(len(captured))
        assert all(json.dumps(item["bylines"]).count("Anonymous") == 1 for item in data["items"])
    assert counts[0] == counts[1]


@pytest.mark.parametrize(
    "params",
    [
        {"search": '"'},
        {"search": 'AND OR NOT " * ( ) - +'},
        {"search": "' OR 1=1 --"},
        {"search": "ward\x00"},
        {"search": "ward", "search_operator": "and"},
        {"order": "owner"},
        {"limit": "abc"},
        {"offset": "-1"},
        {"type": "no.Such"},
        {"child_of": "abc"},
        {"fields": "(((("},
    ],
)
def test_odd_parameters_get_an_answer_never_a_server_error(client, article, params):
    assert client.get(PAGES, params).status_code in {200, 400}


def test_searching_the_api_finds_articles_by_their_words(client, article):
    for params in (
        {"search": "acute"},
        {"search": "ward", "type": "publishing.ArticlePage"},
        {"search": '"acute ward" ('},
    ):
        assert [item["title"] for item in get_json(client, PAGES, **params)["items"]] == ["What the ward taught me"]
    assert get_json(client, PAGES, search="(((")["items"] == []
