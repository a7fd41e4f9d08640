"""Wagtail's admin gets Fairfield's accessibility fixes on every page (the journeys run axe on them)."""

from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db


def test_admin_pages_load_the_readability_fixes(client, editor):
    client.force_login(editor)
    page = client.get("/admin/").content.decode()
    assert "fairfield/css/admin.css" in page
    assert "fairfield/js/admin.js" in page


def test_links_in_admin_messages_take_the_messages_colour():
    css = Path(finders.find("fairfield/css/admin.css")).read_text()
    assert ".messages li a {\n  color: inherit;" in css
