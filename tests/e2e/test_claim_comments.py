"""A former commenter from the WordPress site claims their comments, every step in the browser after the
operator's import command."""

import re
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit

from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect

from fairfield.accounts.roles import Role
from fairfield.accounts.tests.factories import UserFactory
from fairfield.comments.models import Comment
from tests.e2e.people import log_in

EXPORT = Path(__file__).parents[2] / "fairfield/wordpress/tests/fixtures/small.xml"


def test_a_former_commenter_claims_their_comments_and_nobody_else_can(page, assert_accessible):
    call_command("import_wordpress", str(EXPORT), stdout=StringIO())
    mira = UserFactory(pseudonym="Mira Now", email="mira.new@example.org", roles=[Role.MEMBER])
    someone_else = UserFactory(pseudonym="Someone Else", email="else@example.org", roles=[Role.MEMBER])
    article = Comment.objects.filter(author_name="Mira").first().article.specific
    mail.outbox = []

    log_in(page, mira)
    page.goto("/members/me/")
    page.get_by_role("link", name="Comments you wrote on the old site").click()
    assert_accessible(page)
    page.get_by_label("The e-mail address you used").fill("not an address")
    page.get_by_role("button", name="Send me the link").click()
    expect(page.get_by_role("alert")).to_contain_text("Please enter an e-mail address")
    expect(page.get_by_label("The e-mail address you used")).to_have_value("not an address")
    assert_accessible(page)
    page.get_by_label("The e-mail address you used").fill("mira@example.org")
    page.get_by_role("button", name="Send me the link").click()
    expect(page.get_by_role("status")).to_contain_text("we have e-mailed it a link")

    [message] = [m for m in mail.outbox if "mira@example.org" in m.to]
    link = urlsplit(re.search(r"https?://\S+/comments/claim/\S+/", message.body).group(0)).path

    # Someone else who got hold of the link cannot use it.
    log_in(page, someone_else)
    page.goto(link)
    expect(page.get_by_role("alert")).to_contain_text("made for another account")
    assert_accessible(page)

    log_in(page, mira)
    page.goto(link)
    expect(page.get_by_role("main")).to_contain_text("2 comments were written on the old site")
    assert_accessible(page)
    page.get_by_role("button", name="Add these 2 comments to my account").click()
    expect(page.get_by_role("status")).to_contain_text("2 comments from the old site are now in your account.")

    page.context.clear_cookies()
    page.goto(article.url)
    expect(page.locator("#comments")).to_contain_text("Mira Now")
    assert Comment.objects.filter(author=mira).count() == 2
