import json
import threading
import time
import uuid
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection, connections
from django.test import Client
from django.utils import timezone

from fairfield.donations.models import (
    Donation,
    LedgerEntry,
    Receipt,
    RecurringStatus,
    Status,
    WebhookEvent,
    WebhookStatus,
)
from fairfield.donations.selectors import campaign_progress
from fairfield.donations.tests.helpers import give
from fairfield.donations.tests.stripe_fake import event, payload, signature_header, webhook_post


def _card_gift(client, page, **changes) -> Donation:
    give(client, page, **changes)
    return Donation.objects.order_by("-pk").first()


def _completed(donation, **changes) -> dict:
    session = payload(
        "checkout_session",
        id=donation.stripe_checkout_session_id,
        client_reference_id=str(donation.public_id),
        metadata={"donation_id": str(donation.public_id)},
        amount_total=donation.total_cents,
        status="complete",
        payment_status="paid",
    )
    session.update(changes)
    return session


@pytest.mark.django_db
class TestSignatures:
    def _body(self):
        return json.dumps(event("checkout.session.completed", payload("checkout_session")))

    def test_a_missing_signature_is_refused_and_nothing_recorded(self, client, fake_stripe):
        response = client.post("/support/stripe/webhook/", data=self._body(), content_type="application/json")
        assert response.status_code == 400
        assert WebhookEvent.objects.count() == 0

    def test_a_forged_signature_is_refused_and_nothing_recorded(self, client, fake_stripe):
        body = self._body()
        forged = signature_header(body, secret="whsec_someone_else")
        response = client.post(
            "/support/stripe/webhook/", data=body, content_type="application/json", HTTP_STRIPE_SIGNATURE=forged
        )
        assert response.status_code == 400
        assert WebhookEvent.objects.count() == 0

    def test_a_stale_signature_is_refused(self, client, fake_stripe):
        body = self._body()
        stale = signature_header(body, timestamp=int(time.time()) - 3600)
        response = client.post(
            "/support/stripe/webhook/", data=body, content_type="application/json", HTTP_STRIPE_SIGNATURE=stale
        )
        assert response.status_code == 400
        assert WebhookEvent.objects.count() == 0

    def test_a_body_changed_after_signing_is_refused(self, client, fake_stripe):
        body = self._body()
        header = signature_header(body)
        response = client.post(
            "/support/stripe/webhook/",
            data=body.replace("2000", "1"),
            content_type="application/json",
            HTTP_STRIPE_SIGNATURE=header,
        )
        assert response.status_code == 400
        assert WebhookEvent.objects.count() == 0

    def test_garbage_with_a_garbage_header_is_refused(self, client, fake_stripe):
        response = client.post(
            "/support/stripe/webhook/", data=b"\x00<script>", content_type="application/json", HTTP_STRIPE_SIGNATURE="x"
        )
        assert response.status_code == 400

    def test_only_post_is_accepted(self, client, fake_stripe):
        assert client.get("/support/stripe/webhook/").status_code == 405


@pytest.mark.django_db
def test_a_completed_checkout_records_the_gift_once_with_a_receipt(
    client, support_page, fake_stripe, org, django_capture_on_commit_callbacks
):
    donation = _card_gift(client, support_page)
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(10):
            assert webhook_post(client, event("checkout.session.completed", _completed(donation))).status_code == 200
    donation.refresh_from_db()
    assert donation.status == Status.SUCCEEDED
    assert donation.stripe_payment_intent_id == "pi_3QxYzAbCdEfGhIjK0aBcDeFg"
    assert WebhookEvent.objects.get().status == WebhookStatus.PROCESSED
    assert LedgerEntry.objects.filter(donation=donation).count() == 1
    assert Receipt.objects.filter(donation=donation).count() == 1
    [receipt] = mail.outbox
    assert "$20.00" in receipt.body and "12-3456789" in receipt.body
    progress = campaign_progress(support_page.campaign, currency="USD")
    assert (progress.raised_cents, progress.donors) == (2000, 1)


@pytest.mark.django_db
def test_a_refund_before_the_completion_event_converges_to_refunded(
    client, support_page, fake_stripe, django_capture_on_commit_callbacks
):
    donation = _card_gift(client, support_page)
    fake_stripe.route(
        "GET",
        "/v1/payment_intents/pi_3QxYzAbCdEfGhIjK0aBcDeFg",
        payload("payment_intent", metadata={"donation_id": str(donation.public_id)}),
    )
    with django_capture_on_commit_callbacks(execute=True):
        webhook_post(client, event("charge.refunded", payload("charge"), event_id="evt_refund"))
        webhook_post(client, event("checkout.session.completed", _completed(donation), event_id="evt_done"))
    donation.refresh_from_db()
    assert donation.status == Status.REFUNDED
    entries = sorted(LedgerEntry.objects.filter(donation=donation).values_list("kind", "amount_cents"))
    assert entries == [("payment", 2000), ("refund", -2000)]
    assert campaign_progress(support_page.campaign, currency="USD").raised_cents == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_refund_after_the_gift_ends_in_the_same_state(
    client, support_page, fake_stripe, django_capture_on_commit_callbacks
):
    donation = _card_gift(client, support_page)
    with django_capture_on_commit_callbacks(execute=True):
        webhook_post(client, event("checkout.session.completed", _completed(donation), event_id="evt_done"))
        webhook_post(client, event("charge.refunded", payload("charge"), event_id="evt_refund"))
    donation.refresh_from_db()
    assert donation.status == Status.REFUNDED
    entries = sorted(LedgerEntry.objects.filter(donation=donation).values_list("kind", "amount_cents"))
    assert entries == [("payment", 2000), ("refund", -2000)]


def _monthly_events(donation, gift):
    metadata = {"donation_id": str(donation.public_id), "recurring_gift_id": str(gift.public_id)}
    completed = _completed(
        donation,
        mode="subscription",
        payment_intent=None,
        subscription="sub_1QxYzAbCdEfGhIjKsub00001",
        customer="cus_RaBcDeFgHiJkLm",
        invoice="in_1QxYzAbCdEfGhIjKinv00001",
    )
    parent = {"type": "subscription_details", "quote_details": None}
    parent["subscription_details"] = {"metadata": metadata, "subscription": "sub_1QxYzAbCdEfGhIjKsub00001"}
    first = payload("invoice", parent=parent)
    second = payload(
        "invoice",
        id="in_1QxYzAbCdEfGhIjKinv00002",
        billing_reason="subscription_cycle",
        payment_intent="pi_3QxYzAbCdEfGhIjKinvPay02",
        created=1797592050,
        parent=parent,
    )
    return [
        event("checkout.session.completed", completed, event_id="evt_m_completed"),
        event("invoice.paid", first, event_id="evt_m_paid1"),
        event("invoice.paid", second, event_id="evt_m_paid2"),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("order", [(0, 1, 2), (2, 1, 0)], ids=["in order", "reversed"])
def test_a_monthly_gift_with_two_payments_in_any_order(
    client, support_page, fake_stripe, org, order, django_capture_on_commit_callbacks
):
    donation = _card_gift(client, support_page, amount_choice="1000", frequency="monthly")
    gift = donation.recurring_gift
    events = _monthly_events(donation, gift)
    with django_capture_on_commit_callbacks(execute=True):
        for index in order:
            assert webhook_post(client, events[index]).status_code == 200
    gift.refresh_from_db()
    assert gift.status == RecurringStatus.ACTIVE
    assert gift.stripe_subscription_id == "sub_1QxYzAbCdEfGhIjKsub00001"
    payments = Donation.objects.filter(recurring_gift=gift).order_by("created_at")
    assert [(d.status, d.total_cents, d.stripe_invoice_id) for d in payments] == [
        (Status.SUCCEEDED, 1000, "in_1QxYzAbCdEfGhIjKinv00001"),
        (Status.SUCCEEDED, 1000, "in_1QxYzAbCdEfGhIjKinv00002"),
    ]
    assert LedgerEntry.objects.count() == 2
    assert len(mail.outbox) == 2
    assert WebhookEvent.objects.filter(status=WebhookStatus.PROCESSED).count() == 3


@pytest.mark.django_db
def test_subscription_updates_pause_and_delete_the_gift(
    client, support_page, fake_stripe, django_capture_on_commit_callbacks
):
    donation = _card_gift(client, support_page, amount_choice="1000", frequency="monthly")
    gift = donation.recurring_gift
    meta = {"donation_id": str(donation.public_id), "recurring_gift_id": str(gift.public_id)}
    paused = payload("subscription", metadata=meta, pause_collection={"behavior": "void", "resumes_at": None})
    with django_capture_on_commit_callbacks(execute=True):
        webhook_post(client, event("customer.subscription.updated", paused, event_id="evt_paused"))
        gift.refresh_from_db()
        assert gift.status == RecurringStatus.PAUSED
        deleted = payload("subscription", metadata=meta, status="canceled")
        webhook_post(client, event("customer.subscription.deleted", deleted, event_id="evt_deleted"))
        gift.refresh_from_db()
        assert gift.status == RecurringStatus.CANCELLED
        webhook_post(
            client, event("customer.subscription.updated", payload("subscription", metadata=meta), event_id="e3")
        )
    gift.refresh_from_db()
    assert gift.status == RecurringStatus.CANCELLED


@pytest.mark.django_db
def test_a_failed_invoice_marks_the_payment_failed(client, support_page, fake_stripe):
    donation = _card_gift(client, support_page, amount_choice="1000", frequency="monthly")
    meta = {"donation_id": str(donation.public_id), "recurring_gift_id": str(donation.recurring_gift.public_id)}
    parent = {"type": "subscription_details", "subscription_details": {"metadata": meta, "subscription": "sub_x"}}
    failed = payload("invoice", status="open", amount_paid=0, parent=parent)
    webhook_post(client, event("invoice.payment_failed", failed, event_id="evt_failed"))
    donation.refresh_from_db()
    assert donation.status == Status.FAILED


@pytest.mark.django_db
def test_an_event_that_cannot_be_handled_yet_is_kept_and_retried(
    client, support_page, fake_stripe, django_capture_on_commit_callbacks
):
    donation = _card_gift(client, support_page)
    session = _completed(donation, metadata={"donation_id": str(uuid.uuid4())})
    response = webhook_post(client, event("checkout.session.completed", session, event_id="evt_early"))
    stored = WebhookEvent.objects.get()
    assert response.status_code == 200
    assert stored.status == WebhookStatus.FAILED and stored.next_attempt_at is not None
    assert "no donation" in stored.last_error
    # Our own record arrives (here: the id is corrected), and the retry time comes.
    stored.payload["data"]["object"]["metadata"]["donation_id"] = str(donation.public_id)
    stored.next_attempt_at = timezone.now() - timedelta(seconds=1)
    stored.save()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("donations_retry")
    stored.refresh_from_db()
    donation.refresh_from_db()
    assert stored.status == WebhookStatus.PROCESSED
    assert donation.status == Status.SUCCEEDED


@pytest.mark.django_db
def test_event_types_we_do_not_act_on_are_stored_and_ignored(client, fake_stripe):
    webhook_post(client, event("customer.created", {"id": "cus_1", "object": "customer"}, event_id="evt_other"))
    assert WebhookEvent.objects.get().status == WebhookStatus.IGNORED


@pytest.fixture(scope="module", autouse=True)
def _restore_migrated_rows(django_db_blocker):
    """A transactional test empties every table when it ends (after its own fixtures are gone); tests that run
    later in the same worker still need the migrations' rows, so they are put back when this module ends."""
    yield
    with django_db_blocker.unblock():
        for alias in connections:
            snapshot = getattr(connections[alias], "_test_serialized_contents", None)
            if snapshot:
                connections[alias].creation.deserialize_db_from_string(snapshot)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="runs when DATABASE_URL points at PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_ten_deliveries_eight_concurrent_make_one_donation_one_receipt_one_ledger_entry(support_page, fake_stripe, org):
    donation = _card_gift(Client(), support_page)
    evt = event("checkout.session.completed", _completed(donation), event_id="evt_concurrent")
    start = threading.Barrier(8)
    statuses = []

    def deliver():
        try:
            start.wait()
            statuses.append(webhook_post(Client(), evt).status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=deliver) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    statuses += [webhook_post(Client(), evt).status_code for _ in range(2)]
    assert statuses == [200] * 10
    assert Donation.objects.count() == 1
    assert Donation.objects.get().status == Status.SUCCEEDED
    assert Receipt.objects.count() == 1
    assert LedgerEntry.objects.count() == 1
    assert WebhookEvent.objects.count() == 1
    assert len([m for m in mail.outbox if "receipt" in m.subject.lower()]) == 1


@pytest.mark.django_db
def test_an_expired_checkout_cancels_the_waiting_gift_but_never_a_paid_one(
    client, support_page, fake_stripe, django_capture_on_commit_callbacks
):
    donation = _card_gift(client, support_page)
    expired = _completed(donation, status="expired", payment_status="unpaid")
    webhook_post(client, event("checkout.session.expired", expired, event_id="evt_expired"))
    donation.refresh_from_db()
    assert donation.status == Status.CANCELLED

    paid = _card_gift(client, support_page, amount_choice="5000")
    with django_capture_on_commit_callbacks(execute=True):
        webhook_post(client, event("checkout.session.completed", _completed(paid), event_id="evt_paid"))
    webhook_post(client, event("checkout.session.expired", _completed(paid, status="expired"), event_id="evt_late"))
    paid.refresh_from_db()
    assert paid.status == Status.SUCCEEDED
