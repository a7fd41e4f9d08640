"""Every change to a donation, a recurring gift or a receipt goes through these functions.

Each state change of a donation writes an audit-log entry named `donations.donation.<state>`.
Mail is sent by the worker after the transaction commits; a donation is never lost because mail failed.
"""

import logging
import uuid
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from fairfield.donations import emails
from fairfield.donations.models import (
    Campaign,
    Dedication,
    Donation,
    Frequency,
    LedgerEntry,
    LedgerKind,
    Method,
    Receipt,
    RecurringGift,
    RecurringStatus,
    Status,
)
from fairfield.lib.errors import Refusal

logger = logging.getLogger(__name__)


class DonationError(Refusal):
    """A change that the donation's current state does not allow; the message is for people."""


@dataclass(frozen=True)
class GiftChoice:
    """Everything a donor chose, validated and recomputed on the server."""

    amount_cents: int
    fee_cents: int
    currency: str
    frequency: str
    method: str
    first_name: str
    last_name: str
    email: str
    address: str = ""
    dedication: str = Dedication.NONE
    dedication_name: str = ""
    dedication_email: str = ""
    dedication_message: str = ""
    anonymous: bool = False
    on_donor_wall: bool = False

    @property
    def total_cents(self) -> int:
        return self.amount_cents + self.fee_cents


def _audit(donation: Donation, action: str, *, user=None, **data) -> None:
    data.setdefault("status", donation.status)
    data.setdefault("total_cents", donation.total_cents)
    log(instance=donation, action=f"donations.donation.{action}", user=user, data=data)


def _on_commit(task, *args) -> None:
    transaction.on_commit(lambda: task.enqueue(*args))


def _user_for(email: str):
    from allauth.account.models import EmailAddress

    address = EmailAddress.objects.filter(email__iexact=email, verified=True).select_related("user").first()
    return address.user if address else None


def donation_create(*, public_id: uuid.UUID, choice: GiftChoice, campaign: Campaign | None, user=None) -> Donation:
    """Record a gift the donor is about to pay; the same public id (a double click) returns the same donation."""
    existing = Donation.objects.filter(public_id=public_id).first()
    if existing is not None:
        return existing
    details = {
        "first_name": choice.first_name,
        "last_name": choice.last_name,
        "email": choice.email,
        "address": choice.address,
        "user": user if user is not None and user.is_authenticated else _user_for(choice.email),
    }
    try:
        with transaction.atomic():
            recurring = None
            if choice.frequency != Frequency.ONE_TIME:
                recurring = RecurringGift.objects.create(
                    campaign=campaign,
                    amount_cents=choice.amount_cents,
                    fee_cents=choice.fee_cents,
                    currency=choice.currency,
                    frequency=choice.frequency,
                    method=choice.method,
                    status=RecurringStatus.PENDING,
                    **details,
                )
            donation = Donation.objects.create(
                public_id=public_id,
                campaign=campaign,
                recurring_gift=recurring,
                amount_cents=choice.amount_cents,
                fee_cents=choice.fee_cents,
                currency=choice.currency,
                frequency=choice.frequency,
                method=choice.method,
                dedication=choice.dedication,
                dedication_name=choice.dedication_name,
                dedication_email=choice.dedication_email,
                dedication_message=choice.dedication_message,
                anonymous=choice.anonymous,
                on_donor_wall=choice.on_donor_wall and not choice.anonymous,
                **details,
            )
            _audit(donation, "created", method=choice.method, frequency=choice.frequency)
    except IntegrityError:
        # The other click of a double click won the race; both get its donation.
        return Donation.objects.get(public_id=public_id)
    return donation


def donation_mark_pending(
    *, donation: Donation, checkout_session_id: str = "", user=None, send_instructions: bool = True
) -> Donation:
    """The donor has been sent to pay (Checkout), or an offline gift awaits its money."""
    with transaction.atomic():
        donation = Donation.objects.select_for_update().get(pk=donation.pk)
        if checkout_session_id and donation.stripe_checkout_session_id != checkout_session_id:
            donation.stripe_checkout_session_id = checkout_session_id
            donation.save(update_fields=["stripe_checkout_session_id"])
        if donation.status != Status.CREATED:
            return donation
        donation.status = Status.PENDING
        donation.save(update_fields=["status"])
        _audit(donation, "pending", user=user)
        if donation.is_offline and send_instructions:
            emails.offline_instructions_notify(donation=donation)
    return donation


def _ledger_record(donation: Donation, kind: str, amount_cents: int, when) -> None:
    entry, created = LedgerEntry.objects.get_or_create(
        donation=donation,
        kind=kind,
        defaults={"amount_cents": amount_cents, "currency": donation.currency, "occurred_at": when},
    )
    if not created and entry.amount_cents != amount_cents:
        # A partial refund followed by a larger one: the entry holds the total refunded.
        entry.amount_cents = amount_cents
        entry.save(update_fields=["amount_cents"])


def donation_succeed(
    *, donation: Donation, payment_intent_id: str = "", invoice_id: str = "", when=None, user=None, reference: str = ""
) -> Donation:
    """The money arrived: a ledger entry, a receipt, a dedication note; repeating it changes nothing."""
    from fairfield.donations.tasks import receipt_send_task

    when = when or timezone.now()
    with transaction.atomic():
        donation = Donation.objects.select_for_update().get(pk=donation.pk)
        changed = []
        if payment_intent_id and not donation.stripe_payment_intent_id:
            donation.stripe_payment_intent_id = payment_intent_id
            changed.append("stripe_payment_intent_id")
        if invoice_id and not donation.stripe_invoice_id:
            donation.stripe_invoice_id = invoice_id
            changed.append("stripe_invoice_id")
        if reference:
            donation.offline_reference = reference
            changed.append("offline_reference")
        if donation.succeeded_at is None:
            donation.succeeded_at = when
            changed.append("succeeded_at")
        _ledger_record(donation, LedgerKind.PAYMENT, donation.total_cents, when)
        if donation.status in {Status.CREATED, Status.PENDING, Status.FAILED}:
            donation.status = Status.SUCCEEDED
            changed.append("status")
            donation.save(update_fields=changed)
            _audit(donation, "succeeded", user=user, payment_intent=payment_intent_id, invoice=invoice_id)
            receipt, _created = Receipt.objects.get_or_create(
                donation=donation, defaults={"number": f"{when:%Y}-{donation.pk:06d}", "issued_at": when}
            )
            _on_commit(receipt_send_task, receipt.pk)
            if donation.dedication and donation.dedication_email:
                emails.dedication_notify(donation=donation)
        elif changed:
            # Already refunded or cancelled, or a repeated event: keep the state, fill in what we learnt.
            donation.save(update_fields=changed)
    return donation


def donation_fail(*, donation: Donation, reason: str = "", invoice_id: str = "") -> Donation:
    with transaction.atomic():
        donation = Donation.objects.select_for_update().get(pk=donation.pk)
        if donation.status not in {Status.CREATED, Status.PENDING}:
            return donation
        donation.status = Status.FAILED
        fields = ["status"]
        if invoice_id and not donation.stripe_invoice_id:
            donation.stripe_invoice_id = invoice_id
            fields.append("stripe_invoice_id")
        donation.save(update_fields=fields)
        _audit(donation, "failed", reason=reason[:200])
    return donation


def donation_refund(*, donation: Donation, amount_cents: int | None = None, user=None, when=None) -> Donation:
    """Record money given back (refunded in Stripe, or by staff for offline gifts); the gift stops counting."""
    when = when or timezone.now()
    with transaction.atomic():
        donation = Donation.objects.select_for_update().get(pk=donation.pk)
        if donation.status == Status.CANCELLED:
            raise DonationError(_("A cancelled gift cannot be refunded."))
        refunded = amount_cents if amount_cents is not None else donation.total_cents
        _ledger_record(donation, LedgerKind.REFUND, -refunded, when)
        if donation.status != Status.REFUNDED:
            donation.status = Status.REFUNDED
            donation.save(update_fields=["status"])
            _audit(donation, "refunded", user=user, refunded_cents=refunded)
    return donation


def donation_cancel(*, donation: Donation, user=None) -> Donation:
    """A gift that will not be paid: an abandoned checkout, a cheque that never came."""
    with transaction.atomic():
        donation = Donation.objects.select_for_update().get(pk=donation.pk)
        if donation.status not in {Status.CREATED, Status.PENDING}:
            raise DonationError(_("Only a gift that is still waiting for its money can be cancelled."))
        donation.status = Status.CANCELLED
        donation.save(update_fields=["status"])
        _audit(donation, "cancelled", user=user)
    return donation


def donation_record_offline(*, choice: GiftChoice, campaign: Campaign | None, user, reference: str = "") -> Donation:
    """Staff enter a gift that already arrived (a cheque in the post): recorded and confirmed at once."""
    with transaction.atomic():
        donation = donation_create(public_id=uuid.uuid4(), choice=choice, campaign=campaign)
        donation_mark_pending(donation=donation, user=user, send_instructions=False)
        return donation_succeed(donation=donation, user=user, reference=reference)


def donation_confirm_offline(*, donation: Donation, user, reference: str = "") -> Donation:
    if not donation.is_offline or donation.status != Status.PENDING:
        raise DonationError(_("Only a pending cheque or bank transfer can be confirmed."))
    return donation_succeed(donation=donation, user=user, reference=reference)


def recurring_gift_activate(*, gift: RecurringGift, subscription_id: str = "", customer_id: str = "") -> RecurringGift:
    with transaction.atomic():
        gift = RecurringGift.objects.select_for_update().get(pk=gift.pk)
        fields = []
        if subscription_id and not gift.stripe_subscription_id:
            gift.stripe_subscription_id = subscription_id
            fields.append("stripe_subscription_id")
        if customer_id and not gift.stripe_customer_id:
            gift.stripe_customer_id = customer_id
            fields.append("stripe_customer_id")
        if gift.status == RecurringStatus.PENDING:
            gift.status = RecurringStatus.ACTIVE
            fields.append("status")
        if fields:
            gift.save(update_fields=fields)
            log(instance=gift, action="donations.recurring.activated", data={"subscription": subscription_id})
    return gift


def recurring_gift_sync(*, gift: RecurringGift, status: str, amount_cents: int | None = None) -> RecurringGift:
    """Take Stripe's word for a subscription's state; a cancelled gift stays cancelled."""
    with transaction.atomic():
        gift = RecurringGift.objects.select_for_update().get(pk=gift.pk)
        if gift.status == RecurringStatus.CANCELLED:
            return gift
        fields = []
        if status != gift.status:
            gift.status = status
            fields.append("status")
            if status == RecurringStatus.CANCELLED:
                gift.cancelled_at = timezone.now()
                fields.append("cancelled_at")
        if amount_cents and amount_cents != gift.total_cents:
            gift.amount_cents = max(amount_cents - gift.fee_cents, 1)
            fields.append("amount_cents")
        if fields:
            gift.save(update_fields=fields)
            log(instance=gift, action=f"donations.recurring.{status}", data={"amount_cents": gift.amount_cents})
    return gift


def recurring_gift_cancel(*, gift: RecurringGift, user=None) -> RecurringGift:
    from fairfield.donations import stripe_gateway

    if gift.status == RecurringStatus.CANCELLED:
        return gift
    if gift.method == Method.CARD and gift.stripe_subscription_id:
        stripe_gateway.subscription_cancel(gift)
    with transaction.atomic():
        gift = RecurringGift.objects.select_for_update().get(pk=gift.pk)
        gift.status = RecurringStatus.CANCELLED
        gift.cancelled_at = timezone.now()
        gift.save(update_fields=["status", "cancelled_at"])
        log(instance=gift, action="donations.recurring.cancelled", user=user)
    return gift


def recurring_gift_pause(*, gift: RecurringGift, user=None) -> RecurringGift:
    from fairfield.donations import stripe_gateway

    if gift.status != RecurringStatus.ACTIVE:
        raise DonationError(_("Only an active gift can be paused."))
    if gift.method == Method.CARD and gift.stripe_subscription_id:
        stripe_gateway.subscription_pause(gift)
    gift.status = RecurringStatus.PAUSED
    gift.save(update_fields=["status"])
    log(instance=gift, action="donations.recurring.paused", user=user)
    return gift


def recurring_gift_resume(*, gift: RecurringGift, user=None) -> RecurringGift:
    from fairfield.donations import stripe_gateway

    if gift.status != RecurringStatus.PAUSED:
        raise DonationError(_("Only a paused gift can be resumed."))
    if gift.method == Method.CARD and gift.stripe_subscription_id:
        stripe_gateway.subscription_resume(gift)
    gift.status = RecurringStatus.ACTIVE
    gift.save(update_fields=["status"])
    log(instance=gift, action="donations.recurring.active", user=user)
    return gift


def recurring_gift_change_amount(*, gift: RecurringGift, amount_cents: int, user=None) -> RecurringGift:
    from fairfield.donations import stripe_gateway

    if gift.status == RecurringStatus.CANCELLED:
        raise DonationError(_("A cancelled gift cannot be changed."))
    if gift.method == Method.CARD and gift.stripe_subscription_id:
        stripe_gateway.subscription_change_amount(gift, cents=amount_cents)
    gift.amount_cents = amount_cents
    gift.fee_cents = 0
    gift.save(update_fields=["amount_cents", "fee_cents"])
    log(instance=gift, action="donations.recurring.amount_changed", user=user, data={"amount_cents": amount_cents})
    return gift


def receipt_send(*, receipt_id: int) -> bool:
    """Mail one receipt if it has not gone yet; a mail-server failure is recorded and retried later."""
    from django.db.models import F

    from fairfield.donations import documents

    # Setting sent_at is the claim, so no lock is held while the mail server is slow; a failure gives it back.
    if not Receipt.objects.filter(pk=receipt_id, sent_at__isnull=True).update(
        sent_at=timezone.now(), attempts=F("attempts") + 1
    ):
        return False
    receipt = Receipt.objects.select_related("donation", "donation__campaign").get(pk=receipt_id)
    try:
        documents.receipt_message(receipt).send()
    except Exception as error:  # noqa: BLE001 - any mail failure waits for the next run.
        Receipt.objects.filter(pk=receipt_id).update(sent_at=None, last_error=f"{type(error).__name__}: {error}"[:500])
        logger.warning("Receipt %s not sent (attempt %s): %s", receipt.number, receipt.attempts, error)
        return False
    Receipt.objects.filter(pk=receipt_id).update(last_error="")
    return True


def receipts_send_unsent() -> int:
    """Try again every receipt the mail server refused; returns how many went out."""
    pending = Receipt.objects.filter(sent_at__isnull=True).values_list("pk", flat=True)
    return sum(receipt_send(receipt_id=pk) for pk in list(pending))


def statement_send(*, email: str, year: int) -> bool:
    """Mail the annual giving statement for one address, once per year."""
    from fairfield.donations import documents
    from fairfield.donations.models import StatementSending
    from fairfield.donations.selectors import statement_donations

    donations = list(statement_donations(emails=[email], year=year))
    if not donations:
        return False
    with transaction.atomic():
        sending, _created = StatementSending.objects.get_or_create(email=email.lower(), year=year)
        sending = StatementSending.objects.select_for_update().get(pk=sending.pk)
        if sending.sent_at is not None:
            return False
        sending.attempts += 1
        latest = donations[-1]
        try:
            documents.statement_message(email=email, name=latest.donor_name, year=year, donations=donations).send()
        except Exception as error:  # noqa: BLE001 - retried by the next run of the command.
            sending.last_error = f"{type(error).__name__}: {error}"[:500]
            sending.save(update_fields=["attempts", "last_error"])
            return False
        sending.sent_at = timezone.now()
        sending.save(update_fields=["attempts", "sent_at"])
    return True


def statements_send(*, year: int) -> int:
    from django.db.models.functions import Lower

    emails = (
        Donation.objects.filter(status=Status.SUCCEEDED, succeeded_at__year=year)
        .annotate(email_lower=Lower("email"))
        .values_list("email_lower", flat=True)
        .distinct()
    )
    return sum(statement_send(email=email, year=year) for email in sorted(set(emails)))
