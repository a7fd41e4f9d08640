"""Demo content: a campaign with its Support page under the home page, receipt details, and a few sample gifts."""

import datetime
import random
import uuid

from django.utils import timezone
from wagtail.models import Site

from fairfield.base.demo.accounts import DEMO_DOMAIN, demo_email
from fairfield.base.models import HomePage
from fairfield.donations import services
from fairfield.donations.models import Campaign, DonationSettings, Frequency, Method, SupportPage

APPEAL = (
    "<p>Fairfield carries no advertising and sells nothing about its readers. Every article, every round of "
    "survivor review and every moderated conversation is paid for by people who read it.</p>"
    "<p>This winter we want to pay every survivor who writes for us a fair fee, and to keep the archive free "
    "for anyone who needs it at three in the morning.</p>"
)

# The demo member's own gift shows in their dashboard ("Your gifts") after logging in.
SAMPLE_GIFTS = (
    ("Mira", "Member", 2000, False),
    ("Juniper", "Hale", 2000, True),
    ("Tomas", "Reyes", 5000, False),
    ("Priya", "Nandakumar", 1000, True),
    ("Ola", "Berg", 10000, False),
)


def demo_load(*, seed=None) -> str:
    rng = random.Random(seed)  # noqa: S311 - sample amounts, not secrets
    today = timezone.localdate()
    campaign = Campaign.objects.create(
        name="Winter appeal",
        goal=5000,
        starts_on=today - datetime.timedelta(days=14),
        ends_on=today + datetime.timedelta(days=60),
        preset_amounts="10,20,50,100",
        default_amount=20,
    )
    home = HomePage.objects.get()
    page = home.add_child(
        instance=SupportPage(title="Support Fairfield", slug="support", campaign=campaign, appeal=APPEAL)
    )
    page.save_revision().publish()

    org = DonationSettings.for_site(Site.objects.get(is_default_site=True))
    org.legal_name = "Fairfield Readers Trust (demo)"
    org.tax_id = "00-0000000"
    org.address = "1 Example Row\nDemo Town"
    org.tax_statement = "Demo site: this is not a real receipt. No goods or services were provided for this gift."
    org.offline_instructions = "Demo site: please do not send real cheques. Payee: Fairfield Readers Trust (demo)."
    org.support_page = page
    org.save()

    for first, last, cents, listed in SAMPLE_GIFTS:
        choice = services.GiftChoice(
            amount_cents=cents + rng.choice((0, 0, 500)),
            fee_cents=0,
            currency=org.currency,
            frequency=Frequency.ONE_TIME,
            method=Method.TEST,
            first_name=first,
            last_name=last,
            email=demo_email("member") if last == "Member" else f"{first.lower()}.{last.lower()}@{DEMO_DOMAIN}",
            on_donor_wall=listed,
        )
        donation = services.donation_create(public_id=uuid.uuid4(), choice=choice, campaign=campaign)
        services.donation_mark_pending(donation=donation)
        services.donation_succeed(donation=donation)
    return f"Donations: the {campaign.name} campaign at {page.url} with {len(SAMPLE_GIFTS)} sample test-mode gifts."
