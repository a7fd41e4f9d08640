"""Bounces and complaints stop mail to an address; the member is told once, and can start it again."""

import json
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from fairfield.accounts.tests.factories import UserFactory
from fairfield.notifications.models import MailSuppression, Notification, SuppressionReason
from fairfield.notifications.services import (
    MAX_ATTEMPTS,
    digests_send,
    mail_events_signature,
    mail_suppress,
    notification_send,
    notify,
)

pytestmark = pytest.mark.django_db

SECRET = "a-test-secret-shared-with-the-mail-provider"


@pytest.fixture(autouse=True)
def _secret(settings):
    settings.MAIL_EVENTS_SECRET = SECRET


def _post(client, payload, *, secret=SECRET, timestamp=None, raw=None):
    body = raw if raw is not None else json.dumps(payload).encode()
    timestamp = int(time.time()) if timestamp is None else timestamp
    signature = f"t={timestamp},v1={mail_events_signature(secret=secret, timestamp=timestamp, body=body)}"
    return client.post(
        "/notifications/mail-events/", body, content_type="application/json", headers={"Fairfield-Signature": signature}
    )


def test_a_hard_bounce_and_a_complaint_stop_mail_and_a_soft_bounce_does_not(client):
    response = _post(
        client,
        {
            "events": [
                {"type": "bounce", "bounce": "hard", "email": "Gone@Example.org", "detail": "550 5.1.1 no such user"},
                {"type": "bounce", "bounce": "soft", "email": "full@example.org"},
                {"type": "complaint", "email": "annoyed@example.org"},
                {"type": "delivered", "email": "fine@example.org"},
            ]
        },
    )

    assert response.status_code == 200
    assert response.json() == {"stopped": 2}
    assert dict(MailSuppression.objects.values_list("email", "reason")) == {
        "gone@example.org": SuppressionReason.HARD_BOUNCE,
        "annoyed@example.org": SuppressionReason.COMPLAINT,
    }


def test_the_same_report_twice_changes_nothing(client):
    payload = {"events": [{"type": "complaint", "email": "annoyed@example.org"}]}
    _post(client, payload)
    _post(client, payload)
    assert MailSuppression.objects.count() == 1


@pytest.mark.parametrize(
    "change",
    [
        {"secret": "not-the-secret"},
        {"timestamp": int(time.time()) - 3600},
        {"timestamp": int(time.time()) + 3600},
    ],
)
def test_a_report_without_a_fresh_valid_signature_is_refused_and_records_nothing(client, change):
    response = _post(client, {"events": [{"type": "complaint", "email": "victim@example.org"}]}, **change)
    assert response.status_code == 400
    assert MailSuppression.objects.count() == 0


def test_a_report_with_no_signature_header_is_refused(client):
    response = client.post("/notifications/mail-events/", b"{}", content_type="application/json")
    assert response.status_code == 400


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"not json",
        b"[]",
        b'{"events": "all"}',
        b'{"events": [{"type": "complaint"}]}',
        b'{"events": [{"type": "complaint", "email": "not an address"}]}',
        b'{"events": [{"type": "complaint", "email": "ok@example.org"}, '
        b'{"type": "complaint", "email": "\xe2\x80\x8b"}]}',
        b'{"events": [{"type": "complaint", "email": "x@example.org\\u0000"}]}',
        b'{"events": [' + b'{"type": "delivered", "email": "a@example.org"},' * 9000 + b"{}]}",
    ],
)
def test_malformed_reports_are_refused_with_a_reason_and_nothing_half_recorded(client, raw):
    response = _post(client, None, raw=raw)
    assert response.status_code == 400
    assert response.json()["error"]
    assert MailSuppression.objects.count() == 0


def test_without_a_configured_secret_the_endpoint_does_not_exist(client, settings):
    settings.MAIL_EVENTS_SECRET = ""
    assert _post(client, {"events": []}).status_code == 404


def test_the_endpoint_takes_only_post(client):
    assert client.get("/notifications/mail-events/").status_code == 405


def test_a_suppressed_member_gets_no_notification_and_it_is_not_retried(member, django_capture_on_commit_callbacks):
    mail_suppress(email=member.email, reason=SuppressionReason.HARD_BOUNCE)
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        notify(user=member, kind="moderation", subject="About your comment", text="It was approved.")

    assert mail.outbox == []
    notification = Notification.objects.get()
    assert notification.sent_at is None
    assert notification.attempts == MAX_ATTEMPTS
    assert "bounced" in notification.last_error


def test_a_notification_whose_task_was_lost_before_it_ran_is_sent_by_the_next_digest_run(member):
    notification = Notification.objects.create(user=member, kind="moderation", subject="Lost", text="Task lost.")
    Notification.objects.filter(pk=notification.pk).update(created_at=timezone.now() - timedelta(minutes=10))
    mail.outbox = []

    digests_send()

    assert [message.subject for message in mail.outbox] == ["Lost"]


def test_the_member_is_told_once_on_their_next_visit_and_can_start_mail_again(
    member, django_capture_on_commit_callbacks
):
    client = Client()
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        mail_suppress(email=member.email.upper(), reason=SuppressionReason.COMPLAINT)

    first = client.get("/").content.decode()
    again = client.get("/").content.decode()

    assert "We stopped e-mailing wren@example.org" in first
    assert "We stopped e-mailing" not in again
    assert MailSuppression.objects.get().member_told_at is not None
    settings_page = client.get("/notifications/").content.decode()
    assert "We are not e-mailing you at the moment" in settings_page

    response = client.post("/notifications/resume/", follow=True)

    assert "We will e-mail you again." in response.content.decode()
    assert not MailSuppression.objects.exists()


def test_other_members_and_readers_see_no_notice(member, other_member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        mail_suppress(email=member.email, reason=SuppressionReason.HARD_BOUNCE)
    other = Client()
    other.force_login(other_member)
    assert "We stopped e-mailing" not in other.get("/").content.decode()
    assert "We stopped e-mailing" not in Client().get("/").content.decode()
    assert "We are not e-mailing you" not in other.get("/notifications/").content.decode()


def test_starting_mail_again_needs_a_login_and_a_post(client, member):
    mail_suppress(email=member.email, reason=SuppressionReason.HARD_BOUNCE)
    assert client.post("/notifications/resume/").status_code == 302
    assert MailSuppression.objects.exists()
    client.force_login(member)
    assert client.get("/notifications/resume/").status_code == 405
    assert MailSuppression.objects.exists()


def test_a_member_with_another_address_is_not_affected(member):
    UserFactory(pseudonym="Alder", email="alder@example.org")
    mail_suppress(email="alder@example.org", reason=SuppressionReason.HARD_BOUNCE)
    mail.outbox = []
    notification = Notification.objects.create(user=member, kind="moderation", subject="Hello", text="Still here.")
    assert notification_send(notification_id=notification.pk)
    assert len(mail.outbox) == 1
