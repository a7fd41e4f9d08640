"""A member takes their data with them, then deletes their account, in a real browser.

The export link comes from the e-mail, the ZIP is downloaded and opened, and its readable page is checked
with axe like every other page. After the erasure the pseudonym is on none of the public pages.
"""

import json
import re
import zipfile

from django.core import mail
from playwright.sync_api import expect

from fairfield.accounts.models import User
from fairfield.accounts.roles import Role
from fairfield.accounts.tests.factories import PASSWORD, UserFactory
from fairfield.moderation.tests.factories import make_established
from fairfield.publishing.tests.factories import article_publish, section_create

PSEUDONYM = "Vesper Quill"
EMAIL = "vesper.quill@example.org"


def _log_in(page, email: str) -> None:
    page.goto("/accounts/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in", exact=True).click()
    expect(page.get_by_role("navigation", name="Your account")).to_contain_text("Log out")


def test_a_member_exports_their_data_then_deletes_their_account(page, assert_accessible, tmp_path):
    vesper = UserFactory(pseudonym=PSEUDONYM, email=EMAIL, roles=[Role.MEMBER])
    alder = UserFactory(pseudonym="Alder", email="alder@example.org", roles=[Role.MEMBER])
    section = section_create()
    make_established(vesper, article_publish(section, title="An earlier discussion", slug="an-earlier-discussion"))
    article = article_publish(section, title="What the night staff never saw")
    mail.outbox = []

    # Anyone can read what is kept, from the footer of every page.
    page.goto("/")
    page.get_by_role("navigation", name="Site information").get_by_role("link", name="What we keep about you").click()
    expect(page.get_by_role("heading", name="What we keep about you", level=1)).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text("Your comments")
    assert_accessible(page)

    _log_in(page, EMAIL)
    page.goto(article.url)
    page.get_by_label("Your comment").fill("The corridor lights never went off.")
    page.get_by_role("button", name="Post comment").click()
    expect(page.get_by_role("status")).to_contain_text("Your comment is posted.")
    expect(page.locator("#comments")).to_contain_text(PSEUDONYM)

    # Export: from the profile, ask; the link arrives by e-mail.
    page.get_by_role("navigation", name="Your account").get_by_role("link", name=PSEUDONYM).click()
    page.get_by_role("navigation", name="Account settings").get_by_role("link", name="Your data").click()
    expect(page.get_by_role("heading", name="Your data", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Send me a copy of my data").click()
    expect(page.get_by_role("status")).to_contain_text("We are preparing your copy.")
    expect(page.locator("main")).to_contain_text("Ready to download")
    assert_accessible(page)

    message = next(message for message in mail.outbox if EMAIL in message.to)
    link = re.search(r"https?://\S+/privacy/export/\S+/", message.body).group(0)
    path = "/" + link.split("/", 3)[3]
    with page.expect_download() as download_info:
        page.evaluate("url => { window.location.assign(url); }", path)
    archive_path = tmp_path / "export.zip"
    download_info.value.save_as(archive_path)
    with zipfile.ZipFile(archive_path) as archive:
        comments = json.loads(archive.read("comments.json"))["rows"]
        profile = json.loads(archive.read("profile.json"))["rows"][0]
        index = archive.read("index.html").decode()
        everything = "\n".join(archive.read(name).decode() for name in archive.namelist())
    assert "The corridor lights never went off." in [comment["body"] for comment in comments]
    assert (profile["pseudonym"], profile["email"]) == (PSEUDONYM, EMAIL)
    assert "alder@example.org" not in everything

    # The readable page inside the ZIP, opened as the member would open it.
    index_file = tmp_path / "index.html"
    index_file.write_text(index, encoding="utf-8")
    page.goto(index_file.as_uri())
    expect(page.get_by_role("heading", name="Your data on Fairfield")).to_be_visible()
    comments_section = page.get_by_role("region", name="Your comments", exact=True)
    expect(comments_section).to_contain_text("The corridor lights never went off.")
    assert_accessible(page)

    # Erasure: from the account pages, with the password again.
    page.goto("/members/me/")
    page.get_by_role("navigation", name="Account settings").get_by_role("link", name="Delete your account").click()
    expect(page.get_by_role("heading", name="Delete your account")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Delete my account").click()
    expect(page.locator(".error-summary, [role=alert]").first).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Delete them").check()
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_label("I understand that my account is deleted for good").check()
    page.get_by_role("button", name="Delete my account").click()
    expect(page.get_by_role("heading", name="Your account is deleted")).to_be_visible()
    expect(page.get_by_role("navigation", name="Your account")).to_contain_text("Log in")
    assert_accessible(page)
    assert not User.objects.filter(pk=vesper.pk).exists()

    # Nowhere on the public pages.
    for address in (article.url, "/", section.url, "/authors/"):
        page.goto(address)
        assert PSEUDONYM not in page.content(), address
        assert EMAIL not in page.content(), address
        assert_accessible(page)
    # The search page repeats the query; what matters is that nothing is found under the name.
    page.goto("/search/?q=Vesper+Quill")
    expect(page.locator("main")).to_contain_text("Nothing matched.")
    assert_accessible(page)
    page.goto(article.url)
    expect(page.locator("#comments")).not_to_contain_text("The corridor lights never went off.")
    response = page.goto("/members/Vesper%20Quill/")
    assert response.status == 404
    assert User.objects.filter(pk=alder.pk).exists()
