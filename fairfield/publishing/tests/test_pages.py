"""What readers see: articles, sections, the home page, author, tag and topic pages."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, PageViewRestriction
from wagtail.rich_text import RichText

from fairfield.publishing.models import ARTICLES_PER_PAGE, Byline, ContentNote, RelatedArticle, Topic
from fairfield.publishing.tests.factories import ContributorFactory, article_publish, section_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def section():
    return section_create()


@pytest.fixture
def writers():
    return {
        "named": ContributorFactory(display_name="Rowan Ash", slug="rowan-ash", is_survivor=True),
        "initials": ContributorFactory(display_name="Maple Quince", slug="maple-quince"),
        "anonymous": ContributorFactory(display_name="Secret Holloway", slug="secret-holloway"),
    }


def _json_ld(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD block"
    return json.loads(match.group(1))


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


# Articles


def test_article_shows_title_standfirst_byline_date_reading_time_tags_and_topics(client, section, writers):
    topic = Topic.objects.create(name="Coming off drugs", slug="coming-off")
    article = article_publish(
        section,
        title="What the ward taught me",
        contributors=[(writers["named"], Byline.NAME), (writers["initials"], Byline.INITIALS)],
    )
    article.tags.add("restraint", "peer support")
    article.topics.add(topic)
    article.save_revision().publish()

    html = client.get(article.url).content.decode()

    assert '<h1 id="article-title">What the ward taught me</h1>' in html
    assert '<p class="standfirst">What I wish the ward staff had known.</p>' in html
    assert 'By <a href="/authors/rowan-ash/">Rowan Ash</a> and M.Q.' in html
    assert "1 minute read" in html
    assert '<a href="/tags/restraint/" rel="tag">restraint</a>' in html
    assert '<a href="/topics/coming-off/">Coming off drugs</a>' in html
    assert "<time datetime=" in html


def test_an_article_with_content_notes_shows_them_first_and_folds_the_body_away(client, section):
    article = article_publish(
        section, content_notes=[ContentNote.RESTRAINT, ContentNote.SELF_HARM], content_note_other="Hospital food"
    )

    html = client.get(article.url).content.decode()

    notes = html.index('class="content-notes"')
    fold = html.index('<details class="article__fold">')
    body = html.index("<h2>The first night</h2>")
    assert notes < fold < body
    assert "<li>Restraint</li><li>Self-harm</li><li>Hospital food</li>" in html
    assert '<a href="/crisis-resources/">' in html[notes:fold]
    assert '<details class="article__fold" open' not in html


def test_an_article_without_content_notes_is_not_folded(client, section):
    article = article_publish(section)

    html = client.get(article.url).content.decode()

    assert "<details" not in html
    assert 'class="content-notes"' not in html
    assert "<h2>The first night</h2>" in html


def test_an_anonymous_or_initialled_contributor_is_named_nowhere_on_the_article(client, section, writers):
    article = article_publish(
        section,
        contributors=[
            (writers["named"], Byline.NAME),
            (writers["initials"], Byline.INITIALS),
            (writers["anonymous"], Byline.ANONYMOUS),
        ],
    )

    html = client.get(article.url).content.decode()

    for hidden in ("Secret Holloway", "secret-holloway", "Maple Quince", "maple-quince"):
        assert hidden not in html
    assert 'By <a href="/authors/rowan-ash/">Rowan Ash</a>, M.Q. and Anonymous' in html
    authors = _json_ld(html)["author"]
    assert authors == [
        {"@type": "Person", "name": "Rowan Ash", "url": "http://testserver/authors/rowan-ash/"},
        {"@type": "Person", "name": "M.Q."},
        {"@type": "Person", "name": "Anonymous"},
    ]


def test_article_carries_canonical_url_opengraph_and_json_ld(client, section):
    article = article_publish(section, title="Seen </script><b>", standfirst="Words & more")

    html = client.get(article.url).content.decode()

    assert f'<link rel="canonical" href="http://testserver{article.url}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:title" content="Seen &lt;/script&gt;&lt;b&gt;">' in html
    assert '<meta property="og:description" content="Words &amp; more">' in html
    assert "</script><b>" not in html
    data = _json_ld(html)
    assert data["@type"] == "Article"
    assert data["headline"] == "Seen </script><b>"
    assert data["description"] == "Words & more"
    assert data["publisher"] == {"@type": "Organization", "name": "Fairfield"}
    assert data["datePublished"].startswith(str(article.first_published_at.year))
    assert "dateModified" in data


def test_every_body_block_renders(client, section):
    image = Image.objects.create(title="Ward corridor", file=get_test_image_file())
    article = article_publish(
        section,
        body=[
            ("heading", "Before"),
            ("paragraph", RichText("<p>A plain paragraph.</p>")),
            ("quote", "They called it care."),
            ("image", {"image": image, "alt_text": "An empty corridor at night", "caption": "The ward"}),
            ("pull_quote", {"quote": "Nobody asked me.", "attribution": "A reader"}),
            (
                "footnotes",
                {"heading": "Sources", "notes": [{"citation": RichText("<p>A report, 2024.</p>")}]},
            ),
        ],
    )

    html = client.get(article.url).content.decode()

    assert "<h2>Before</h2>" in html
    assert "<p>A plain paragraph.</p>" in html
    assert "<blockquote><p>They called it care.</p></blockquote>" in html
    assert 'alt="An empty corridor at night"' in html
    assert "srcset=" in html
    assert "<figcaption>The ward</figcaption>" in html
    assert "<blockquote><p>Nobody asked me.</p></blockquote>" in html
    assert "— A reader" in html
    assert '<ol class="footnotes__list"><li><p>A report, 2024.</p></li></ol>' in html


def test_an_embed_is_a_plain_link_until_the_reader_asks_and_the_csp_allows_only_its_player(client, section):
    article = article_publish(
        section,
        body=[
            ("embed", {"url": "https://www.youtube.com/watch?v=abcdefghijk", "provider": "YouTube", "title": "A talk"}),
            (
                "embed",
                {"url": "https://tube.example.net/w/9c9de5e8-0a1e-484a", "provider": "PeerTube", "title": "A film"},
            ),
        ],
    )

    response = client.get(article.url)

    html = response.content.decode()
    assert "<iframe" not in html
    assert '<a href="https://www.youtube.com/watch?v=abcdefghijk" rel="noopener noreferrer nofollow">' in html
    assert 'data-player="https://www.youtube-nocookie.com/embed/abcdefghijk"' in html
    assert 'data-player="https://tube.example.net/videos/embed/9c9de5e8-0a1e-484a"' in html
    assert '<script src="/static/publishing/embed.js" defer></script>' in html
    csp = response.headers["Content-Security-Policy"]
    assert "frame-src https://tube.example.net https://www.youtube-nocookie.com" in csp
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp


def test_an_embed_from_an_unknown_site_stays_a_link_and_the_csp_is_unchanged(client, section):
    article = article_publish(
        section, body=[("embed", {"url": "https://example.org/post/1", "provider": "Example", "title": "A post"})]
    )

    response = client.get(article.url)

    html = response.content.decode()
    assert "data-player" not in html
    assert "embed.js" not in html
    assert "frame-src 'none'" in response.headers["Content-Security-Policy"]


def test_pages_without_embeds_keep_frames_forbidden(client, section):
    article = article_publish(section)

    assert "frame-src 'none'" in client.get(article.url).headers["Content-Security-Policy"]
    assert "frame-src 'none'" in client.get("/stories/").headers["Content-Security-Policy"]


def test_related_articles_are_listed_in_the_editors_order_and_drafts_left_out(client, section):
    article = article_publish(section, title="Main")
    first = article_publish(section, title="First pick")
    second = article_publish(section, title="Second pick")
    draft = article_publish(section, title="Unpublished pick", publish=False)
    article.related_links = [
        RelatedArticle(related=second, sort_order=0),
        RelatedArticle(related=draft, sort_order=1),
        RelatedArticle(related=first, sort_order=2),
    ]
    article.save_revision().publish()

    html = client.get(article.url).content.decode()

    related = html[html.index('id="related-heading"') :]
    assert related.index("Second pick") < related.index("First pick")
    assert "Unpublished pick" not in html


# Sections and the home page


@pytest.mark.parametrize("page_param", ["abc", "99999", "-1", "0", "1.5", ""])
def test_a_section_answers_garbled_or_out_of_range_page_numbers_with_a_real_page(client, section, page_param):
    article_publish(section)

    response = client.get(f"/stories/?page={page_param}")

    assert response.status_code == 200
    assert "Article 1" in response.content.decode()


def test_a_section_paginates_and_names_its_neighbours(client, section):
    for _ in range(ARTICLES_PER_PAGE + 1):
        article_publish(section)

    first = client.get("/stories/").content.decode()
    second = client.get("/stories/?page=2").content.decode()

    assert '<a rel="next" href="?page=2">' in first
    assert "Page 1 of 2" in first
    assert '<a rel="prev" href="?page=1">' in second
    assert '<link rel="canonical" href="http://testserver/stories/?page=2">' in second


def test_home_page_puts_survivor_writing_first_and_shows_content_notes(client, section, writers):
    other = ContributorFactory(display_name="Clinician Vale")
    article_publish(section, title="By a clinician", contributors=[(other, Byline.NAME)])
    article_publish(
        section,
        title="By a survivor",
        contributors=[(writers["named"], Byline.NAME)],
        content_notes=[ContentNote.SECLUSION],
    )

    html = client.get("/").content.decode()

    assert html.index("Survivors write") < html.index("By a survivor") < html.index("By a clinician")
    assert "Content notes:</span> Seclusion" in html


# Authors, tags and topics


def test_author_page_shows_perspectives_bio_and_only_articles_under_their_name(client, section, writers):
    named = writers["named"]
    article_publish(section, title="Signed piece", contributors=[(named, Byline.NAME)])
    article_publish(section, title="Initialled piece", contributors=[(named, Byline.INITIALS)])
    article_publish(section, title="Anonymous piece", contributors=[(named, Byline.ANONYMOUS)])
    article_publish(section, title="Draft piece", contributors=[(named, Byline.NAME)], publish=False)

    response = client.get("/authors/rowan-ash/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Rowan Ash</h1>" in html
    assert "Psychiatric survivor" in html
    assert "Writes about what happened on the ward." in html
    assert "Signed piece" in html
    for hidden in ("Initialled piece", "Anonymous piece", "Draft piece"):
        assert hidden not in html


def test_someone_who_only_wrote_anonymously_has_no_author_page_and_is_not_listed(client, section, writers):
    article_publish(section, contributors=[(writers["anonymous"], Byline.ANONYMOUS)])
    article_publish(section, contributors=[(writers["initials"], Byline.INITIALS)])

    assert client.get("/authors/secret-holloway/").status_code == 404
    assert client.get("/authors/maple-quince/").status_code == 404
    listing = client.get("/authors/").content.decode()
    assert "Secret Holloway" not in listing
    assert "Maple Quince" not in listing


def test_an_author_whose_articles_are_all_restricted_has_no_page(client, section, writers):
    article = article_publish(section, contributors=[(writers["named"], Byline.NAME)])
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)

    assert client.get("/authors/rowan-ash/").status_code == 404


def test_unknown_author_tag_and_topic_slugs_are_404(client):
    assert client.get("/authors/nobody/").status_code == 404
    assert client.get("/tags/nothing/").status_code == 404
    assert client.get("/topics/nothing/").status_code == 404


def test_tag_page_lists_live_articles_with_the_tag(client, section):
    tagged = article_publish(section, title="Tagged piece")
    tagged.tags.add("withdrawal")
    tagged.save_revision().publish()
    article_publish(section, title="Untagged piece")

    response = client.get("/tags/withdrawal/?page=abc")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Articles tagged “withdrawal”" in html
    assert "Tagged piece" in html
    assert "Untagged piece" not in html


def test_topic_page_lists_live_articles_on_the_topic(client, section):
    topic = Topic.objects.create(name="Open dialogue", slug="open-dialogue", description="Meetings as a network.")
    on_topic = article_publish(section, title="On topic")
    on_topic.topics.add(topic)
    on_topic.save_revision().publish()
    article_publish(section, title="Off topic")

    html = client.get("/topics/open-dialogue/?page=99999").content.decode()

    assert "<h1>Open dialogue</h1>" in html
    assert "Meetings as a network." in html
    assert "On topic" in html
    assert "Off topic" not in html


def test_home_section_author_and_tag_pages_link_their_rss_and_atom_feeds(client, section, writers):
    article = article_publish(section, contributors=[(writers["named"], Byline.NAME)])
    article.tags.add("ect")
    article.save_revision().publish()
    expected = {
        "/": ("site", {}),
        "/stories/": ("section", {"slug": "stories"}),
        "/authors/rowan-ash/": ("author", {"slug": "rowan-ash"}),
        "/tags/ect/": ("tag", {"slug": "ect"}),
    }
    for url, (kind, kwargs) in expected.items():
        html = client.get(url).content.decode()
        rss = reverse(f"syndication:{kind}_rss", kwargs=kwargs)
        atom = reverse(f"syndication:{kind}_atom", kwargs=kwargs)
        assert re.search(rf'<link rel="alternate" type="application/rss\+xml" title="[^"]+" href="{rss}">', html), url
        assert re.search(rf'<link rel="alternate" type="application/atom\+xml" title="[^"]+" href="{atom}">', html), url
        assert f'<a href="{rss}" type="application/rss+xml">RSS' in html, url


# Query counts: the same however many articles, contributors and tags there are


def _publish_busy_articles(section, count, *, topic):
    """Each article by two new contributors, one of them anonymous, with two tags and a topic."""
    for _ in range(count):
        survivor = ContributorFactory(is_survivor=True)
        article = article_publish(
            section, contributors=[(survivor, Byline.NAME), (ContributorFactory(), Byline.ANONYMOUS)]
        )
        article.tags.add(f"tag-{article.pk}", "shared")
        article.topics.add(topic)
        article.save_revision().publish()
        yield article, survivor


@pytest.mark.parametrize(
    ("url", "most"),
    [
        ("/", 16),
        ("/stories/", 12),
        ("/stories/?page=3", 12),
        ("/authors/{author}/", 7),
        ("/tags/shared/", 7),
        ("/topics/open-dialogue/?page=2", 7),
        ("{article}", 16),  # the "Support us" block reads the donations site setting
    ],
)
def test_reader_pages_need_the_same_queries_for_n_and_3n_articles(
    client, section, url, most, django_assert_max_num_queries
):
    topic = Topic.objects.create(name="Open dialogue", slug="open-dialogue")
    home = Page.objects.get(depth=2).specific
    count = ARTICLES_PER_PAGE + 1
    published = list(_publish_busy_articles(section, count, topic=topic))
    article, author = published[0]
    for other, _ in published[1:4]:
        article.related_links.add(RelatedArticle(related=other))
    article.save_revision().publish()
    home.features.create(article=published[-1][0])
    target = url.format(author=author.slug, article=article.url)

    _queries(client, target)  # warm the site-root cache, as any earlier visitor would have
    with_n = _queries(client, target)
    list(_publish_busy_articles(section, 2 * count, topic=topic))
    _queries(client, target)
    with_3n = _queries(client, target)

    assert with_3n == with_n
    with django_assert_max_num_queries(most):
        client.get(target)
