"""Writers add content notes to comments; readers who fold those notes see a one-line notice instead."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from fairfield.comments.models import Comment
from fairfield.comments.services import comment_edit, comment_post
from fairfield.comments.tests.conftest import post_url
from fairfield.moderation.screening import SafeMessagingCheck
from fairfield.moderation.tests.factories import make_established
from fairfield.publishing.reading import FOLD_COOKIE
from fairfield.publishing.tests.factories import article_publish, section_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def writer(member):
    make_established(member, article_publish(section_create(title="Earlier", slug="earlier")))
    return member


def test_a_writer_adds_notes_and_tampered_ones_are_dropped(client, writer, article):
    client.force_login(writer)
    client.post(post_url(article), {"body": "They held me down twice.", "content_notes": ["restraint", "bogus"]})
    assert Comment.objects.get(article=article).content_notes == ["restraint"]


def test_readers_see_the_notes_and_a_folding_reader_sees_the_notice(writer, article):
    comment_post(author=writer, article=article, body="They held me down twice.", content_notes=["restraint"])
    plain = Client().get(article.url).content.decode()
    assert "Content notes:</span> Restraint" in plain

    folding = Client()
    folding.cookies[FOLD_COOKIE] = "restraint"
    page = BeautifulSoup(folding.get(article.url).content, "html.parser")
    notice = page.find("details", class_="folded")
    assert "Folded at your choice: notes on Restraint." in notice.summary.get_text()
    assert "They held me down twice." in notice.get_text()


def test_a_suicide_note_shows_the_guidance_first_and_then_publishes(writer, article):
    with pytest.raises(SafeMessagingCheck) as caught:
        comment_post(
            author=writer, article=article, body="The year I nearly did not make it.", content_notes=["suicide"]
        )
    assert "about suicide or self-harm" in caught.value.message
    comment = comment_post(
        author=writer, article=article, body="The year I nearly did not make it.", content_notes=["suicide"],
        safe_messaging_read=True,
    )  # fmt: skip
    assert comment.status == "published"


def test_the_form_comes_back_with_the_notes_ticked(client, writer, article):
    client.force_login(writer)
    response = client.post(post_url(article), {"body": "Hard year.", "content_notes": ["suicide"]})
    page = BeautifulSoup(response.content, "html.parser")
    assert page.find("input", attrs={"value": "suicide", "name": "content_notes"}).has_attr("checked")
    assert page.find("details", class_="comment-form__notes").has_attr("open")


def test_an_edit_can_change_the_notes(writer, article):
    comment = comment_post(author=writer, article=article, body="They held me down.", content_notes=[])
    comment_edit(comment=comment, editor=writer, body="They held me down.", content_notes=["restraint"])
    comment.refresh_from_db()
    assert comment.content_notes == ["restraint"]
