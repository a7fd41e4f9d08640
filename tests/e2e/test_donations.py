"""Giving in a real browser: a one-time card gift through a local fake of Stripe Checkout, a monthly gift in
test mode that the donor cancels, and a cheque a staff member records, which moves the campaign's bar."""

import datetime
import json
import re

import pytest
from django.core import mail
from django.http import HttpResponse, HttpResponseRedirect
from django.test import Client
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from playwright.sync_api import expect
from wagtail.models import Page, Site

import fairfield.urls
from fairfield.accounts.tests.factories import PASSWORD, totp_code
from fairfield.donations import stripe_gateway
from fairfield.donations.models import Campaign, Donation, DonationSettings, RecurringStatus, Status, SupportPage
from fairfield.donations.tests.stripe_fake import (
    SECRET_KEY,
    WEBHOOK_SECRET,
    FakeStripe,
    event,
    payload,
    signature_header,
)

FAKE_CHECKOUT = "/fake-stripe-checkout/"


@pytest.fixture
def support_page(db):
    campaign = Campaign.objects.create(
        name="Winter appeal", goal=5000, starts_on=datetime.date(2026, 1, 1), preset_amounts="10,20,50,100"
    )
    home = Page.objects.get(depth=2).specific
    page = home.add_child(instance=SupportPage(title="Support Fairfield", slug="give", campaign=campaign))
    page.save_revision().publish()
    org = DonationSettings.for_site(Site.objects.get(is_default_site=True))
    org.legal_name = "Fairfield Readers Trust"
    org.tax_id = "12-3456789"
    org.tax_statement = "No goods or services were provided in exchange for this gift."
    org.support_page = page
    org.save()
    return page


@pytest.fixture
def fake_stripe(settings, monkeypatch, live_server):
    """Stripe's API answered in-process; Checkout's hosted page is served by the browser fixture below."""
    settings.STRIPE_SECRET_KEY = SECRET_KEY
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.DONATIONS_CARD_GATEWAY = True
    fake = FakeStripe()

    def create(request):
        session = payload(
            "checkout_session",
            id=f"cs_test_e2e{len(fake.sessions_by_key) + 1:04d}",
            metadata={"donation_id": request["form"]["metadata[donation_id]"]},
            success_url=request["form"]["success_url"],
            url=f"{live_server.url}{FAKE_CHECKOUT}cs_test_e2e{len(fake.sessions_by_key) + 1:04d}",
        )
        fake.sessions_by_key.setdefault(request["headers"]["Idempotency-Key"], session)
        return fake.sessions_by_key[request["headers"]["Idempotency-Key"]]

    fake.route("POST", "/v1/checkout/sessions", create)
    monkeypatch.setattr(stripe_gateway, "HTTP_CLIENT", fake)
    _FAKES.append(fake)
    settings.ROOT_URLCONF = __name__
    return fake


@csrf_exempt
def fake_checkout(request, session_id):
    """A stand-in for Stripe's hosted page on the live server: paying sends the signed webhook Stripe would send."""
    session = next(s for s in _FAKES[-1].sessions_by_key.values() if s["id"] == session_id)
    if request.method == "GET":
        return HttpResponse(
            '<!doctype html><html lang="en"><title>Fake Checkout</title><main><h1>Fake Checkout</h1>'
            '<form method="post"><button>Pay</button></form></main></html>'
        )
    completed = dict(session, status="complete", payment_status="paid")
    body = json.dumps(event("checkout.session.completed", completed, event_id=f"evt_{session_id}"))
    response = Client().post(
        "/support/stripe/webhook/",
        data=body,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=signature_header(body),
    )
    assert response.status_code == 200
    return HttpResponseRedirect(session["success_url"])


_FAKES: list[FakeStripe] = []
urlpatterns = [path("fake-stripe-checkout/<str:session_id>", fake_checkout), *fairfield.urls.urlpatterns]


def _log_in(page, user):
    page.goto("/accounts/login/")
    page.locator("#id_login").fill(user.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in", exact=True).click()
    if getattr(user, "totp_secret", None):
        expect(page.get_by_role("heading", level=1)).to_have_text("Enter your code")
        page.locator("#id_code").fill(totp_code(user.totp_secret))
        page.get_by_role("main").get_by_role("button", name="Log in").click()
    expect(page.get_by_role("navigation", name="Your account").get_by_role("button", name="Log out")).to_be_attached()


def _fill_donor(page, *, first="Wren", last="Alvarez", email="wren@example.org"):
    page.get_by_label("First name", exact=True).fill(first)
    page.get_by_label("Last name", exact=True).fill(last)
    page.get_by_label(re.compile(r"^E-mail address")).fill(email)


def test_a_reader_gives_twenty_once_by_card_and_finds_the_receipt_in_the_dashboard(
    page, live_server, support_page, fake_stripe, member, assert_accessible
):
    page.goto(support_page.url)
    assert_accessible(page)
    expect(page.get_by_label("$20.00")).to_be_checked()
    _fill_donor(page)
    page.get_by_label("Card (you will pay on Stripe's secure page)").check()
    page.get_by_role("button", name="Review your gift").click()
    expect(page.get_by_text("Donation total: $20.00")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Continue to secure card payment").click()
    expect(page.get_by_role("heading", name="Fake Checkout")).to_be_visible()
    page.get_by_role("button", name="Pay").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for your gift")
    assert_accessible(page)
    donation = Donation.objects.get()
    assert donation.status == Status.SUCCEEDED and donation.total_cents == 2000
    [receipt] = [m for m in mail.outbox if "receipt" in m.subject.lower()]
    assert receipt.to == ["wren@example.org"] and "$20.00" in receipt.body

    _log_in(page, member)
    page.goto("/support/my-gifts/")
    assert_accessible(page)
    history = page.get_by_role("table")
    expect(history).to_contain_text("$20.00")
    expect(history.get_by_role("link", name=re.compile(r"Receipt .* \(PDF\)"))).to_be_visible()


def test_a_member_gives_ten_monthly_in_test_mode_and_cancels_it(page, support_page, member, assert_accessible):
    _log_in(page, member)
    page.goto(support_page.url)
    page.get_by_label("$10.00").check()
    page.get_by_label("Monthly").check()
    _fill_donor(page)
    page.get_by_label("Test mode: no money moves (demo only)").check()
    page.get_by_role("button", name="Review your gift").click()
    expect(page.get_by_text("Donation total: $10.00")).to_be_visible()
    page.get_by_role("button", name="Continue (test mode)").click()
    expect(page.get_by_text("TEST MODE", exact=True)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Pay in test mode").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for your gift")
    assert any("receipt" in m.subject.lower() for m in mail.outbox)

    page.goto("/support/my-gifts/")
    expect(page.get_by_text("$10.00 monthly")).to_be_visible()
    expect(page.get_by_text("Active")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Cancel this gift").click()
    expect(page.get_by_text("Your recurring gift is cancelled")).to_be_visible()
    assert Donation.objects.get().recurring_gift.status == RecurringStatus.CANCELLED


def test_staff_record_a_cheque_and_the_campaign_bar_moves(page, support_page, admin_user, assert_accessible):
    page.goto(support_page.url)
    expect(page.get_by_text("$0.00 raised of $5,000.00")).to_be_visible()
    _log_in(page, admin_user)
    page.goto("/admin/donations/new/")
    page.get_by_label("Method").select_option("cheque")
    page.get_by_label("Amount").fill("75")
    page.get_by_label("Campaign").select_option(label="Winter appeal")
    _fill_donor(page, first="Ines", last="Okafor", email="ines@example.org")
    page.get_by_label("Cheque number or transfer reference").fill("Cheque 1187")
    page.get_by_role("button", name="Record the gift").click()
    expect(page.get_by_text("Gift of $75.00 recorded.")).to_be_visible()

    page.goto(support_page.url)
    expect(page.get_by_text("$75.00 raised of $5,000.00 from 1 donor")).to_be_visible()
    assert page.locator("progress").get_attribute("value") == "1"
    assert_accessible(page)
