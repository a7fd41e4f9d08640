import pytest
from django.core.management import CommandError, call_command

from fairfield.donations.models import Donation
from fairfield.donations.tests.helpers import give
from fairfield.donations.tests.stripe_fake import event, payload, webhook_post

pytestmark = pytest.mark.django_db


def _charges(*charges):
    return {"object": "list", "data": list(charges), "has_more": False, "url": "/v1/charges"}


@pytest.fixture
def paid(client, support_page, fake_stripe):
    give(client, support_page)
    donation = Donation.objects.get()
    session = payload(
        "checkout_session",
        id=donation.stripe_checkout_session_id,
        metadata={"donation_id": str(donation.public_id)},
        payment_status="paid",
    )
    webhook_post(client, event("checkout.session.completed", session))
    return donation


def test_reconcile_reports_no_difference_when_we_agree(paid, fake_stripe, capsys):
    fake_stripe.route("GET", "/v1/charges", _charges(payload("charge", refunded=False, amount_refunded=0)))
    call_command("reconcile_donations")
    assert "No differences" in capsys.readouterr().out
    [call] = fake_stripe.calls("GET", "/v1/charges")
    assert "created[gte]" in call["query"]


def test_reconcile_reports_every_difference(paid, fake_stripe, capsys):
    stranger = payload("charge", id="ch_unknown", payment_intent="pi_unknown", refunded=False, amount_refunded=0)
    refunded = payload("charge", amount=2500)
    fake_stripe.route("GET", "/v1/charges", _charges(refunded, stranger))
    with pytest.raises(CommandError, match="3 differences"):
        call_command("reconcile_donations")
    out = capsys.readouterr().out
    assert "Stripe charge ch_unknown ($20.00) has no donation here." in out
    assert f"Donation {paid.pk}: Stripe charged $25.00, we recorded $20.00." in out
    assert f"Donation {paid.pk}: refunded at Stripe, succeeded here." in out


def test_reconcile_reports_a_gift_stripe_does_not_know(paid, fake_stripe, capsys):
    fake_stripe.route("GET", "/v1/charges", _charges())
    with pytest.raises(CommandError, match="1 differences"):
        call_command("reconcile_donations")
    assert "Stripe has no charge for pi_3QxYzAbCdEfGhIjK0aBcDeFg" in capsys.readouterr().out
