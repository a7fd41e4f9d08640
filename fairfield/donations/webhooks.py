"""Stripe's events: verified, stored as they arrived, then processed once each.

Processing is idempotent on the event id (the stored row is locked and marked processed) and on the payment
(services only ever move a donation forward, ledger entries and receipts are unique per donation), so events
delivered twice, concurrently or out of order converge on the same state.
"""

import json
import logging
from datetime import UTC, datetime, timedelta

import stripe
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from fairfield.donations import services, stripe_gateway
from fairfield.donations.models import (
    Donation,
    Method,
    RecurringGift,
    RecurringStatus,
    Status,
    WebhookEvent,
    WebhookStatus,
)

logger = logging.getLogger(__name__)

RETRY_DELAYS = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2))
MAX_ATTEMPTS = 8
HANDLED = {
    "checkout.session.completed",
    "checkout.session.async_payment_succeeded",
    "checkout.session.async_payment_failed",
    "checkout.session.expired",
    "invoice.paid",
    "invoice.payment_failed",
    "customer.subscription.updated",
    "customer.subscription.deleted",
    "charge.refunded",
}


class BadSignature(Exception):
    pass


class NotReady(Exception):
    """The event refers to something we cannot find yet; it is retried later."""


def event_verify(*, payload: bytes, signature: str) -> dict:
    """The event as a plain dict, if Stripe signed it with our secret within the tolerance; else BadSignature."""
    if not settings.STRIPE_WEBHOOK_SECRET or not signature:
        raise BadSignature("missing signature")
    try:
        stripe.Webhook.construct_event(payload, signature, settings.STRIPE_WEBHOOK_SECRET)
        event = json.loads(payload)
    except (stripe.SignatureVerificationError, ValueError) as error:
        raise BadSignature(str(error)) from error
    if not isinstance(event, dict) or not event.get("id") or not event.get("type"):
        raise BadSignature("not an event")
    return event


def event_store(event: dict) -> WebhookEvent:
    """Keep the event before acting on it; a repeated delivery returns the row we already have."""
    try:
        with transaction.atomic():
            stored, _created = WebhookEvent.objects.get_or_create(
                event_id=event["id"][:100], defaults={"type": str(event["type"])[:100], "payload": event}
            )
    except IntegrityError:
        stored = WebhookEvent.objects.get(event_id=event["id"][:100])
    return stored


def event_process(*, event_pk: int) -> str:
    """Act on one stored event, at most once; a failure is recorded and retried with backoff."""
    try:
        with transaction.atomic():
            stored = WebhookEvent.objects.select_for_update().get(pk=event_pk)
            if stored.status in {WebhookStatus.PROCESSED, WebhookStatus.IGNORED}:
                return stored.status
            handler = _HANDLERS.get(stored.type)
            if handler is not None:
                handler(stored.payload["data"]["object"])
            stored.status = WebhookStatus.PROCESSED if handler else WebhookStatus.IGNORED
            stored.processed_at = timezone.now()
            stored.attempts += 1
            stored.last_error = ""
            stored.next_attempt_at = None
            stored.save(update_fields=["status", "processed_at", "attempts", "last_error", "next_attempt_at"])
            return stored.status
    except Exception as error:  # noqa: BLE001 - recorded and retried by the worker, Stripe already has its 200.
        logger.warning("Stripe event %s failed: %s", event_pk, error)
        stored = WebhookEvent.objects.get(pk=event_pk)
        stored.attempts += 1
        stored.status = WebhookStatus.FAILED
        stored.last_error = f"{type(error).__name__}: {error}"[:2000]
        delay = RETRY_DELAYS[min(stored.attempts, len(RETRY_DELAYS)) - 1]
        stored.next_attempt_at = timezone.now() + delay if stored.attempts < MAX_ATTEMPTS else None
        stored.save(update_fields=["status", "attempts", "last_error", "next_attempt_at"])
        return stored.status


def events_retry_due(*, now=None) -> int:
    from fairfield.donations.tasks import webhook_event_process_task

    now = now or timezone.now()
    due = list(
        WebhookEvent.objects.filter(status=WebhookStatus.FAILED, next_attempt_at__lte=now).values_list("pk", flat=True)
    )
    for pk in due:
        webhook_event_process_task.enqueue(pk)
    return len(due)


def _when(timestamp) -> datetime:
    return datetime.fromtimestamp(int(timestamp), tz=UTC) if timestamp else timezone.now()


def _donation_by_metadata(metadata: dict | None) -> Donation | None:
    public_id = (metadata or {}).get("donation_id")
    if not public_id:
        return None
    try:
        return Donation.objects.filter(public_id=public_id).first()
    except Exception:  # noqa: BLE001 - a malformed id is the same as an unknown one.
        return None


def _gift_by_subscription(subscription_id: str, metadata: dict | None) -> RecurringGift | None:
    gift = RecurringGift.objects.filter(stripe_subscription_id=subscription_id).first() if subscription_id else None
    if gift is None and (metadata or {}).get("recurring_gift_id"):
        try:
            gift = RecurringGift.objects.filter(public_id=metadata["recurring_gift_id"]).first()
        except Exception:  # noqa: BLE001
            gift = None
    return gift


def _id(value) -> str:
    """Stripe sends either an id or the expanded object."""
    if isinstance(value, dict):
        return value.get("id", "")
    return value or ""


def _checkout_completed(session: dict) -> None:
    donation = _donation_by_metadata(session.get("metadata"))
    if donation is None:
        raise NotReady(f"no donation for checkout session {session.get('id')}")
    services.donation_mark_pending(donation=donation, checkout_session_id=session.get("id", ""))
    if donation.recurring_gift_id and session.get("subscription"):
        services.recurring_gift_activate(
            gift=donation.recurring_gift,
            subscription_id=_id(session["subscription"]),
            customer_id=_id(session.get("customer")),
        )
    if session.get("payment_status") in {"paid", "no_payment_required"}:
        services.donation_succeed(
            donation=donation,
            payment_intent_id=_id(session.get("payment_intent")),
            invoice_id=_id(session.get("invoice")),
            when=_when(session.get("created")),
        )


def _checkout_failed(session: dict) -> None:
    donation = _donation_by_metadata(session.get("metadata"))
    if donation is not None:
        services.donation_fail(donation=donation, reason="checkout " + str(session.get("status")))


def _checkout_expired(session: dict) -> None:
    """The donor left Checkout without paying: the gift will not come, unless it already did."""
    donation = _donation_by_metadata(session.get("metadata"))
    if donation is not None and donation.status in {Status.CREATED, Status.PENDING}:
        services.donation_cancel(donation=donation)


def _invoice_subscription(invoice: dict) -> tuple[str, dict]:
    """The subscription and its metadata, wherever this API version puts them."""
    details = (invoice.get("parent") or {}).get("subscription_details") or invoice.get("subscription_details") or {}
    subscription = _id(invoice.get("subscription")) or _id(details.get("subscription"))
    return subscription, details.get("metadata") or {}


def _invoice_donation(invoice: dict) -> Donation:
    """The donation an invoice pays: the first one made at Checkout, or a new one for each later payment."""
    subscription_id, metadata = _invoice_subscription(invoice)
    existing = Donation.objects.filter(stripe_invoice_id=invoice["id"]).first()
    if existing is not None:
        return existing
    if invoice.get("billing_reason") == "subscription_create":
        donation = _donation_by_metadata(metadata)
        if donation is not None:
            return donation
    gift = _gift_by_subscription(subscription_id, metadata)
    if gift is None:
        raise NotReady(f"no recurring gift for invoice {invoice.get('id')}")
    first = gift.donations.order_by("created_at", "pk").first()
    if first is not None and invoice.get("billing_reason") == "subscription_create":
        return first
    try:
        with transaction.atomic():
            return Donation.objects.create(
                recurring_gift=gift,
                campaign=gift.campaign,
                amount_cents=max(int(invoice["amount_paid"] or invoice["amount_due"]) - gift.fee_cents, 1)
                if invoice.get("amount_paid") or invoice.get("amount_due")
                else gift.amount_cents,
                fee_cents=gift.fee_cents,
                currency=gift.currency,
                frequency=gift.frequency,
                method=Method.CARD,
                status=Status.PENDING,
                first_name=gift.first_name,
                last_name=gift.last_name,
                email=gift.email,
                address=gift.address,
                user=gift.user,
                on_donor_wall=first.on_donor_wall if first else False,
                anonymous=first.anonymous if first else False,
                stripe_invoice_id=invoice["id"],
                created_at=_when(invoice.get("created")),
            )
    except IntegrityError:
        return Donation.objects.get(stripe_invoice_id=invoice["id"])


def _invoice_paid(invoice: dict) -> None:
    donation = _invoice_donation(invoice)
    subscription_id, _metadata = _invoice_subscription(invoice)
    if donation.recurring_gift_id and subscription_id:
        services.recurring_gift_activate(
            gift=donation.recurring_gift, subscription_id=subscription_id, customer_id=_id(invoice.get("customer"))
        )
    services.donation_succeed(
        donation=donation,
        invoice_id=invoice["id"],
        payment_intent_id=_id(invoice.get("payment_intent")),
        when=_when((invoice.get("status_transitions") or {}).get("paid_at") or invoice.get("created")),
    )


def _invoice_failed(invoice: dict) -> None:
    donation = _invoice_donation(invoice)
    services.donation_fail(donation=donation, reason="invoice payment failed", invoice_id=invoice["id"])


_SUBSCRIPTION_STATUS = {
    "active": RecurringStatus.ACTIVE,
    "trialing": RecurringStatus.ACTIVE,
    "past_due": RecurringStatus.ACTIVE,
    "paused": RecurringStatus.PAUSED,
    "canceled": RecurringStatus.CANCELLED,
    "incomplete_expired": RecurringStatus.CANCELLED,
}


def _subscription_changed(subscription: dict) -> None:
    gift = _gift_by_subscription(subscription["id"], subscription.get("metadata"))
    if gift is None:
        raise NotReady(f"no recurring gift for subscription {subscription.get('id')}")
    status = _SUBSCRIPTION_STATUS.get(subscription.get("status"))
    if status is None:
        return
    if status == RecurringStatus.ACTIVE and subscription.get("pause_collection"):
        status = RecurringStatus.PAUSED
    items = (subscription.get("items") or {}).get("data") or []
    amount = items[0].get("price", {}).get("unit_amount") if items else None
    if gift.status == RecurringStatus.PENDING and status == RecurringStatus.ACTIVE:
        services.recurring_gift_activate(
            gift=gift, subscription_id=subscription["id"], customer_id=_id(subscription.get("customer"))
        )
    services.recurring_gift_sync(gift=gift, status=status, amount_cents=amount)


def _charge_refunded(charge: dict) -> None:
    payment_intent_id = _id(charge.get("payment_intent"))
    donation = (
        Donation.objects.filter(stripe_payment_intent_id=payment_intent_id).first() if payment_intent_id else None
    )
    if donation is None and payment_intent_id:
        # The refund arrived before the payment's own event: Stripe's PaymentIntent carries our donation id.
        intent = stripe_gateway.payment_intent_retrieve(payment_intent_id)
        donation = _donation_by_metadata(intent.to_dict().get("metadata"))
        if donation is not None and not donation.stripe_payment_intent_id:
            Donation.objects.filter(pk=donation.pk).update(stripe_payment_intent_id=payment_intent_id)
    if donation is None:
        raise NotReady(f"no donation for refunded charge {charge.get('id')}")
    services.donation_refund(donation=donation, amount_cents=int(charge.get("amount_refunded") or 0) or None)


_HANDLERS = {
    "checkout.session.completed": _checkout_completed,
    "checkout.session.async_payment_succeeded": _checkout_completed,
    "checkout.session.async_payment_failed": _checkout_failed,
    "checkout.session.expired": _checkout_expired,
    "invoice.paid": _invoice_paid,
    "invoice.payment_failed": _invoice_failed,
    "customer.subscription.updated": _subscription_changed,
    "customer.subscription.deleted": _subscription_changed,
    "charge.refunded": _charge_refunded,
}
