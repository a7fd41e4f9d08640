from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings

from fairfield.donations.models import Donation, DonationSettings, Status, SupportPage
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
