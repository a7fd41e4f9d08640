"""Safe messaging: method detail in a comment shows the writer guidance first, then holds the comment for a
moderator. Nothing is ever deleted, and the text always comes back to the writer."""

import pytest
from bs4 import BeautifulSoup

from fairfield.comments.models import Comment, CommentStatus
from fairfield.comments.services import comment_edit, comment_post
from fairfield.comments.tests.conftest import post_url, textarea_text
from fairfield.moderation.models import ListedWord, WatchReview, WordAction
from fairfield.moderation.screening import SafeMessagingCheck
from fairfield.moderation.tests.factories import make_established
from fairfield.publishing.tests.factories import article_publish, section_create

pytestmark = pytest.mark.django_db

METHOD = "I read about the lethal dose of what they gave me."


@pytest.fixture
def established_member(member):
    make_established(member, article_publish(section_create(title="Earlier", slug="earlier")))
    return member


def test_the_starting_list_holds_method_detail_phrases():
    held = set(ListedWord.objects.filter(action=WordAction.HOLD).values_list("phrase", flat=True))
    assert {"lethal dose", "how many pills", "noose"} <= held


@pytest.mark.parametrize("body", [METHOD, "THE LETHAL DOSE", "lethal \u200bdose", "the lethal   dose"])
def test_method_detail_asks_the_writer_to_read_the_guidance_first(established_member, article, body):
    with pytest.raises(SafeMessagingCheck) as caught:
        comment_post(author=established_member, article=article, body=body)
    assert "lethal dose" in caught.value.message
    assert not Comment.objects.filter(article=article).exists()


def test_after_reading_the_guidance_the_comment_is_held_for_a_moderator_and_queued(established_member, article):
    comment = comment_post(author=established_member, article=article, body=METHOD, safe_messaging_read=True)

    assert comment.status == CommentStatus.PENDING
    assert comment.body == METHOD
    assert "lethal dose" in WatchReview.objects.get(comment=comment).words


def test_an_established_member_without_method_detail_publishes_at_once(established_member, article):
    assert comment_post(author=established_member, article=article, body="The ward was loud.").status == (
        CommentStatus.PUBLISHED
    )


@pytest.mark.parametrize("body", ["Lethal doses of boredom? No: doses.", "A nooses-and-knots sailing club."])
def test_phrases_match_whole_words_only(established_member, article, body):
    assert comment_post(author=established_member, article=article, body=body).status == CommentStatus.PUBLISHED


def test_an_edit_that_adds_method_detail_takes_a_published_comment_back_to_the_moderators(established_member, article):
    comment = comment_post(author=established_member, article=article, body="The ward was loud.")
    with pytest.raises(SafeMessagingCheck):
        comment_edit(comment=comment, editor=established_member, body=METHOD)
    comment.refresh_from_db()
    assert comment.body == "The ward was loud." and comment.status == CommentStatus.PUBLISHED

    comment_edit(comment=comment, editor=established_member, body=METHOD, safe_messaging_read=True)

    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING
    assert comment.revisions.get().body == "The ward was loud."


def test_the_page_shows_the_guidance_with_the_text_kept_and_nothing_saved(client, established_member, article):
    client.force_login(established_member)

    response = client.post(post_url(article), {"body": METHOD})

    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    guidance = page.find(attrs={"role": "alert"})
    assert "Before you post" in guidance.get_text()
    assert guidance.find("a", href="/crisis-resources/")
    assert page.find("input", attrs={"name": "safe_messaging_read", "type": "checkbox"})
    assert textarea_text(page.find("textarea", attrs={"name": "body"})) == METHOD
    assert not Comment.objects.filter(article=article).exists()


def test_posting_again_with_the_box_ticked_holds_it_and_says_so(client, established_member, article):
    client.force_login(established_member)

    response = client.post(post_url(article), {"body": METHOD, "safe_messaging_read": "on"}, follow=True)

    comment = Comment.objects.get(article=article)
    assert comment.status == CommentStatus.PENDING
    assert "waiting for a moderator" in response.content.decode()
    client.logout()
    assert METHOD not in client.get(article.url).content.decode()


def test_moderators_see_the_held_comment_in_the_pending_tab(client, moderator, established_member, article):
    comment_post(author=established_member, article=article, body=METHOD, safe_messaging_read=True)
    client.force_login(moderator)

    page = client.get("/admin/moderation/?tab=pending").content.decode()

    assert "lethal dose" in page


def test_a_moderator_adds_a_phrase_to_the_hold_list_and_it_applies(established_member, article):
    ListedWord.objects.create(phrase="the stairwell on ward 9", action=WordAction.HOLD)
    with pytest.raises(SafeMessagingCheck):
        comment_post(author=established_member, article=article, body="I went to the stairwell on ward 9.")
