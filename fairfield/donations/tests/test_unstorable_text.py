"""Broken UTF-8, a NUL or a lone surrogate in a gift's text: refused with one friendly message, the rest kept."""

from urllib.parse import urlencode

import pytest
from wagtail.models import Site

from fairfield.donations.forms import DonationForm
from fairfield.donations.models import Donation, DonationSettings
from fairfield.donations.tests.helpers import form_data
from fairfield.lib.forms import NULL_CHARACTER_MESSAGE, UNREADABLE_MESSAGE

pytestmark = pytest.mark.django_db


def _post_raw(client, page, body: bytes):
    return client.generic("POST", page.url, body, content_type="application/x-www-form-urlencoded")


def _field_errors(response, name):
    return response.context["form"].errors.get(name, [])


def test_broken_utf8_in_a_name_is_refused_not_reviewed(client, support_page):
    data = form_data(method="test", first_name="PLACEHOLDER")
    body = urlencode(data).replace("PLACEHOLDER", "a%ED%A0%80b").encode()

    response = _post_raw(client, support_page, body)

    assert response.status_code == 400
    assert "Check your gift" not in response.text
    assert _field_errors(response, "first_name") == [str(UNREADABLE_MESSAGE)]
    assert Donation.objects.count() == 0


@pytest.mark.parametrize("field", ["first_name", "last_name", "dedication_name", "dedication_message", "email"])
def test_a_nul_gets_one_message_and_the_other_fields_are_kept(client, support_page, field):
    data = form_data(method="test", dedication="honour", **({"dedication_name": "Ada"} | {field: "Ro\x00wan"}))

    response = client.post(support_page.url, data)

    assert response.status_code == 400
    assert _field_errors(response, field) == [str(NULL_CHARACTER_MESSAGE)]
    assert "Null characters are not allowed" not in response.text
    assert 'value="Alvarez"' in response.text or field == "last_name"
    assert Donation.objects.count() == 0


def test_a_lone_surrogate_is_refused(support_page, campaign):
    site_settings = DonationSettings.for_site(Site.objects.get(is_default_site=True))
    form = DonationForm(
        form_data(method="test", last_name="Al\ud800varez"), campaign=campaign, site_settings=site_settings
    )
    assert not form.is_valid()
    assert form.errors["last_name"] == [str(UNREADABLE_MESSAGE)]
