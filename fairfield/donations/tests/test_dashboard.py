import pytest
from allauth.account.models import EmailAddress

from fairfield.accounts.tests.factories import UserFactory
from fairfield.donations.models import Donation, RecurringStatus, Status
from fairfield.donations.tests.helpers import give
from fairfield.donations.tests.stripe_fake import event, payload, webhook_post

pytestmark = pytest.mark.django_db

SUBSCRIPTION = "/v1/subscriptions/sub_1QxYzAbCdEfGhIjKsub00001"


@pytest.fixture
def monthly_gift(client, support_page, fake_stripe, org, django_capture_on_commit_callbacks):
    give(client, support_page, amount_choice="1000", frequency="monthly")
    donation = Donation.objects.get()
    gift = donation.recurring_gift
    session = payload(
        "checkout_session",
        id=donation.stripe_checkout_session_id,
        mode="subscription",
        metadata={"donation_id": str(donation.public_id), "recurring_gift_id": str(gift.public_id)},
        payment_status="paid",
        payment_intent=None,
        subscription="sub_1QxYzAbCdEfGhIjKsub00001",
        customer="cus_RaBcDeFgHiJkLm",
        invoice="in_1QxYzAbCdEfGhIjKinv00001",
    )
    with django_capture_on_commit_callbacks(execute=True):
        webhook_post(client, event("checkout.session.completed", session))
    gift.refresh_from_db()
    return gift


def test_the_dashboard_lists_gifts_made_with_the_members_verified_address(client, member, monthly_gift):
    client.force_login(member)
    response = client.get("/support/my-gifts/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "$10.00 monthly" in html
    assert "Receipt " in html and "(PDF)" in html
    assert "Statement for" in html


def test_someone_else_sees_none_of_it(client, other_member, monthly_gift):
    client.force_login(other_member)
    html = client.get("/support/my-gifts/").content.decode()
    assert "$10.00" not in html
    donation = Donation.objects.get()
    assert client.get(f"/support/my-gifts/{donation.public_id}/receipt.pdf").status_code == 404
    response = client.post(f"/support/my-gifts/recurring/{monthly_gift.public_id}/", {"action": "cancel"})
    assert response.status_code == 404
    monthly_gift.refresh_from_db()
    assert monthly_gift.status == RecurringStatus.ACTIVE


def test_an_unverified_address_links_no_gifts(client, monthly_gift):
    stranger = UserFactory(pseudonym="Teal", email="teal@example.org", verified=False)
    EmailAddress.objects.create(user=stranger, email="wren@example.org", verified=False)
    client.force_login(stranger)
    assert "$10.00" not in client.get("/support/my-gifts/").content.decode()


def test_readers_must_log_in(client):
    response = client.get("/support/my-gifts/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_receipt_and_statement_pdfs_are_there_for_the_donor(client, member, monthly_gift):
    client.force_login(member)
    donation = Donation.objects.get()
    receipt = client.get(f"/support/my-gifts/{donation.public_id}/receipt.pdf")
    assert receipt.status_code == 200 and receipt["Content-Type"] == "application/pdf"
    assert receipt.content.startswith(b"%PDF-")
    statement = client.get(f"/support/my-gifts/statement/{donation.succeeded_at.year}.pdf")
    assert statement.status_code == 200 and statement.content.startswith(b"%PDF-")
    assert client.get("/support/my-gifts/statement/1999.pdf").status_code == 404


def test_cancelling_a_monthly_gift_cancels_the_subscription_at_stripe(client, member, monthly_gift, fake_stripe):
    fake_stripe.route("DELETE", SUBSCRIPTION, payload("subscription", status="canceled"))
    client.force_login(member)
    response = client.post(f"/support/my-gifts/recurring/{monthly_gift.public_id}/", {"action": "cancel"})
    monthly_gift.refresh_from_db()
    assert response.status_code == 302
    assert monthly_gift.status == RecurringStatus.CANCELLED
    assert len(fake_stripe.calls("DELETE", SUBSCRIPTION)) == 1


def test_pausing_and_resuming_tell_stripe(client, member, monthly_gift, fake_stripe):
    fake_stripe.route("POST", SUBSCRIPTION, payload("subscription"))
    client.force_login(member)
    client.post(f"/support/my-gifts/recurring/{monthly_gift.public_id}/", {"action": "pause"})
    monthly_gift.refresh_from_db()
    assert monthly_gift.status == RecurringStatus.PAUSED
    client.post(f"/support/my-gifts/recurring/{monthly_gift.public_id}/", {"action": "resume"})
    monthly_gift.refresh_from_db()
    assert monthly_gift.status == RecurringStatus.ACTIVE
    pause, resume = fake_stripe.calls("POST", SUBSCRIPTION)
    assert pause["form"]["pause_collection[behavior]"] == "void"
    assert resume["form"]["pause_collection"] == ""


def test_changing_the_amount_updates_the_subscription_price(client, member, monthly_gift, fake_stripe):
    fake_stripe.route("GET", SUBSCRIPTION, payload("subscription"))
    fake_stripe.route("POST", SUBSCRIPTION, payload("subscription"))
    client.force_login(member)
    client.post(f"/support/my-gifts/recurring/{monthly_gift.public_id}/", {"action": "amount", "amount": "15"})
    monthly_gift.refresh_from_db()
    assert monthly_gift.amount_cents == 1500
    [update] = fake_stripe.calls("POST", SUBSCRIPTION)
    assert update["form"]["items[0][price_data][unit_amount]"] == "1500"
    assert update["form"]["items[0][id]"] == "si_RaBcDeFgHiJkLm"


@pytest.mark.parametrize("amount", ["0", "abc", "1e9", "99999999", "<script>"])
def test_a_bad_new_amount_changes_nothing(client, member, monthly_gift, fake_stripe, amount):
    client.force_login(member)
    response = client.post(
        f"/support/my-gifts/recurring/{monthly_gift.public_id}/", {"action": "amount", "amount": amount}
    )
    monthly_gift.refresh_from_db()
    assert response.status_code == 302
    assert monthly_gift.amount_cents == 1000
    assert fake_stripe.calls("POST", SUBSCRIPTION) == []


def test_update_card_sends_the_donor_to_stripes_customer_portal(client, member, monthly_gift, fake_stripe):
    fake_stripe.route("POST", "/v1/billing_portal/sessions", payload("billing_portal_session"))
    client.force_login(member)
    response = client.post(f"/support/my-gifts/recurring/{monthly_gift.public_id}/card/")
    assert response.status_code == 302
    assert response["Location"].startswith("https://billing.stripe.com/p/session/")
    [call] = fake_stripe.calls("POST", "/v1/billing_portal/sessions")
    assert call["form"]["customer"] == "cus_RaBcDeFgHiJkLm"


def test_the_dashboard_query_count_is_bounded(client, member, monthly_gift, django_assert_max_num_queries):
    client.force_login(member)
    with django_assert_max_num_queries(15):
        client.get("/support/my-gifts/")
    assert Donation.objects.get().status == Status.SUCCEEDED
