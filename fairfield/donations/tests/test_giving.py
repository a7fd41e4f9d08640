import re

import pytest
from django.core import mail
from wagtail.models import ModelLogEntry

from fairfield.donations.models import Donation, Method, Receipt, Status
from fairfield.donations.tests.helpers import form_data, give, hidden_fields, review

pytestmark = pytest.mark.django_db


def test_the_support_page_offers_the_campaigns_amounts_with_twenty_chosen(client, support_page):
    response = client.get(support_page.url)
    html = response.content.decode()
    assert response.status_code == 200
    for label in ("$10.00", "$20.00", "$50.00", "$100.00"):
        assert label in html
    assert 'value="2000" required id="id_amount_choice_1" checked' in html
    assert "$0.00 raised of $5,000.00" in html
    assert "Test mode" in html


def test_the_review_step_shows_the_total_with_the_fee_before_paying(client, support_page, org, fake_stripe):
    response = review(client, support_page, cover_fee="on")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Donation total: $20.91" in html
    assert "$0.91" in html
    assert Donation.objects.count() == 0


def test_a_card_gift_goes_to_checkout_with_an_idempotency_key_from_our_donation(client, support_page, fake_stripe):
    response = give(client, support_page)
    donation = Donation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == "https://checkout.stripe.com/c/pay/cs_test_fairfield0001"
    assert donation.status == Status.PENDING
    assert donation.total_cents == 2000 and donation.currency == "USD" and donation.campaign == support_page.campaign
    assert donation.stripe_checkout_session_id == "cs_test_fairfield0001"
    [call] = fake_stripe.calls("POST", "/v1/checkout/sessions")
    assert call["headers"]["Idempotency-Key"] == f"fairfield-checkout-{donation.public_id}"
    assert call["form"]["mode"] == "payment"
    assert call["form"]["line_items[0][price_data][unit_amount]"] == "2000"
    assert call["form"]["metadata[donation_id]"] == str(donation.public_id)
    actions = list(ModelLogEntry.objects.filter(object_id=str(donation.pk)).values_list("action", flat=True))
    assert sorted(actions) == ["donations.donation.created", "donations.donation.pending"]


def test_a_double_clicked_pay_button_makes_one_donation_and_one_session(client, support_page, fake_stripe):
    reviewed = review(client, support_page)
    fields = hidden_fields(reviewed.content.decode()) | {"step": "pay"}
    first = client.post(support_page.url, fields)
    second = client.post(support_page.url, fields)
    assert first["Location"] == second["Location"]
    assert Donation.objects.count() == 1
    keys = {call["headers"]["Idempotency-Key"] for call in fake_stripe.calls("POST", "/v1/checkout/sessions")}
    assert len(keys) == 1
    assert len(fake_stripe.sessions_by_key) == 1


def test_a_monthly_card_gift_becomes_a_subscription_checkout(client, support_page, fake_stripe):
    give(client, support_page, amount_choice="1000", frequency="monthly")
    donation = Donation.objects.get()
    [call] = fake_stripe.calls("POST", "/v1/checkout/sessions")
    assert call["form"]["mode"] == "subscription"
    assert call["form"]["line_items[0][price_data][recurring][interval]"] == "month"
    assert call["form"]["subscription_data[metadata][recurring_gift_id]"] == str(donation.recurring_gift.public_id)
    assert donation.recurring_gift.status == "pending"


def test_a_changed_amount_after_review_is_shown_again_not_charged(client, support_page, fake_stripe):
    reviewed = review(client, support_page)
    fields = hidden_fields(reviewed.content.decode()) | {"step": "pay", "amount_choice": "10000"}
    response = client.post(support_page.url, fields)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Your gift changed since you last saw it" in html
    assert "Donation total: $100.00" in html
    assert Donation.objects.count() == 0
    assert fake_stripe.requests == []


def test_tampered_currency_campaign_and_total_fields_are_ignored(client, support_page, fake_stripe, campaign):
    give(client, support_page, currency="EUR", campaign="999", total_cents="1", fee_cents="0", cover_fee="on")
    donation = Donation.objects.get()
    assert donation.currency == "USD"
    assert donation.campaign == campaign
    assert donation.amount_cents == 2000 and donation.fee_cents == 91


def test_a_preset_that_is_not_offered_is_refused(client, support_page):
    response = review(client, support_page, amount_choice="1")
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("0", "more than zero"),
        ("-5", "cannot be negative"),
        ("0.50", "The smallest gift we can take is $1.00"),
        ("20000", "The largest gift we can take here is $10,000.00"),
        ("1e9", "Enter the amount in digits"),
        ("NaN", "Enter the amount in digits"),
        ("Infinity", "Enter the amount in digits"),
        ("20.555", "at most two decimal places"),
        ("abc", "Enter the amount in digits"),
        ("20,50", "with a point before the cents"),
        ("", "Enter the amount in digits"),
    ],
)
def test_bad_amounts_get_a_clear_message_and_the_rest_of_the_form_is_kept(client, support_page, typed, message):
    response = review(client, support_page, amount_choice="other", custom_amount=typed, first_name="Marisol")
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert 'value="Marisol"' in html
    assert Donation.objects.count() == 0


@pytest.mark.parametrize("email", ["wren", "wren@", "@example.org", "wren@@example.org", "wren example@x.org"])
def test_invalid_email_addresses_are_refused(client, support_page, email):
    response = review(client, support_page, email=email)
    assert response.status_code == 400
    assert "Please enter an e-mail address in the form name@example.org." in response.content.decode()


def test_whitespace_nul_and_huge_names_are_refused_without_a_record(client, support_page):
    for first_name in ("   ", "Wren\x00", "W" * 1_000_000):
        response = review(client, support_page, first_name=first_name)
        assert response.status_code == 400
    assert Donation.objects.count() == 0


def test_an_offline_cheque_is_pending_and_the_donor_gets_instructions(
    client, support_page, org, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = give(client, support_page, method="cheque")
    donation = Donation.objects.get()
    assert response.status_code == 302
    assert donation.status == Status.PENDING and donation.method == Method.CHEQUE
    [message] = mail.outbox
    assert message.to == ["wren@example.org"]
    assert "Cheques payable to Fairfield Readers Trust." in message.body
    thanks = client.get(response["Location"])
    assert "one more step" in thanks.content.decode()


def test_cheque_instructions_wait_for_a_mail_server_that_is_down(
    client, support_page, org, settings, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    from fairfield.notifications.models import Notification
    from fairfield.notifications.services import digests_send
    from fairfield.notifications.tests.test_notifications import BROKEN_MAILERS

    default_mailers = settings.MAILERS
    settings.MAILERS = BROKEN_MAILERS
    with django_capture_on_commit_callbacks(execute=True):
        response = give(client, support_page, method="cheque")
    assert response.status_code == 302
    waiting = Notification.objects.get(email="wren@example.org")
    assert waiting.sent_at is None and mail.outbox == []

    settings.MAILERS = default_mailers
    Notification.objects.filter(pk=waiting.pk).update(created_at=timezone.now() - timedelta(minutes=10))
    with django_capture_on_commit_callbacks(execute=True):
        digests_send()  # the worker's periodic pass, which also retries mail that failed
    [message] = mail.outbox
    assert "Cheques payable to Fairfield Readers Trust." in message.body


def test_a_monthly_cheque_is_refused(client, support_page):
    response = review(client, support_page, method="cheque", frequency="monthly")
    assert response.status_code == 400
    assert "choose one time for a cheque" in response.content.decode()


def test_the_test_gateway_is_labelled_test_mode_and_completes_the_gift(
    client, support_page, org, django_capture_on_commit_callbacks
):
    response = give(client, support_page, method="test")
    donation = Donation.objects.get()
    page = client.get(response["Location"])
    assert "TEST MODE" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        paid = client.post(response["Location"], {"outcome": "pay"})
    donation.refresh_from_db()
    assert paid.status_code == 302
    assert donation.status == Status.SUCCEEDED
    assert Receipt.objects.get(donation=donation).sent_at is not None
    [receipt] = mail.outbox
    assert "Fairfield Readers Trust" in receipt.body
    assert receipt.attachments[0][2] == "application/pdf"
    assert receipt.attachments[0][1].startswith(b"%PDF")


def test_without_the_test_gateway_there_is_no_test_mode(client, support_page, settings):
    settings.DONATIONS_TEST_GATEWAY = False
    assert "Test mode" not in client.get(support_page.url).content.decode()
    response = review(client, support_page, method="test")
    assert response.status_code == 400


def test_when_stripe_cannot_be_reached_the_donor_is_told_and_nothing_is_lost(client, support_page, fake_stripe):
    fake_stripe.route(
        "POST", "/v1/checkout/sessions", (401, {"error": {"type": "invalid_request_error", "message": "x"}})
    )
    response = give(client, support_page)
    assert response.status_code == 503
    assert "Nothing was charged" in response.content.decode()
    assert Donation.objects.get().status == Status.CREATED


def test_form_data_posted_to_the_page_without_review_never_charges(client, support_page, fake_stripe):
    response = client.post(support_page.url, form_data(step="pay"))
    assert response.status_code == 200
    assert Donation.objects.count() == 0


@pytest.mark.parametrize("anonymous", [False, True])
def test_a_dedication_notice_tells_the_honoured_person_without_the_amount(
    client, support_page, org, anonymous, django_capture_on_commit_callbacks
):
    changes = {
        "method": "test",
        "amount_choice": "5000",
        "dedication": "memory",
        "dedication_name": "Grandmother Rosa",
        "dedication_email": "family@example.org",
        "dedication_message": "She read every issue.",
    }
    if anonymous:
        changes["anonymous"] = "on"
    response = give(client, support_page, **changes)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(response["Location"], {"outcome": "pay"})
    [notice] = [m for m in mail.outbox if m.to == ["family@example.org"]]
    assert "in memory of Grandmother Rosa" in notice.body
    assert "She read every issue." in notice.body
    assert "$50" not in notice.body
    assert ("Wren Alvarez" in notice.body) is not anonymous
    assert Donation.objects.get().on_donor_wall is False


def test_the_donor_wall_shows_only_donors_who_opted_in_and_are_not_anonymous(
    client, support_page, org, django_capture_on_commit_callbacks
):
    for first, extra in (
        ("Listed", {"on_donor_wall": "on"}),
        ("Quiet", {}),
        ("Hidden", {"on_donor_wall": "on", "anonymous": "on"}),
    ):
        response = give(client, support_page, method="test", first_name=first, **extra)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(response["Location"], {"outcome": "pay"})
    html = client.get(support_page.url).content.decode()
    assert "Listed A." in html
    assert "Quiet" not in html and "Hidden" not in html
    assert "$60.00 raised of $5,000.00 from 1 donor" in html


def test_typing_another_amount_chooses_it_even_with_a_preset_ticked(client, support_page):
    response = review(client, support_page, amount_choice="2000", custom_amount="35", method="test")
    assert response.status_code == 200
    page = response.content.decode()
    assert "$35.00" in page
    assert "$20.00" not in page
    assert hidden_fields(page)["amount_choice"] == "other"


def test_typing_another_amount_with_no_choice_ticked_chooses_it(client, support_page):
    response = review(client, support_page, amount_choice=None, custom_amount="35", method="test")
    assert response.status_code == 200
    assert "$35.00" in response.content.decode()


def test_a_blank_other_amount_leaves_the_preset_chosen(client, support_page):
    response = review(client, support_page, amount_choice="5000", custom_amount="   ", method="test")
    assert "$50.00" in response.content.decode()


def test_optional_fields_say_optional_once(client, support_page):
    text = re.sub(r"<[^>]+>", " ", client.get(support_page.url).content.decode())
    words = " ".join(text.split())
    assert "Tell them by e-mail (optional)" in words
    assert "(optional) (optional)" not in words


def test_a_logged_in_members_email_is_filled_in_for_the_receipt(client, support_page, member):
    client.force_login(member)
    page = client.get(support_page.url).content.decode()
    assert re.search(r'<input type="email" name="email" value="wren@example.org"', page)


def test_a_readers_email_box_starts_empty(client, support_page, member):
    page = client.get(support_page.url).content.decode()
    assert "wren@example.org" not in page
