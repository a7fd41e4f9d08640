"""Compare our card gifts with the charges Stripe made, and describe every difference."""

from datetime import datetime

from fairfield.donations import stripe_gateway
from fairfield.donations.models import Donation, Method, Status
from fairfield.donations.money import money_format


def donations_reconcile(*, since: datetime, until: datetime) -> list[str]:
    """One sentence per difference; an empty list means Stripe and we agree."""
    charges = {}
    for stripe_charge in stripe_gateway.charges_list(since=since, until=until):
        charge = stripe_charge.to_dict()
        if charge.get("status") != "succeeded" or not charge.get("paid"):
            continue
        key = charge.get("payment_intent") or charge["id"]
        charges[key] = charge
    ours = Donation.objects.filter(method=Method.CARD, created_at__gte=since, created_at__lt=until).exclude(
        status__in=[Status.CREATED, Status.CANCELLED]
    )
    known = {d.stripe_payment_intent_id: d for d in Donation.objects.filter(stripe_payment_intent_id__in=list(charges))}
    differences = []
    for key, charge in sorted(charges.items()):
        amount = money_format(charge["amount"], charge["currency"].upper())
        donation = known.get(key)
        if donation is None:
            differences.append(f"Stripe charge {charge['id']} ({amount}) has no donation here.")
            continue
        if charge["amount"] != donation.total_cents or charge["currency"].upper() != donation.currency:
            differences.append(
                f"Donation {donation.pk}: Stripe charged {amount}, we recorded {donation.total_display}."
            )
        stripe_refunded = bool(charge.get("refunded")) or charge.get("amount_refunded", 0) >= charge["amount"]
        if stripe_refunded and donation.status != Status.REFUNDED:
            differences.append(f"Donation {donation.pk}: refunded at Stripe, {donation.status} here.")
        elif not stripe_refunded and donation.status != Status.SUCCEEDED:
            differences.append(f"Donation {donation.pk}: paid at Stripe, {donation.status} here.")
    for donation in ours:
        if donation.status in {Status.SUCCEEDED, Status.REFUNDED}:
            if not donation.stripe_payment_intent_id:
                differences.append(f"Donation {donation.pk} ({donation.total_display}) has no Stripe payment id.")
            elif donation.stripe_payment_intent_id not in charges:
                differences.append(
                    f"Donation {donation.pk} ({donation.total_display}) is {donation.status} here "
                    f"but Stripe has no charge for {donation.stripe_payment_intent_id}."
                )
    return differences
