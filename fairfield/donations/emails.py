"""Notices about a gift that are not receipts, sent through notifications so a mail server that is down
delays them instead of losing them. Receipts carry a PDF and go from `services.receipt_send`."""

from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from fairfield.donations.documents import organisation
from fairfield.donations.models import Donation
from fairfield.notifications import kinds
from fairfield.notifications.services import notify

# Both go to addresses the donor gave for this gift, so they have no opt-out.
OFFLINE_INSTRUCTIONS = kinds.register(
    "donations.offline_instructions", _("Gifts: how to send a cheque or a transfer"), transactional=True
)
DEDICATION = kinds.register("donations.dedication", _("Gifts: a gift made in someone's honour"), transactional=True)


def offline_instructions_notify(*, donation: Donation) -> None:
    context = {"donation": donation, "org": organisation(), "total": donation.total_display}
    _notify(OFFLINE_INSTRUCTIONS, "offline_instructions", context, to=donation.email)


def dedication_notify(*, donation: Donation) -> None:
    """Tells the person a gift honours that it was made: never the amount, the donor named only if not anonymous."""
    _notify(DEDICATION, "dedication", {"donation": donation, "org": organisation()}, to=donation.dedication_email)


def _notify(kind, template: str, context: dict, *, to: str) -> None:
    base = f"donations/email/{template}"
    notify(
        email=to,
        kind=kind,
        subject=render_to_string(f"{base}_subject.txt", context),
        text=render_to_string(f"{base}.txt", context).strip(),
    )
