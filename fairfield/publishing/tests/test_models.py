"""The article model's derived values: embeds, content notes, bylines and reading time."""

import pytest
from wagtail.rich_text import RichText

from fairfield.publishing.blocks import embed_origin, embed_player_url
from fairfield.publishing.models import (
    ArticleContributor,
    ArticlePage,
    Byline,
    ContentNote,
    Contributor,
    reading_minutes,
)

# A new page asks the database for its default locale.
pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "player"),
    [
        ("https://www.youtube.com/watch?v=abcdefghijk", "https://www.youtube-nocookie.com/embed/abcdefghijk"),
        ("https://youtu.be/abcdefghijk", "https://www.youtube-nocookie.com/embed/abcdefghijk"),
        ("https://m.youtube.com/shorts/abcdefghijk", "https://www.youtube-nocookie.com/embed/abcdefghijk"),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871"),
        (
            "https://tube.example.net/videos/watch/9c9de5e8-0a1e-484a-b099",
            "https://tube.example.net/videos/embed/9c9de5e8-0a1e-484a-b099",
        ),
        (
            "https://tube.example.net/w/kkGMgK9ZtnKfYAgnEtQxbv",
            "https://tube.example.net/videos/embed/kkGMgK9ZtnKfYAgnEtQxbv",
        ),
    ],
)
def test_known_video_addresses_map_to_their_providers_privacy_respecting_player(url, player):
    assert embed_player_url(url) == player


@pytest.mark.parametrize(
    "url",
    [
        "http://www.youtube.com/watch?v=abcdefghijk",
        "https://www.youtube.com/watch?v=<script>",
        "https://www.youtube.com/channel/abc",
        "https://vimeo.com/about",
        "https://example.org/blog/post",
        "javascript:alert(1)",
        "https://[::1",
    ],
)
def test_other_addresses_are_not_embedded(url):
    assert embed_player_url(url) is None
    assert embed_origin(url) is None


def test_the_frame_origin_is_the_players_origin():
    assert embed_origin("https://youtu.be/abcdefghijk") == "https://www.youtube-nocookie.com"


def test_content_note_labels_list_chosen_notes_then_the_editors_own_words():
    article = ArticlePage(content_notes=[ContentNote.ECT, "unknown"], content_note_other="Court hearings")

    assert article.content_note_labels == ["ECT", "Court hearings"]
    assert not article.needs_safe_messaging


@pytest.mark.parametrize("note", [ContentNote.SUICIDE, ContentNote.SELF_HARM])
def test_suicide_and_self_harm_notes_need_safe_messaging(note):
    assert ArticlePage(content_notes=[note]).needs_safe_messaging


@pytest.mark.parametrize(
    ("byline", "shown", "public"),
    [(Byline.NAME, "Rowan Ash", True), (Byline.INITIALS, "R.A.", False), (Byline.ANONYMOUS, "Anonymous", False)],
)
def test_a_credit_shows_only_what_its_byline_allows(byline, shown, public):
    credit = ArticleContributor(contributor=Contributor(display_name="Rowan Ash"), byline=byline)

    assert credit.public_name == shown
    assert credit.is_public is public


def test_reading_time_counts_the_words_in_every_block():
    words = " ".join(["word"] * 500)
    article = ArticlePage(
        body=[
            ("paragraph", RichText(f"<p>{words}</p>")),
            ("pull_quote", {"quote": words, "attribution": ""}),
        ]
    )

    assert reading_minutes(article.body) == 5
