import datetime

import pytest
from wagtail.models import Page, Site

from fairfield.donations import stripe_gateway
from fairfield.donations.models import Campaign, DonationSettings, SupportPage
from fairfield.donations.tests.stripe_fake import SECRET_KEY, WEBHOOK_SECRET, FakeStripe


@pytest.fixture
def campaign(db):
    return Campaign.objects.create(
        name="Winter appeal",
        goal=5000,
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2099, 12, 31),
        preset_amounts="10,20,50,100",
        default_amount=20,
        minimum_cents=100,
        maximum_cents=1_000_000,
    )


@pytest.fixture
def support_page(campaign):
    home = Page.objects.get(depth=2).specific
    page = home.add_child(
        instance=SupportPage(
            title="Support Fairfield", slug="support-fairfield", campaign=campaign, appeal="<p>Help.</p>"
        )
    )
    page.save_revision().publish()
    return page


@pytest.fixture
def org(db):
    org = DonationSettings.for_site(Site.objects.get(is_default_site=True))
    org.legal_name = "Fairfield Readers Trust"
    org.tax_id = "12-3456789"
    org.address = "12 Orchard Lane\nSpringfield"
    org.tax_statement = "No goods or services were provided in exchange for this gift."
    org.offline_instructions = "Cheques payable to Fairfield Readers Trust."
    org.save()
    return org


@pytest.fixture
def fake_stripe(settings, monkeypatch):
    settings.STRIPE_SECRET_KEY = SECRET_KEY
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.DONATIONS_CARD_GATEWAY = True
    fake = FakeStripe()
    fake.checkout_route()
    monkeypatch.setattr(stripe_gateway, "HTTP_CLIENT", fake)
    return fake
