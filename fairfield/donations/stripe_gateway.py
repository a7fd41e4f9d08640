"""Every call Fairfield makes to Stripe, through the official SDK.

Card data never reaches us: donors pay on Stripe Checkout and we learn the outcome from webhooks.
`HTTP_CLIENT` is None in production (the SDK's own client); tests put a fake at this HTTP boundary.
"""

from datetime import datetime

import stripe
from django.conf import settings

from fairfield.donations.models import Donation, Frequency, RecurringGift

HTTP_CLIENT: stripe.HTTPClient | None = None

_INTERVALS = {Frequency.MONTHLY: "month", Frequency.YEARLY: "year"}


def stripe_client() -> stripe.StripeClient:
    return stripe.StripeClient(settings.STRIPE_SECRET_KEY, http_client=HTTP_CLIENT, max_network_retries=2)


def _price_data(*, cents: int, currency: str, frequency: str, name: str) -> dict:
    data = {"currency": currency.lower(), "unit_amount": cents, "product_data": {"name": name}}
    if frequency in _INTERVALS:
        data["recurring"] = {"interval": _INTERVALS[frequency]}
    return data


def checkout_session_create(*, donation: Donation, success_url: str, cancel_url: str) -> stripe.checkout.Session:
    """A Checkout session for the donation; the same donation always gets the same session (idempotency key)."""
    metadata = {"donation_id": str(donation.public_id)}
    if donation.recurring_gift_id:
        metadata["recurring_gift_id"] = str(donation.recurring_gift.public_id)
    params = {
        "mode": "subscription" if donation.recurring_gift_id else "payment",
        "line_items": [
            {
                "quantity": 1,
                "price_data": _price_data(
                    cents=donation.total_cents,
                    currency=donation.currency,
                    frequency=donation.frequency,
                    name=str(donation.campaign or "Donation to Fairfield"),
                ),
            }
        ],
        "customer_email": donation.email,
        "client_reference_id": str(donation.public_id),
        "metadata": metadata,
        "success_url": success_url,
        "cancel_url": cancel_url,
    }
    if donation.recurring_gift_id:
        params["subscription_data"] = {"metadata": metadata}
    else:
        params["payment_intent_data"] = {"metadata": metadata}
    return stripe_client().v1.checkout.sessions.create(
        params=params, options={"idempotency_key": f"fairfield-checkout-{donation.public_id}"}
    )


def payment_intent_retrieve(payment_intent_id: str) -> stripe.PaymentIntent:
    return stripe_client().v1.payment_intents.retrieve(payment_intent_id)


def subscription_cancel(gift: RecurringGift) -> None:
    stripe_client().v1.subscriptions.cancel(gift.stripe_subscription_id)


def subscription_pause(gift: RecurringGift) -> None:
    """Stop collecting without cancelling; invoices made while paused are voided."""
    stripe_client().v1.subscriptions.update(
        gift.stripe_subscription_id, params={"pause_collection": {"behavior": "void"}}
    )


def subscription_resume(gift: RecurringGift) -> None:
    stripe_client().v1.subscriptions.update(gift.stripe_subscription_id, params={"pause_collection": ""})


def subscription_change_amount(gift: RecurringGift, *, cents: int) -> None:
    """Charge a new amount from the next payment on; nothing is prorated."""
    client = stripe_client()
    subscription = client.v1.subscriptions.retrieve(gift.stripe_subscription_id)
    item = subscription["items"]["data"][0]
    product = item["price"]["product"]
    client.v1.subscriptions.update(
        gift.stripe_subscription_id,
        params={
            "items": [
                {
                    "id": item["id"],
                    "price_data": {
                        "currency": gift.currency.lower(),
                        "unit_amount": cents,
                        "product": product if isinstance(product, str) else product["id"],
                        "recurring": {"interval": _INTERVALS[gift.frequency]},
                    },
                }
            ],
            "proration_behavior": "none",
        },
    )


def billing_portal_url(gift: RecurringGift, *, return_url: str) -> str:
    """Stripe's customer portal, where the donor updates their card."""
    session = stripe_client().v1.billing_portal.sessions.create(
        params={"customer": gift.stripe_customer_id, "return_url": return_url}
    )
    return session.url


def charges_list(*, since: datetime, until: datetime):
    """Every charge Stripe made in the period, page after page."""
    params = {"created": {"gte": int(since.timestamp()), "lt": int(until.timestamp())}, "limit": 100}
    return stripe_client().v1.charges.list(params=params).auto_paging_iter()
