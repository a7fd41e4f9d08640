"""Safe messaging in the browser: a comment with method detail shows the guidance first, keeps the text, and is
held for a moderator, who finds it in the queue."""

from playwright.sync_api import expect

from fairfield.accounts.roles import Role
from fairfield.accounts.tests.factories import UserFactory
from fairfield.moderation.tests.factories import make_established
from fairfield.publishing.tests.factories import article_publish, section_create
from tests.e2e.people import log_in

TEXT = "When I came home I looked up the lethal dose of what they gave me. I am still here."


def test_method_detail_shows_guidance_then_waits_for_a_moderator(page, assert_accessible):
    wren = UserFactory(pseudonym="Wren", email="wren@example.org", roles=[Role.MEMBER])
    kestrel = UserFactory(
        pseudonym="Kestrel", email="kestrel@example.org", roles=[Role.MEMBER, Role.MODERATOR], totp=True
    )
    section = section_create()
    make_established(wren, article_publish(section, title="Earlier", slug="earlier"))
    article = article_publish(section, title="After the ward")

    log_in(page, wren)
    page.goto(article.url)
    page.get_by_label("Your comment").fill(TEXT)
    page.get_by_role("button", name="Post comment").click()

    guidance = page.get_by_role("alert")
    expect(guidance).to_contain_text("Before you post")
    expect(guidance).to_contain_text("lethal dose")
    expect(guidance.get_by_role("link", name="support that does not involve the police")).to_be_visible()
    expect(page.get_by_label("Your comment")).to_have_value(TEXT)
    assert_accessible(page)
    page.get_by_label("I have read this.").check()
    page.get_by_role("button", name="Post comment").click()
    expect(page.get_by_role("status")).to_contain_text("waiting for a moderator")
    assert_accessible(page)

    log_in(page, kestrel)
    page.goto("/admin/moderation/?tab=pending")
    expect(page.get_by_role("main")).to_contain_text("lethal dose")
    assert_accessible(page)
