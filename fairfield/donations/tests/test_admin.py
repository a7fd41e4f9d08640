import csv
import io

import pytest
from django.core import mail
from django.test import Client
from wagtail.models import ModelLogEntry

from fairfield.donations.models import Donation, Method, Status
from fairfield.donations.selectors import campaign_progress
from fairfield.donations.tests.helpers import give

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.fixture
def pending_cheque(support_page, org, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        give(Client(), support_page, method="cheque", first_name='=HYPERLINK("x")')
    return Donation.objects.get()


def test_only_admins_reach_the_donations_admin(client, editor, member, pending_cheque):
    for user in (editor, member):
        client.force_login(user)
        response = client.get("/admin/donations/")
        assert response.status_code in {302, 403}
        assert client.post(f"/admin/donations/{pending_cheque.pk}/confirm/").status_code in {302, 403}
    pending_cheque.refresh_from_db()
    assert pending_cheque.status == Status.PENDING


def test_staff_confirm_a_cheque_and_the_campaign_bar_moves(
    staff, admin_user, pending_cheque, support_page, django_capture_on_commit_callbacks
):
    assert campaign_progress(support_page.campaign, currency="USD").raised_cents == 0
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(f"/admin/donations/{pending_cheque.pk}/confirm/", {"reference": "Cheque 004512"})
    pending_cheque.refresh_from_db()
    assert response.status_code == 302
    assert pending_cheque.status == Status.SUCCEEDED
    assert pending_cheque.offline_reference == "Cheque 004512"
    assert campaign_progress(support_page.campaign, currency="USD").raised_cents == 2000
    [receipt] = mail.outbox
    assert receipt.attachments
    entry = ModelLogEntry.objects.get(action="donations.donation.succeeded", object_id=str(pending_cheque.pk))
    assert entry.user == admin_user
    assert "$20.00 raised" in staff.get(support_page.url).content.decode()


def test_a_confirmed_gift_cannot_be_confirmed_twice(staff, pending_cheque):
    staff.post(f"/admin/donations/{pending_cheque.pk}/confirm/")
    response = staff.post(f"/admin/donations/{pending_cheque.pk}/confirm/", follow=True)
    assert "Only a pending cheque or bank transfer can be confirmed" in response.content.decode()
    assert ModelLogEntry.objects.filter(action="donations.donation.succeeded").count() == 1


def test_staff_record_a_cheque_that_arrived(staff, campaign, org, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(
            "/admin/donations/new/",
            {
                "method": "cheque",
                "amount": "75.50",
                "campaign": campaign.pk,
                "first_name": "Ines",
                "last_name": "Okafor",
                "email": "ines@example.org",
                "reference": "Cheque 1187",
            },
        )
    donation = Donation.objects.get()
    assert response.status_code == 302
    assert (donation.status, donation.method, donation.total_cents) == (Status.SUCCEEDED, Method.CHEQUE, 7550)
    assert [m.to for m in mail.outbox] == [["ines@example.org"]]


@pytest.mark.parametrize("amount", ["", "0", "-3", "abc", "1e9", "20.555"])
def test_manual_entry_refuses_bad_amounts_and_keeps_the_form(staff, campaign, amount):
    response = staff.post(
        "/admin/donations/new/",
        {"method": "cheque", "amount": amount, "first_name": "Ines", "last_name": "Okafor", "email": "i@example.org"},
    )
    assert response.status_code == 400
    assert 'value="Okafor"' in response.content.decode()
    assert Donation.objects.count() == 0


def test_staff_record_a_refund(staff, pending_cheque):
    staff.post(f"/admin/donations/{pending_cheque.pk}/confirm/")
    staff.post(f"/admin/donations/{pending_cheque.pk}/refund/", {"amount": ""})
    pending_cheque.refresh_from_db()
    assert pending_cheque.status == Status.REFUNDED
    assert sorted(pending_cheque.ledger_entries.values_list("amount_cents", flat=True)) == [-2000, 2000]


def test_a_refund_larger_than_the_gift_is_refused(staff, pending_cheque):
    staff.post(f"/admin/donations/{pending_cheque.pk}/confirm/")
    response = staff.post(f"/admin/donations/{pending_cheque.pk}/refund/", {"amount": "500"}, follow=True)
    pending_cheque.refresh_from_db()
    assert pending_cheque.status == Status.SUCCEEDED
    assert "cannot be more than the gift" in response.content.decode()


def test_the_list_filters_exports_csv_and_charts_months(staff, pending_cheque, django_assert_max_num_queries):
    staff.post(f"/admin/donations/{pending_cheque.pk}/confirm/")
    with django_assert_max_num_queries(25):
        response = staff.get("/admin/donations/", {"status": "succeeded"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "$20.00" in html and "<svg" in html and "Monthly totals" in html
    assert "No gifts match" in staff.get("/admin/donations/", {"status": "failed"}).content.decode()
    exported = staff.get("/admin/donations/", {"status": "succeeded", "format": "csv"})
    rows = list(csv.reader(io.StringIO(exported.content.decode())))
    assert rows[0][:3] == ["created_at", "succeeded_at", "status"]
    assert len(rows) == 2
    assert rows[1][rows[0].index("total")] == "20.00"
    # A name that looks like a formula is written so spreadsheets show it as text.
    assert rows[1][rows[0].index("first_name")].startswith("'=")
