"""Audio on articles and a podcast section's feed: enclosures podcast apps play, a transcript for everyone."""

import feedparser
import pytest
from django.test import Client
from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from fairfield.publishing.tests.audio import recording_create, tone_wav
from fairfield.publishing.tests.factories import article_publish, section_create

pytestmark = pytest.mark.django_db

TRANSCRIPT = "Hello, and welcome to the first episode.\n\nToday we talk about the night shift."
FEED = "/feeds/podcast/{slug}/rss/"


@pytest.fixture
def podcast():
    section = section_create(title="Voices", slug="voices")
    section.is_podcast = True
    section.save_revision().publish()
    return section


@pytest.fixture
def episode(podcast):
    return article_publish(
        podcast, title="Episode one", audio=recording_create(), audio_seconds=3723, transcript=TRANSCRIPT
    )


def test_the_feed_parses_with_enclosures_durations_and_transcript_links(episode, podcast):
    article_publish(podcast, title="Show notes without a recording")

    response = Client().get(FEED.format(slug="voices"))
    feed = feedparser.parse(response.content)

    assert response.status_code == 200
    assert not feed.bozo, feed.bozo_exception
    assert feed.namespaces["itunes"] == "http://www.itunes.com/dtds/podcast-1.0.dtd"
    assert b"<itunes:explicit>false</itunes:explicit>" in response.content
    [entry] = feed.entries
    assert entry.title == "Episode one"
    [enclosure] = entry.enclosures
    assert enclosure.type == "audio/wav"
    assert int(enclosure.length) == len(tone_wav())
    assert enclosure.href.startswith("http") and enclosure.href.endswith(".wav")
    assert entry.itunes_duration == "3723"
    assert f'<podcast:transcript type="text/html" url="http://testserver{episode.url}#transcript"/>' in (
        response.content.decode()
    )


def test_a_section_that_is_not_a_podcast_has_no_podcast_feed(episode):
    section_create(title="Blogs", slug="blogs")
    assert Client().get(FEED.format(slug="blogs")).status_code == 404
    assert Client().get(FEED.format(slug="nowhere")).status_code == 404


def test_drafts_and_restricted_episodes_stay_out_of_the_feed(podcast, episode):
    article_publish(podcast, title="Draft episode", publish=False, audio=recording_create("draft.wav"), transcript="x")
    private = article_publish(podcast, title="Members episode", audio=recording_create("private.wav"), transcript="y")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    titles = [entry.title for entry in feedparser.parse(Client().get(FEED.format(slug="voices")).content).entries]

    assert titles == ["Episode one"]


def test_the_article_plays_the_recording_from_this_site_with_its_transcript(episode):
    page = Client().get(episode.url).content.decode()

    assert '<audio controls preload="none"' in page
    assert f'src="{episode.audio.url}" type="audio/wav"' in page
    assert episode.audio.url.startswith("/")
    assert "Length: 1:02:03" in page
    assert 'id="transcript"' in page and "Today we talk about the night shift." in page


def test_the_section_links_its_podcast_feed(podcast, episode):
    page = Client().get(podcast.url).content.decode()
    assert 'href="/feeds/podcast/voices/rss/"' in page
    assert "Subscribe in a podcast app" in page


def test_an_article_without_audio_shows_no_player(podcast):
    article = article_publish(podcast, title="Words only")
    assert "<audio" not in Client().get(article.url).content.decode()


def _edit(client, article, **fields):
    credit = article.article_contributors.first()
    data = nested_form_data(
        {
            "title": article.title,
            "slug": article.slug,
            "standfirst": "",
            "article_contributors": inline_formset(
                [{"contributor": credit.contributor_id, "byline": credit.byline}], min=1
            ),
            "content_note_other": "",
            "body": streamfield([("paragraph", rich_text("<p>Words.</p>"))]),
            "tags": "",
            "related_links": inline_formset([]),
            "comments": inline_formset([]),
            "audio": "",
            "audio_seconds": "",
            "transcript": "",
            **fields,
        }
    )
    return client.post(f"/admin/pages/{article.pk}/edit/", data)


def test_a_recording_needs_a_transcript_and_a_playable_file(client, editor, podcast):
    article = article_publish(podcast, title="Checked")
    client.force_login(editor)

    no_transcript = _edit(client, article, audio=recording_create().pk, transcript="   ")
    not_audio = _edit(client, article, audio=recording_create("notes.pdf", b"%PDF-1.4").pk, transcript="Words.")
    fine = _edit(client, article, audio=recording_create().pk, transcript="Words.")

    assert "Please add the transcript" in no_transcript.content.decode()
    assert "is not a recording browsers can play" in not_audio.content.decode()
    assert fine.status_code == 302


def test_the_article_page_takes_one_more_query_with_a_recording_and_none_without(
    episode, podcast, django_assert_max_num_queries
):
    plain = article_publish(podcast, title="Words only")
    client = Client()
    client.get(plain.url)
    with django_assert_max_num_queries(40) as without:
        client.get(plain.url + "?nocache=1")
    with django_assert_max_num_queries(len(without.captured_queries) + 1):
        client.get(episode.url + "?nocache=1")
