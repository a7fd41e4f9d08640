"""Every change to subscribers, deliveries and issues goes through these functions.

Sending is always the worker's job: services record a Delivery and enqueue
tasks.delivery_send_task; a failed send stays recorded and is retried with backoff.
"""

import logging
import smtplib
from collections.abc import Iterable
from datetime import date, timedelta

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fairfield.newsletter import emails
from fairfield.newsletter.models import (
    Delivery,
    DeliveryKind,
    DeliveryStatus,
    IssueStatus,
    NewsletterIssue,
    Subscriber,
)
from fairfield.notifications.services import mail_suppressed

logger = logging.getLogger(__name__)

CONFIRMATION_MAX_AGE = timedelta(days=7)
# Someone typing an address into the form again and again sends its owner one mail, not a flood.
NOTICE_INTERVAL = timedelta(minutes=10)
RETRY_DELAYS = (timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2), timedelta(hours=12))
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
# A delivery still "sending" this long after it was claimed belongs to a worker that died: it is tried again.
SENDING_ABANDONED_AFTER = timedelta(minutes=15)
# Publishing an old piece (an import, a re-publication) must not mail everyone.
ANNOUNCE_WITHIN = timedelta(days=3)
NOTHING_CHOSEN = _("Please choose the weekly digest, at least one section, or both.")
ISSUE_ALREADY_SENT = _("This issue has already been sent.")


class LinkInvalid(Exception):
    """The link was never ours, or its subscriber is gone."""


class LinkExpired(Exception):
    """A confirmation link older than CONFIRMATION_MAX_AGE."""


def normalize_email(email: str) -> str:
    local, _at, domain = email.strip().rpartition("@")
    return f"{local}@{domain.lower()}"


def _valid_preferences(wants_digest: bool, sections: Iterable) -> list:
    sections = list(sections)
    if not wants_digest and not sections:
        raise ValidationError(NOTHING_CHOSEN, code="nothing_chosen")
    return sections


def _enqueue_sends(delivery_ids: Iterable[int]) -> None:
    from fairfield.newsletter.tasks import delivery_send_task

    for delivery_id in delivery_ids:
        delivery_send_task.enqueue(delivery_id)


def subscriber_subscribe(*, email: str, wants_digest: bool, sections: Iterable) -> Subscriber:
    """Ask for confirmation, or tell an already subscribed reader so; the caller answers both the same way."""
    sections = _valid_preferences(wants_digest, sections)
    email = normalize_email(email)
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(email__iexact=email).first()
        if subscriber is None:
            try:
                with transaction.atomic():
                    subscriber = Subscriber.objects.create(email=email, wants_digest=wants_digest)
            except IntegrityError:
                # Someone subscribed the same address between our look-up and the insert.
                subscriber = Subscriber.objects.select_for_update().get(email__iexact=email)
        if subscriber.is_active:
            # Preferences are changed only through the link in the subscriber's own mail.
            kind = DeliveryKind.ALREADY_SUBSCRIBED
        else:
            kind = DeliveryKind.CONFIRMATION
            subscriber.wants_digest = wants_digest
            subscriber.confirmed_at = None
            subscriber.unsubscribed_at = None
            subscriber.save(update_fields=["wants_digest", "confirmed_at", "unsubscribed_at"])
            subscriber.sections.set(sections)
        recently = timezone.now() - NOTICE_INTERVAL
        if subscriber.deliveries.filter(kind=kind, created_at__gte=recently).exists():
            return subscriber
        delivery = Delivery.objects.create(subscriber=subscriber, kind=kind)
    _enqueue_sends([delivery.pk])
    return subscriber


def subscriber_for_confirmation(*, token: str) -> Subscriber:
    try:
        subscriber_token = signing.TimestampSigner(salt=emails.CONFIRMATION_SALT).unsign(
            token, max_age=CONFIRMATION_MAX_AGE
        )
    except signing.SignatureExpired as error:
        raise LinkExpired from error
    except signing.BadSignature as error:
        raise LinkInvalid from error
    subscriber = Subscriber.objects.filter(token=subscriber_token).first()
    if subscriber is None:
        raise LinkInvalid
    return subscriber


def subscriber_confirm(*, token: str) -> Subscriber:
    """Confirm the address the link was sent to; confirming twice is harmless."""
    subscriber = subscriber_for_confirmation(token=token)
    if subscriber.confirmed_at is None:
        subscriber.confirmed_at = timezone.now()
        subscriber.unsubscribed_at = None
        subscriber.save(update_fields=["confirmed_at", "unsubscribed_at"])
    return subscriber


def subscriber_update_preferences(*, subscriber: Subscriber, wants_digest: bool, sections: Iterable) -> Subscriber:
    """Change what a subscriber gets; saving preferences after unsubscribing subscribes again."""
    sections = _valid_preferences(wants_digest, sections)
    with transaction.atomic():
        subscriber.wants_digest = wants_digest
        subscriber.unsubscribed_at = None
        subscriber.save(update_fields=["wants_digest", "unsubscribed_at"])
        subscriber.sections.set(sections)
    return subscriber


def subscriber_unsubscribe(*, subscriber: Subscriber) -> Subscriber:
    """Stop everything at once, including messages already queued; unsubscribing twice changes nothing."""
    with transaction.atomic():
        if subscriber.unsubscribed_at is None:
            subscriber.unsubscribed_at = timezone.now()
            subscriber.save(update_fields=["unsubscribed_at"])
        subscriber.deliveries.filter(status__in=[DeliveryStatus.QUEUED, DeliveryStatus.FAILED]).update(
            status=DeliveryStatus.CANCELLED, next_attempt_at=None
        )
    return subscriber


def subscriber_purge_unconfirmed(*, now=None) -> int:
    """Forget addresses nobody confirmed within the confirmation link's lifetime."""
    cutoff = (now or timezone.now()) - CONFIRMATION_MAX_AGE
    # Someone who unsubscribed and asked again is an old row with a new, still valid link.
    recent_request = Delivery.objects.filter(
        subscriber=OuterRef("pk"), kind=DeliveryKind.CONFIRMATION, created_at__gte=cutoff
    )
    stale = Subscriber.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff).exclude(Exists(recent_request))
    _total, by_model = stale.delete()
    return by_model.get(Subscriber._meta.label, 0)


def _is_permanent(error: Exception) -> bool:
    return isinstance(error, smtplib.SMTPRecipientsRefused)


def delivery_send(*, delivery_id: int, now=None) -> str:
    """One attempt at one delivery; returns its status afterwards. Never raises for a mail server's failure."""
    now = now or timezone.now()
    claimable = Delivery.objects.filter(
        Q(status=DeliveryStatus.QUEUED)
        | Q(status__in=[DeliveryStatus.FAILED, DeliveryStatus.SENDING], next_attempt_at__lte=now),
        pk=delivery_id,
    )
    # The status change is the claim: a second worker holding the same task finds nothing to do. The claim
    # lapses after SENDING_ABANDONED_AFTER, so a worker that dies mid-send loses nothing.
    if not claimable.update(status=DeliveryStatus.SENDING, next_attempt_at=now + SENDING_ABANDONED_AFTER):
        return Delivery.objects.filter(pk=delivery_id).values_list("status", flat=True).first() or ""
    delivery = Delivery.objects.select_related("subscriber", "issue").get(pk=delivery_id)
    subscriber = delivery.subscriber
    mails_anyone = delivery.kind in {DeliveryKind.CONFIRMATION, DeliveryKind.ALREADY_SUBSCRIBED}
    message = None
    if (mails_anyone or subscriber.is_active) and not mail_suppressed(subscriber.email):
        message = emails.delivery_message(delivery)
    if message is None:
        delivery.status = DeliveryStatus.CANCELLED
        delivery.next_attempt_at = None
        delivery.save(update_fields=["status", "next_attempt_at"])
        return delivery.status
    delivery.attempts += 1
    try:
        message.send()
    except Exception as error:  # noqa: BLE001 - any failure of the mail server is recorded and retried.
        delivery.last_error = f"{type(error).__name__}: {error}"[:500]
        delivery.status = DeliveryStatus.FAILED
        if _is_permanent(error) or delivery.attempts >= MAX_ATTEMPTS:
            delivery.next_attempt_at = None
        else:
            delivery.next_attempt_at = now + RETRY_DELAYS[delivery.attempts - 1]
        logger.warning("Newsletter delivery %s failed (attempt %s): %s", delivery.pk, delivery.attempts, error)
    else:
        delivery.status = DeliveryStatus.SENT
        delivery.sent_at = timezone.now()
        delivery.next_attempt_at = None
        delivery.last_error = ""
    delivery.save(update_fields=["status", "attempts", "last_error", "next_attempt_at", "sent_at"])
    return delivery.status


def deliveries_retry_due(*, now=None, limit: int = 1000) -> int:
    """Queue again the failed deliveries whose backoff has passed."""
    now = now or timezone.now()
    due = list(Delivery.objects.due_for_retry(now).order_by("next_attempt_at").values_list("pk", flat=True)[:limit])
    _enqueue_sends(due)
    return len(due)


def _deliveries_create(*, kind: str, subscriber_ids: Iterable[int], **target) -> list[int]:
    """Record one delivery per subscriber who has not had this one yet; returns the new deliveries' ids."""
    subscriber_ids = set(subscriber_ids)
    already = set(
        Delivery.objects.filter(kind=kind, subscriber_id__in=subscriber_ids, **target).values_list(
            "subscriber_id", flat=True
        )
    )
    new = subscriber_ids - already
    Delivery.objects.bulk_create(
        [Delivery(subscriber_id=pk, kind=kind, **target) for pk in sorted(new)], ignore_conflicts=True
    )
    return list(
        Delivery.objects.filter(
            kind=kind, subscriber_id__in=new, status=DeliveryStatus.QUEUED, attempts=0, **target
        ).values_list("pk", flat=True)
    )


def article_announce(*, article, now=None) -> int:
    """Mail a newly published article to the subscribers of its section, once each; returns how many were queued."""
    from fairfield.publishing.models import ArticlePage

    now = now or timezone.now()
    if not ArticlePage.objects.live().public().filter(pk=article.pk).exists():
        return 0
    published = article.publication_date or article.first_published_at
    if published is None or published < now - ANNOUNCE_WITHIN:
        return 0
    section = article.get_parent()
    subscriber_ids = Subscriber.objects.active().filter(sections=section.pk).values_list("pk", flat=True)
    with transaction.atomic():
        new = _deliveries_create(kind=DeliveryKind.NEW_ARTICLE, subscriber_ids=subscriber_ids, article_id=article.pk)
    _enqueue_sends(new)
    return len(new)


def digest_period(today: date) -> date:
    """A digest is named by the Monday of the week it goes out in and lists the seven days before it."""
    return today - timedelta(days=today.weekday())


def digest_send(*, period: date) -> int:
    from fairfield.newsletter.selectors import digest_articles

    if not digest_articles(period).exists():
        return 0
    subscriber_ids = Subscriber.objects.active().filter(wants_digest=True).values_list("pk", flat=True)
    with transaction.atomic():
        new = _deliveries_create(kind=DeliveryKind.DIGEST, subscriber_ids=subscriber_ids, period=period)
    _enqueue_sends(new)
    return len(new)


def issue_send(*, issue: NewsletterIssue, sent_by) -> int:
    """Send a draft issue to every active subscriber, once; returns how many deliveries were queued."""
    from wagtail.log_actions import log

    with transaction.atomic():
        claimed = NewsletterIssue.objects.filter(pk=issue.pk, status=IssueStatus.DRAFT).update(
            status=IssueStatus.SENT, sent_at=timezone.now()
        )
        if not claimed:
            raise ValidationError(ISSUE_ALREADY_SENT, code="already_sent")
        issue.refresh_from_db(fields=["status", "sent_at"])
        subscriber_ids = Subscriber.objects.active().values_list("pk", flat=True)
        new = _deliveries_create(kind=DeliveryKind.ISSUE, subscriber_ids=subscriber_ids, issue_id=issue.pk)
        log(instance=issue, action="newsletter.issue.sent", user=sent_by, data={"recipients": len(new)})
    _enqueue_sends(new)
    return len(new)
