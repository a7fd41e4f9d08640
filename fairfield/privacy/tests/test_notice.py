"""The public privacy notice is made from the data inventory, so it says what the code does."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from fairfield.privacy.inventory import INVENTORY

pytestmark = pytest.mark.django_db


def test_the_notice_lists_every_inventory_entry_for_anyone(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        response = client.get(reverse("privacy:notice"))
    assert response.status_code == 200
    html = response.content.decode()
    for entry in INVENTORY:
        assert escape(str(entry.label)) in html
        assert escape(str(entry.on_erasure)) in html


def test_the_footer_links_to_the_notice(client):
    assert f'href="{reverse("privacy:notice")}"' in client.get(reverse("privacy:notice")).content.decode()
