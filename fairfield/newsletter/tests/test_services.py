import time
from datetime import timedelta

import pytest
from django.core import mail, signing
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

from fairfield.newsletter import emails, services
from fairfield.newsletter.models import Delivery, DeliveryKind, DeliveryStatus, NewsletterIssue, Subscriber
from fairfield.newsletter.tests.conftest import BROKEN_MAILERS, REFUSING_MAILERS, link_in

pytestmark = pytest.mark.django_db


def subscribe(email="reader@example.org", wants_digest=True, sections=()):
    return services.subscriber_subscribe(email=email, wants_digest=wants_digest, sections=sections)


def test_subscribing_records_an_unconfirmed_subscriber_and_mails_only_a_confirmation_link(outbox, stories):
    subscriber = subscribe(sections=[stories])

    assert subscriber.confirmed_at is None
    assert list(subscriber.sections.all()) == [stories]
    assert len(outbox) == 1
    assert outbox[0].to == ["reader@example.org"]
    assert "/newsletter/confirm/" in outbox[0].body
    assert "/newsletter/manage/" not in outbox[0].body
    assert Delivery.objects.get().status == DeliveryStatus.SENT


def test_subscribing_needs_the_digest_or_a_section(outbox):
    with pytest.raises(ValidationError, match="at least one section"):
        subscribe(wants_digest=False, sections=[])
    assert not Subscriber.objects.exists()
    assert outbox == []


def test_the_address_is_unique_whatever_its_case_and_the_domain_is_kept_in_lower_case(outbox):
    subscribe(email="Reader@Example.ORG")
    subscribe(email="reader@example.org")
    assert Subscriber.objects.get().email == "Reader@example.org"


def test_subscribing_an_active_address_again_sends_a_manage_link_and_changes_nothing(
    outbox, subscriber_make, stories, news
):
    subscriber = subscriber_make(wants_digest=True, sections=[stories])

    subscribe(email="READER@example.org", wants_digest=False, sections=[news])

    subscriber.refresh_from_db()
    assert subscriber.wants_digest is True
    assert list(subscriber.sections.all()) == [stories]
    assert len(outbox) == 1
    assert "already subscribed" in outbox[0].body
    assert link_in(outbox[0], "/newsletter/manage/").endswith(f"/newsletter/manage/{subscriber.token}/")


def test_typing_the_same_address_again_and_again_sends_its_owner_one_mail(outbox):
    for _ in range(5):
        subscribe()
    assert len(outbox) == 1


def test_confirming_starts_the_subscription_and_twice_is_harmless(outbox):
    subscriber = subscribe()
    token = emails.confirmation_token(subscriber)

    services.subscriber_confirm(token=token)
    first = Subscriber.objects.get().confirmed_at
    services.subscriber_confirm(token=token)

    assert first is not None
    assert Subscriber.objects.get().confirmed_at == first


def expired_token(subscriber) -> str:
    signer = signing.TimestampSigner(salt=emails.CONFIRMATION_SALT)
    eight_days_ago = signing.b62_encode(int(time.time()) - 8 * 24 * 3600)
    return signing.Signer.sign(signer, f"{subscriber.token}{signer.sep}{eight_days_ago}")


def test_a_confirmation_link_expires_after_seven_days(outbox):
    subscriber = subscribe()
    with pytest.raises(services.LinkExpired):
        services.subscriber_confirm(token=expired_token(subscriber))
    assert Subscriber.objects.get().confirmed_at is None


@pytest.mark.parametrize("token", ["", "nonsense", "abc:def:ghi", "x" * 500])
def test_a_forged_confirmation_link_is_refused(outbox, token):
    subscribe()
    with pytest.raises(services.LinkInvalid):
        services.subscriber_confirm(token=token)


def test_the_manage_token_cannot_be_used_as_a_confirmation_link(outbox):
    subscriber = subscribe()
    with pytest.raises(services.LinkInvalid):
        services.subscriber_confirm(token=subscriber.token)


def test_unsubscribing_cancels_what_is_waiting_and_twice_changes_nothing(subscriber_make):
    subscriber = subscriber_make()
    waiting = Delivery.objects.create(subscriber=subscriber, kind=DeliveryKind.DIGEST, period=timezone.localdate())

    services.subscriber_unsubscribe(subscriber=subscriber)
    first = Subscriber.objects.get().unsubscribed_at
    services.subscriber_unsubscribe(subscriber=subscriber)

    waiting.refresh_from_db()
    assert waiting.status == DeliveryStatus.CANCELLED
    assert first is not None
    assert Subscriber.objects.get().unsubscribed_at == first


def test_an_unsubscribed_reader_who_subscribes_again_must_confirm_again(outbox, subscriber_make):
    subscriber = subscriber_make()
    services.subscriber_unsubscribe(subscriber=subscriber)

    subscribe()

    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is None
    assert subscriber.unsubscribed_at is None
    assert "/newsletter/confirm/" in outbox[0].body


def test_preferences_change_and_saving_them_after_unsubscribing_subscribes_again(subscriber_make, stories, news):
    subscriber = subscriber_make(sections=[stories])
    services.subscriber_unsubscribe(subscriber=subscriber)

    services.subscriber_update_preferences(subscriber=subscriber, wants_digest=False, sections=[news])

    subscriber.refresh_from_db()
    assert subscriber.is_active
    assert subscriber.wants_digest is False
    assert list(subscriber.sections.all()) == [news]


def test_preferences_cannot_be_emptied(subscriber_make, stories):
    subscriber = subscriber_make(sections=[stories])
    with pytest.raises(ValidationError):
        services.subscriber_update_preferences(subscriber=subscriber, wants_digest=False, sections=[])
    assert list(Subscriber.objects.get().sections.all()) == [stories]


def test_unconfirmed_addresses_are_forgotten_after_the_link_expires(outbox, subscriber_make):
    subscribe(email="old@example.org")
    subscriber_make(email="kept@example.org")
    eight_days_ago = timezone.now() - timedelta(days=8)
    Subscriber.objects.filter(email="old@example.org").update(created_at=eight_days_ago)
    Delivery.objects.filter(subscriber__email="old@example.org").update(created_at=eight_days_ago)
    subscribe(email="new@example.org")

    assert services.subscriber_purge_unconfirmed() == 1
    assert set(Subscriber.objects.values_list("email", flat=True)) == {"kept@example.org", "new@example.org"}


def test_a_reader_who_asks_again_long_after_unsubscribing_is_not_forgotten_before_they_confirm(outbox, subscriber_make):
    subscriber = subscriber_make()
    services.subscriber_unsubscribe(subscriber=subscriber)
    Subscriber.objects.update(created_at=timezone.now() - timedelta(days=400))
    subscribe()

    assert services.subscriber_purge_unconfirmed() == 0
    assert Subscriber.objects.exists()


def test_a_failed_send_is_recorded_and_retried_with_growing_delays_until_it_gives_up(subscriber_make):
    subscriber = subscriber_make()
    delivery = Delivery.objects.create(subscriber=subscriber, kind=DeliveryKind.ALREADY_SUBSCRIBED)
    now = timezone.now()
    with override_settings(MAILERS=BROKEN_MAILERS):
        for attempt, delay in enumerate(services.RETRY_DELAYS, start=1):
            assert services.delivery_send(delivery_id=delivery.pk, now=now) == DeliveryStatus.FAILED
            delivery.refresh_from_db()
            assert delivery.attempts == attempt
            assert delivery.next_attempt_at == now + delay
            assert "SMTPServerDisconnected" in delivery.last_error
            # Not due yet: a second task for the same delivery does nothing.
            assert services.delivery_send(delivery_id=delivery.pk, now=now) == DeliveryStatus.FAILED
            assert Delivery.objects.get().attempts == attempt
            now = delivery.next_attempt_at
        services.delivery_send(delivery_id=delivery.pk, now=now)
    delivery.refresh_from_db()
    assert delivery.attempts == services.MAX_ATTEMPTS
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.next_attempt_at is None


def test_a_refused_recipient_is_given_up_at_once(subscriber_make):
    delivery = Delivery.objects.create(subscriber=subscriber_make(), kind=DeliveryKind.ALREADY_SUBSCRIBED)
    with override_settings(MAILERS=REFUSING_MAILERS):
        services.delivery_send(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.next_attempt_at) == (DeliveryStatus.FAILED, None)


def test_a_sent_delivery_is_never_sent_again(outbox, subscriber_make):
    delivery = Delivery.objects.create(subscriber=subscriber_make(), kind=DeliveryKind.ALREADY_SUBSCRIBED)
    services.delivery_send(delivery_id=delivery.pk)
    services.delivery_send(delivery_id=delivery.pk)
    assert len(outbox) == 1


def test_an_unsubscribed_reader_gets_nothing_already_queued(outbox, subscriber_make):
    subscriber = subscriber_make()
    issue = NewsletterIssue.objects.create(subject="Spring issue")
    delivery = Delivery.objects.create(subscriber=subscriber, kind=DeliveryKind.ISSUE, issue=issue)
    Subscriber.objects.filter(pk=subscriber.pk).update(unsubscribed_at=timezone.now())

    assert services.delivery_send(delivery_id=delivery.pk) == DeliveryStatus.CANCELLED
    assert outbox == []


def test_a_delivery_a_dead_worker_left_sending_is_picked_up_again(subscriber_make):
    subscriber = subscriber_make()
    delivery = Delivery.objects.create(subscriber=subscriber, kind=DeliveryKind.ALREADY_SUBSCRIBED)
    then = timezone.now() - timedelta(hours=1)
    # The worker claimed it an hour ago and died before it could record anything.
    Delivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.SENDING, next_attempt_at=then + services.SENDING_ABANDONED_AFTER
    )
    mail.outbox = []

    assert services.deliveries_retry_due() == 1

    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SENT
    assert len(mail.outbox) == 1


def test_a_delivery_being_sent_now_is_not_taken_by_a_second_worker(subscriber_make):
    subscriber = subscriber_make()
    delivery = Delivery.objects.create(subscriber=subscriber, kind=DeliveryKind.ALREADY_SUBSCRIBED)
    Delivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.SENDING, next_attempt_at=timezone.now() + services.SENDING_ABANDONED_AFTER
    )
    mail.outbox = []

    assert services.delivery_send(delivery_id=delivery.pk) == DeliveryStatus.SENDING
    assert services.deliveries_retry_due() == 0
    assert mail.outbox == []


def test_no_newsletter_goes_to_a_suppressed_address(subscriber_make):
    from fairfield.notifications.models import SuppressionReason
    from fairfield.notifications.services import mail_suppress

    subscriber = subscriber_make("gone@example.org")
    mail_suppress(email="GONE@example.org", reason=SuppressionReason.HARD_BOUNCE)
    delivery = Delivery.objects.create(subscriber=subscriber, kind=DeliveryKind.ALREADY_SUBSCRIBED)
    mail.outbox = []

    assert services.delivery_send(delivery_id=delivery.pk) == DeliveryStatus.CANCELLED
    assert mail.outbox == []
