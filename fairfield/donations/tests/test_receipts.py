import pytest
from django.core import mail
from django.core.management import call_command

from fairfield.donations.models import Receipt, StatementSending, Status
from fairfield.donations.tests.helpers import give
from fairfield.donations.tests.stripe_fake import event, payload, webhook_post

pytestmark = pytest.mark.django_db

UNREACHABLE_SMTP = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {"host": "127.0.0.1", "port": 1, "timeout": 2},
    }
}


def _paid_gift(client, page):
    give(client, page)
    from fairfield.donations.models import Donation

    donation = Donation.objects.get()
    session = payload(
        "checkout_session",
        id=donation.stripe_checkout_session_id,
        metadata={"donation_id": str(donation.public_id)},
        payment_status="paid",
    )
    webhook_post(client, event("checkout.session.completed", session))
    donation.refresh_from_db()
    return donation


def test_with_the_mail_server_down_the_gift_is_recorded_and_the_receipt_goes_out_later(
    client, support_page, fake_stripe, org, settings, django_capture_on_commit_callbacks
):
    settings.MAILERS = UNREACHABLE_SMTP
    with django_capture_on_commit_callbacks(execute=True):
        donation = _paid_gift(client, support_page)
    receipt = Receipt.objects.get(donation=donation)
    assert donation.status == Status.SUCCEEDED
    assert receipt.sent_at is None and receipt.attempts == 1
    assert "Error" in receipt.last_error or "refused" in receipt.last_error.lower()

    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    call_command("donations_send_receipts")
    receipt.refresh_from_db()
    assert receipt.sent_at is not None and receipt.attempts == 2
    [message] = mail.outbox
    assert message.to == ["wren@example.org"]
    call_command("donations_send_receipts")
    assert len(mail.outbox) == 1


def test_the_receipt_message_parts(client, support_page, fake_stripe, org, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        donation = _paid_gift(client, support_page)
    [message] = mail.outbox
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    for text in ("Fairfield Readers Trust", "12-3456789", "12 Orchard Lane", "No goods or services", "$20.00"):
        assert text in message.body
        assert text in html
    name, pdf, kind = message.attachments[0]
    assert name == f"fairfield-receipt-{donation.receipt.number}.pdf"
    assert kind == "application/pdf" and pdf.startswith(b"%PDF-")


def test_annual_statements_are_mailed_once_per_donor_and_year(
    client, support_page, fake_stripe, org, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        donation = _paid_gift(client, support_page)
    year = donation.succeeded_at.year
    mail.outbox.clear()
    call_command("donations_send_statements", year=year)
    call_command("donations_send_statements", year=year)
    [message] = mail.outbox
    assert str(year) in message.subject
    assert message.attachments[0][1].startswith(b"%PDF-")
    assert StatementSending.objects.get().sent_at is not None
    call_command("donations_send_statements", year=year - 1)
    assert len(mail.outbox) == 1
