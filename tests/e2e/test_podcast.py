"""A podcast episode from the admin to a listener, in the browser: an editor uploads a recording and attaches it
with its transcript; a listener plays it on the article, and the section's podcast feed parses."""

import re

import feedparser
from playwright.sync_api import expect

from fairfield.accounts.roles import Role
from fairfield.accounts.tests.factories import UserFactory
from fairfield.publishing.tests.audio import tone_wav
from fairfield.publishing.tests.factories import article_publish, section_create
from tests.e2e.people import log_in


def test_an_editor_publishes_an_episode_and_a_listener_plays_it(page, assert_accessible, tmp_path):
    editor = UserFactory(pseudonym="Osprey", email="osprey@example.org", roles=[Role.MEMBER, Role.EDITOR], totp=True)
    voices = section_create(title="Voices", slug="voices")
    voices.is_podcast = True
    voices.save_revision().publish()
    article = article_publish(voices, title="Episode one: the night shift")
    recording = tmp_path / "episode-one.wav"
    recording.write_bytes(tone_wav(seconds=2))

    log_in(page, editor)

    # The recording goes into Wagtail's documents.
    page.goto("/admin/documents/add/")
    assert_accessible(page)
    page.get_by_label("Title").fill("episode-one.wav")
    page.get_by_label("File").set_input_files(str(recording))
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_text("Document 'episode-one.wav' added.")).to_be_visible()

    # The editor attaches it to the article with its transcript and publishes.
    page.goto(f"/admin/pages/{article.pk}/edit/")
    page.get_by_role("button", name="Choose a document").click()
    # The chooser lists each document's title (the choice) and its file name (a download link): pick the title.
    page.get_by_role("dialog").locator("a[data-chooser-modal-choice]", has_text="episode-one.wav").click()
    expect(page.get_by_role("dialog")).to_have_count(0)
    page.get_by_label("Length of the recording in seconds").fill("2")
    page.get_by_label("Transcript").fill("Welcome to the first episode. Tonight: the night shift.")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("has been published")).to_be_visible()

    # A listener plays it from this site, and reads the transcript.
    page.context.clear_cookies()
    page.goto(article.url)
    player = page.locator("audio")
    expect(player).to_be_visible()
    assert_accessible(page)
    page.evaluate("() => { const a = document.querySelector('audio'); a.muted = true; return a.play(); }")
    page.wait_for_function("() => document.querySelector('audio').currentTime > 0")
    page.get_by_text("Read the transcript").click()
    expect(page.get_by_text("Tonight: the night shift.")).to_be_visible()

    # Podcast apps find the episode in the section's feed.
    page.goto(voices.url)
    page.get_by_role("link", name="Subscribe in a podcast app").click()
    feed = feedparser.parse(page.request.get(page.url).body())
    assert not feed.bozo
    [entry] = feed.entries
    assert entry.title == "Episode one: the night shift"
    assert re.search(r"/documents/\d+/episode-one\w*\.wav$", entry.enclosures[0].href)
