"""An editor plans the week in the editorial calendar, every step in the browser."""

import re

from playwright.sync_api import expect

from fairfield.accounts.roles import Role
from fairfield.accounts.tests.factories import UserFactory
from fairfield.publishing.tests.factories import article_publish, section_create
from tests.e2e.people import log_in


def test_an_editor_finds_a_draft_in_the_calendar_and_opens_it(page, assert_accessible):
    editor = UserFactory(pseudonym="Osprey", email="osprey@example.org", roles=[Role.MEMBER, Role.EDITOR], totp=True)
    section = section_create()
    article_publish(section, title="Already out")
    draft = article_publish(section, title="The night shift, in draft", publish=False)

    log_in(page, editor)

    page.goto("/admin/")
    page.get_by_role("link", name="Editorial calendar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Editorial calendar")
    this_week = page.get_by_role("region").filter(has_text="this week").first
    expect(this_week).to_contain_text("The night shift, in draft")
    expect(this_week).to_contain_text("Draft, last edited")
    expect(this_week).to_contain_text("Already out")
    expect(page.get_by_role("region", name="Articles waiting at each review step")).to_contain_text(
        "No article is waiting in review."
    )
    assert_accessible(page)

    page.get_by_role("link", name="Later weeks").click()
    expect(page.get_by_text("The night shift, in draft")).to_have_count(0)
    page.get_by_role("link", name="This week").click()
    page.get_by_role("link", name="The night shift, in draft").click()
    expect(page).to_have_url(re.compile(rf"/admin/pages/{draft.pk}/edit/$"))
