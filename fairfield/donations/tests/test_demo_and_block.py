from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from fairfield.donations.models import Donation, DonationSettings, Method, Status, SupportPage
from fairfield.publishing.page_cache import GENERATION_KEY
from fairfield.publishing.tests.factories import article_publish, section_create

pytestmark = pytest.mark.django_db


@override_settings(PRODUCTION=False)
def test_the_demo_has_a_campaign_page_and_sample_gifts(client):
    out = StringIO()
    call_command("load_demo", "--articles", "2", stdout=out, stderr=StringIO())
    assert "Donations: the Winter appeal campaign at /support/" in out.getvalue()
    page = SupportPage.objects.get()
    assert page.live and page.get_parent().specific_class.__name__ == "HomePage"
    assert Donation.objects.filter(status=Status.SUCCEEDED).count() == 5
    response = client.get("/support/")
    assert response.status_code == 200
    assert "Juniper H." in response.content.decode()
    assert "Tomas" not in response.content.decode()


def test_the_support_us_block_ends_articles_when_switched_on(client, support_page, org):
    article = article_publish(section_create())
    assert "Support us" not in client.get(article.url).content.decode()
    org.support_page = support_page
    org.save()
    html = client.get(article.url).content.decode()
    assert "Support us" in html
    assert f'href="{support_page.url}"' in html
    assert "<progress" in html
    org.show_support_block = False
    org.save()
    assert "Support us" not in client.get(article.url).content.decode()


def test_the_block_disappears_when_its_page_is_unpublished(client, support_page, org):
    article = article_publish(section_create())
    org.support_page = support_page
    org.save()
    support_page.unpublish()
    assert "Support us" not in client.get(article.url).content.decode()
    assert DonationSettings.objects.count() == 1


def test_only_a_gift_that_arrives_or_is_refunded_renews_every_cached_page(campaign):
    cache.set(GENERATION_KEY, "before")
    gift = Donation.objects.create(
        campaign=campaign, amount_cents=2500, currency="USD", method=Method.CARD,
        first_name="Ash", last_name="Reed", email="ash@example.org",
    )  # fmt: skip
    assert cache.get(GENERATION_KEY) == "before"

    gift.status, gift.succeeded_at = Status.SUCCEEDED, timezone.now()
    gift.save(update_fields=["status", "succeeded_at"])
    assert cache.get(GENERATION_KEY) is None

    cache.set(GENERATION_KEY, "after")
    gift.anonymous = True
    gift.save(update_fields=["anonymous"])
    assert cache.get(GENERATION_KEY) == "after"
