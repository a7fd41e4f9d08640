"""Notifications: recorded, sent by the task worker, switched off per kind, unsubscribed in one click."""

import re
import smtplib
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from fairfield.comments.models import Comment, CommentStatus
from fairfield.comments.services import comment_post, comment_status_change, member_mute, thread_follow
from fairfield.comments.tests.conftest import comment_make, post_url
from fairfield.notifications import kinds, services
from fairfield.notifications.models import FollowEvent, Notification, NotificationKind, NotificationPreference
from fairfield.notifications.services import digests_send, notify

pytestmark = pytest.mark.django_db(transaction=False)

BROKEN_MAILERS = {"default": {"BACKEND": "fairfield.notifications.tests.test_notifications.BrokenSMTPBackend"}}


class BrokenSMTPBackend(BaseEmailBackend):
    """A mail server that is down, failing the way smtplib does."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


TEST_INVITATION = kinds.register("test.invitation", "Invitations", transactional=True)


@pytest.fixture
def outbox():
    mail.outbox = []
    return mail.outbox


def unsubscribe_link(message) -> str:
    match = re.search(r"https?://\S*/notifications/unsubscribe/\S+", message.body)
    assert match, message.body
    return urlsplit(match.group(0)).path


def test_notify_sends_an_email_through_the_task_with_one_click_unsubscribe_headers(member, outbox, committed):
    with committed():
        notify(user=member, kind="moderation", subject="About your comment", text="It was approved.", url="/x/")
    assert len(outbox) == 1
    message = outbox[0]
    assert message.to == ["wren@example.org"]
    assert message.subject == "About your comment"
    assert "It was approved." in message.body
    assert "http://127.0.0.1:8000/x/" in message.body or "/x/" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["List-Unsubscribe"].strip("<>").endswith(unsubscribe_link(message))
    assert Notification.objects.get().sent_at is not None


def test_notify_refuses_an_unknown_kind(member):
    with pytest.raises(LookupError, match="Unknown"):
        notify(user=member, kind="marketing", subject="s", text="t")


def test_a_kind_switched_off_is_not_sent(member, outbox, committed):
    NotificationPreference.objects.create(user=member, kind=NotificationKind.MODERATION, enabled=False)
    with committed():
        notify(user=member, kind="moderation", subject="s", text="t")
    assert outbox == []
    assert not Notification.objects.exists()


def _own_kinds(preferences: dict) -> dict:
    """This app's kinds only: other apps register theirs (`app.kind`) and are tested there."""
    return {kind: enabled for kind, enabled in preferences.items() if "." not in kind}


def test_every_kind_is_on_by_default(member):
    assert all(services.preferences_for(member).values())
    assert _own_kinds(services.preferences_for(member)) == {"replies": True, "follows": True, "moderation": True}


def test_one_click_unsubscribe_by_post_needs_no_login_or_csrf_token(member, outbox, committed):
    with committed():
        notify(user=member, kind="replies", subject="s", text="t")
    link = unsubscribe_link(outbox[0])
    client = Client(enforce_csrf_checks=True)
    assert "Stop these e-mails?" in client.get(link).content.decode()
    assert NotificationPreference.objects.filter(enabled=False).count() == 0  # a GET only asks
    with committed():
        response = client.post(link, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert services.preferences_for(member)["replies"] is False
    assert services.preferences_for(member)["moderation"] is True
    with committed():
        notify(user=member, kind="replies", subject="again", text="t")
    assert len(outbox) == 1


@pytest.mark.parametrize("token", ["nonsense", "1.replies:forged", "%00", "x" * 5000])
def test_a_forged_or_broken_unsubscribe_link_is_not_found(client, token):
    assert client.post(f"/notifications/unsubscribe/{token}/").status_code == 404


def test_the_settings_page_saves_choices_and_needs_a_login(client, member):
    assert client.get("/notifications/").status_code == 302
    client.force_login(member)
    page = client.get("/notifications/").content.decode()
    assert 'name="replies"' in page and "checked" in page
    response = client.post("/notifications/", {"replies": "on", "moderation": "on"}, follow=True)
    assert "Your e-mail choices are saved." in response.content.decode()
    assert _own_kinds(services.preferences_for(member)) == {"replies": True, "follows": False, "moderation": True}


def test_a_failing_mail_server_neither_blocks_nor_loses_the_comment(
    settings, member_client, article, member, outbox, committed, established
):
    settings.MAILERS = BROKEN_MAILERS
    parent = comment_make(article, author=member, body="Mine")
    other = Client()
    from fairfield.accounts.tests.factories import UserFactory

    replier = UserFactory(pseudonym="Rowan")
    established(replier)
    other.force_login(replier)
    with committed():
        response = other.post(post_url(article), {"body": "A reply", "parent": parent.pk})
    assert response.status_code == 302
    assert Comment.objects.filter(body="A reply", status=CommentStatus.PUBLISHED).exists()
    notification = Notification.objects.get(user=member)
    assert notification.sent_at is None
    assert notification.attempts == 1
    assert "SMTPServerDisconnected" in notification.last_error
    # The next scheduled run, once the server is back, sends it.
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    Notification.objects.filter(pk=notification.pk).update(created_at=timezone.now() - timedelta(minutes=10))
    with committed():
        digests_send()
    notification.refresh_from_db()
    assert notification.sent_at is not None
    assert len(outbox) == 1


def test_a_reply_tells_the_author_of_the_comment_it_answers(
    article, member, other_member, outbox, committed, established
):
    established(other_member)
    parent = comment_make(article, author=member, body="First")
    with committed():
        reply = comment_post(author=other_member, article=article, body="Answer", parent=parent)
    assert len(outbox) == 1
    assert outbox[0].to == ["wren@example.org"]
    assert "Alder replied to your comment" in outbox[0].subject
    assert f"#comment-{reply.pk}" in outbox[0].body
    assert "alder@example.org" not in outbox[0].body


def test_no_notification_for_replying_to_oneself_or_to_someone_who_muted_you(
    article, member, other_member, outbox, committed
):
    mine = comment_make(article, author=member)
    with committed():
        comment_post(author=member, article=article, body="Adding to myself", parent=mine)
    member_mute(muter=member, muted=other_member)
    with committed():
        comment_post(author=other_member, article=article, body="Muted reply", parent=mine)
    assert outbox == []


def test_a_pending_reply_tells_nobody_until_a_moderator_approves_it(
    article, member, other_member, outbox, monkeypatch, committed
):
    from fairfield.comments import services as comment_services
    from fairfield.moderation.screening import Screening

    monkeypatch.setattr(comment_services, "comment_screen", lambda **kwargs: Screening(status=CommentStatus.PENDING))
    parent = comment_make(article, author=member)
    with committed():
        reply = comment_post(author=other_member, article=article, body="Waiting", parent=parent)
    assert outbox == []
    with committed():
        comment_status_change(comment=reply, status=CommentStatus.PUBLISHED)
    assert len(outbox) == 1
    with committed():
        comment_status_change(comment=reply, status=CommentStatus.PUBLISHED)
    assert len(outbox) == 1  # never twice for the same comment


def test_followers_get_new_comments_batched_at_most_hourly(
    article, member, other_member, contributor, outbox, committed, established
):
    established(member, other_member, contributor)
    thread_follow(user=member, article=article)
    member_mute(muter=member, muted=contributor)
    with committed():
        comment_post(author=other_member, article=article, body="One")
    with committed():
        comment_post(author=other_member, article=article, body="Two")
    with committed():
        comment_post(author=contributor, article=article, body="From someone muted")
    with committed():
        comment_post(author=member, article=article, body="My own")
    assert outbox == []
    assert FollowEvent.objects.filter(user=member).count() == 2
    with committed():
        call_command("notifications_send_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(outbox) == 1
    assert "One" in outbox[0].body and "Two" in outbox[0].body
    assert "From someone muted" not in outbox[0].body
    assert "My own" not in outbox[0].body
    with committed():
        comment_post(author=other_member, article=article, body="Three")
    with committed():
        assert digests_send() == 0  # less than an hour since the last digest
    assert len(outbox) == 1
    with committed():
        assert digests_send(now=timezone.now() + timedelta(hours=1, minutes=1)) == 1
    assert "Three" in outbox[1].body
    assert outbox[1].extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_comment_removed_before_the_digest_is_left_out(article, member, other_member, outbox, committed):
    thread_follow(user=member, article=article)
    comment = comment_post(author=other_member, article=article, body="Soon removed")
    with committed():
        comment_status_change(comment=comment, status=CommentStatus.REMOVED)
    with committed():
        assert digests_send() == 0
    assert outbox == []
    assert not FollowEvent.objects.exists()


def test_followers_who_switched_follows_off_get_no_digest(article, member, other_member, outbox, committed):
    thread_follow(user=member, article=article)
    NotificationPreference.objects.create(user=member, kind=NotificationKind.FOLLOWS, enabled=False)
    with committed():
        comment_post(author=other_member, article=article, body="Hello")
    with committed():
        assert digests_send() == 0
    assert outbox == []


def test_a_failure_while_announcing_never_turns_a_saved_comment_into_an_error(
    member_client, article, member, other_member, monkeypatch, committed
):
    def broken(**kwargs):
        raise RuntimeError("announcing failed")

    monkeypatch.setattr(services, "comment_announce", broken)
    parent = comment_make(article, author=other_member)
    with committed():
        response = member_client.post(post_url(article), {"body": "Saved anyway", "parent": parent.pk})
    assert response.status_code == 302
    assert Comment.objects.filter(body="Saved anyway").exists()


def test_transactional_mail_reaches_an_address_without_an_account_and_has_no_unsubscribe(db, outbox, committed):
    with committed():
        notify(email="guest@example.org", kind=TEST_INVITATION, subject="You are invited", text="Come and sit.")

    assert [message.to for message in outbox] == [["guest@example.org"]]
    assert "List-Unsubscribe" not in outbox[0].extra_headers


def test_an_optional_kind_never_goes_to_a_bare_address(db, outbox, committed):
    with committed():
        assert notify(email="guest@example.org", kind=NotificationKind.REPLIES, subject="s", text="t") is None
    assert outbox == []
