"""RSS and Atom feeds: valid, complete, and silent about anyone who did not publish under their name."""

import datetime as dt

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import PageViewRestriction, Site
from wagtail.rich_text import RichText

from fairfield.publishing.models import Byline, ContentNote, PublishingSettings
from fairfield.publishing.tests.factories import ContributorFactory, article_publish, section_create

pytestmark = pytest.mark.django_db

KINDS = ["rss", "atom"]


@pytest.fixture
def stories():
    return section_create()


@pytest.fixture
def named():
    return ContributorFactory(display_name="Rowan Ashdown", slug="rowan-ashdown")


@pytest.fixture
def hidden():
    return ContributorFactory(display_name="Morwenna Quillfeather", slug="morwenna-quillfeather")


@pytest.fixture
def magazine(stories, named, hidden):
    """A named piece, an anonymous one, one under initials, a draft and a password-protected piece."""
    public = article_publish(
        stories,
        title="What the ward taught me",
        standfirst="Seven days on an acute ward.",
        body=[
            ("paragraph", RichText('<p>The full story of the ward, in the body. <a href="/about/">About us</a></p>'))
        ],
        contributors=[(named, Byline.NAME)],
        content_notes=[ContentNote.RESTRAINT],
        publication_date=dt.datetime(2025, 5, 1, 9, tzinfo=dt.UTC),
    )
    public.tags.add("wards")
    public.save_revision().publish()
    anonymous = article_publish(
        stories, title="Nobody may know", contributors=[(hidden, Byline.ANONYMOUS), (named, Byline.NAME)]
    )
    anonymous.tags.add("wards")
    anonymous.save_revision().publish()
    article_publish(stories, title="Under initials", contributors=[(hidden, Byline.INITIALS)])
    article_publish(stories, title="Secret draft", contributors=[(named, Byline.NAME)], publish=False)
    private = article_publish(stories, title="Password piece", contributors=[(named, Byline.NAME)])
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")
    return public


def feed_urls():
    urls = []
    for kind in KINDS:
        urls += [
            reverse(f"syndication:site_{kind}"),
            reverse(f"syndication:section_{kind}", args=["stories"]),
            reverse(f"syndication:author_{kind}", args=["rowan-ashdown"]),
            reverse(f"syndication:tag_{kind}", args=["wards"]),
        ]
    return urls


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, (url, parsed.get("bozo_exception"))
    return response, parsed


def test_the_feed_urls_are_where_other_pages_link_to_them():
    assert reverse("syndication:site_rss") == "/feeds/rss/"
    assert reverse("syndication:site_atom") == "/feeds/atom/"
    assert reverse("syndication:section_atom", args=["news"]) == "/feeds/section/news/atom/"
    assert reverse("syndication:author_rss", args=["a-b"]) == "/feeds/author/a-b/rss/"
    assert reverse("syndication:tag_atom", args=["wards"]) == "/feeds/tag/wards/atom/"


@pytest.mark.parametrize("kind", KINDS)
def test_the_site_feed_has_every_required_element(client, magazine, kind):
    response, parsed = parse(client, f"/feeds/{kind}/")
    assert response["Content-Type"].startswith("application/rss+xml" if kind == "rss" else "application/atom+xml")
    assert parsed.version == ("rss20" if kind == "rss" else "atom10")
    assert parsed.feed.title == "Fairfield"
    assert parsed.feed.link.startswith("http://")
    assert {entry.title for entry in parsed.entries} == {"What the ward taught me", "Nobody may know", "Under initials"}
    for entry in parsed.entries:
        assert entry.link.startswith("http://")
        assert entry.id
        assert entry.published_parsed
        assert entry.author
    if kind == "atom":
        assert parsed.feed.updated
        assert parsed.feed.id
        assert parsed.feed.author == "Fairfield"
        assert all(entry.updated_parsed for entry in parsed.entries)


@pytest.mark.parametrize("kind", KINDS)
def test_an_entry_carries_its_link_date_bylines_tags_and_content_notes(client, magazine, kind):
    _, parsed = parse(client, f"/feeds/{kind}/")
    entry = next(entry for entry in parsed.entries if entry.title == "What the ward taught me")
    assert entry.link == f"http://testserver{magazine.url}"
    assert entry.published_parsed[:4] == (2025, 5, 1, 9)
    assert entry.author == "Rowan Ashdown"
    assert [tag.term for tag in entry.tags] == ["wards"]
    assert entry.summary.startswith("<p>Content notes: Restraint</p>")
    assert "Seven days on an acute ward." in entry.summary
    assert "The full story" not in entry.summary


@pytest.mark.parametrize("kind", KINDS)
def test_anonymous_credits_appear_as_anonymous(client, magazine, kind):
    _, parsed = parse(client, f"/feeds/{kind}/")
    entry = next(entry for entry in parsed.entries if entry.title == "Nobody may know")
    assert entry.author == "Anonymous, Rowan Ashdown"
    initials = next(entry for entry in parsed.entries if entry.title == "Under initials")
    assert initials.author == "M.Q."


@pytest.mark.parametrize("url", feed_urls())
def test_no_feed_names_a_withheld_contributor_or_shows_drafts_and_private_pieces(client, magazine, url):
    response, parsed = parse(client, url)
    content = response.content.decode()
    assert "Quillfeather" not in content
    assert "morwenna" not in content.lower()
    assert "Secret draft" not in content
    assert "Password piece" not in content
    assert parsed.entries


@pytest.mark.parametrize("kind", KINDS)
def test_an_author_feed_lists_only_what_they_published_under_their_name(client, magazine, hidden, kind):
    _, parsed = parse(client, f"/feeds/author/rowan-ashdown/{kind}/")
    assert parsed.feed.title == "Fairfield · Rowan Ashdown"
    assert {entry.title for entry in parsed.entries} == {"What the ward taught me", "Nobody may know"}
    assert client.get(f"/feeds/author/{hidden.slug}/{kind}/").status_code == 404


@pytest.mark.parametrize("kind", KINDS)
def test_section_and_tag_feeds_list_their_own_articles(client, magazine, kind):
    other = section_create(title="News", slug="news")
    article_publish(other, title="Elsewhere")
    _, section = parse(client, f"/feeds/section/stories/{kind}/")
    assert section.feed.title == "Fairfield · Personal stories"
    assert "Elsewhere" not in {entry.title for entry in section.entries}
    _, news = parse(client, f"/feeds/section/news/{kind}/")
    assert [entry.title for entry in news.entries] == ["Elsewhere"]
    _, tagged = parse(client, f"/feeds/tag/wards/{kind}/")
    assert {entry.title for entry in tagged.entries} == {"What the ward taught me", "Nobody may know"}
    assert tagged.feed.link == "http://testserver/tags/wards/"


@pytest.mark.parametrize(
    "url",
    [
        "/feeds/section/nowhere/rss/",
        "/feeds/section/nowhere/atom/",
        "/feeds/author/nobody/rss/",
        "/feeds/author/nobody/atom/",
        "/feeds/tag/nothing/rss/",
        "/feeds/tag/nothing/atom/",
    ],
)
def test_unknown_sections_authors_and_tags_are_not_found(client, magazine, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("kind", KINDS)
def test_the_full_text_setting_puts_the_whole_body_in_the_feed(client, magazine, kind):
    settings = PublishingSettings.for_site(Site.objects.get(is_default_site=True))
    settings.feeds_full_text = True
    settings.save()
    _, parsed = parse(client, f"/feeds/{kind}/")
    entry = next(entry for entry in parsed.entries if entry.title == "What the ward taught me")
    assert entry.summary.startswith("<p>Content notes: Restraint</p>")
    assert "The full story of the ward, in the body." in entry.summary
    assert 'href="http://testserver/about/"' in entry.summary


def test_a_feed_holds_at_most_thirty_items_newest_first(client, stories):
    for day in range(1, 36):
        article_publish(
            stories,
            title=f"Day {day}",
            publication_date=dt.datetime(2025, 1, day % 28 + 1, day % 24, tzinfo=dt.UTC),
        )
    _, parsed = parse(client, "/feeds/rss/")
    assert len(parsed.entries) == 30
    dates = [entry.published_parsed for entry in parsed.entries]
    assert dates == sorted(dates, reverse=True)


@pytest.mark.parametrize("full_text", [False, True])
@pytest.mark.parametrize(
    "url", ["/feeds/rss/", "/feeds/atom/", "/feeds/section/stories/rss/", "/feeds/tag/coast/atom/"]
)
def test_a_feed_takes_a_constant_number_of_queries(client, stories, django_assert_max_num_queries, url, full_text):
    settings = PublishingSettings.for_site(Site.objects.get(is_default_site=True))
    settings.feeds_full_text = full_text
    settings.save()
    counts = []
    for batch in (3, 6):
        for _ in range(batch):
            article = article_publish(
                stories, contributors=[(ContributorFactory(), Byline.NAME), (ContributorFactory(), Byline.ANONYMOUS)]
            )
            article.tags.add("coast", f"tag-{article.pk}")
            article.save_revision().publish()
        client.get(url)  # the site's root paths are cached after the first request
        with CaptureQueriesContext(connection) as captured, django_assert_max_num_queries(10):
            client.get(url)
        counts.append(len(captured))
    assert counts[0] == counts[1]
