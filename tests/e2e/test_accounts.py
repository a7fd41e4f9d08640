"""Account journeys in a real browser: joining, logging in and out, the profile, a forgotten
password, and an editor's first log-in, which must end with two-factor authentication on."""

import re
from urllib.parse import urlsplit

from django.core import mail
from playwright.sync_api import expect

from fairfield.accounts.models import User
from fairfield.accounts.roles import Role, has_role
from fairfield.accounts.tests.factories import PASSWORD, UserFactory, totp_code

NEW_PASSWORD = "a new and rather long passphrase"


def _emailed_path(fragment: str, to: str) -> str:
    message = [message for message in mail.outbox if to in message.to][-1]
    link = next(link for link in re.findall(r"https?://\S+", message.body) if fragment in link)
    return urlsplit(link).path


def _log_in(page, email: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="Log in", exact=True).click()


def _log_out(page) -> None:
    page.get_by_role("navigation", name="Your account").get_by_role("button", name="Log out").click()
    expect(page.get_by_role("navigation", name="Your account").get_by_role("link", name="Log in")).to_be_visible()


def test_a_newcomer_joins_confirms_logs_in_describes_themselves_and_logs_out(page, assert_accessible):
    page.goto("/accounts/signup/")
    assert_accessible(page)
    page.get_by_label("E-mail address").fill("sorrel@example.org")
    page.get_by_label("Pseudonym").fill("Sorrel")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    page.get_by_role("button", name="Join", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your e-mail")

    page.goto(_emailed_path("/accounts/confirm-email/", to="sorrel@example.org"))
    expect(page.get_by_role("main")).to_contain_text("Sorrel")
    page.get_by_role("button", name="Confirm").click()
    assert has_role(User.objects.get(pseudonym="Sorrel"), Role.MEMBER)
    _log_out(page)

    page.goto("/accounts/login/")
    assert_accessible(page)
    _log_in(page, "sorrel@example.org", PASSWORD)
    account_nav = page.get_by_role("navigation", name="Your account")
    expect(account_nav.get_by_role("link", name="Sorrel")).to_be_visible()

    account_nav.get_by_role("link", name="Sorrel").click()
    expect(page).to_have_url(re.compile(r"/members/me/$"))
    assert_accessible(page)
    page.get_by_label("Psychiatric survivor").check()
    page.get_by_label("Peer worker").check()
    page.get_by_label("About me").fill("I write about what helped, and what did not.")
    page.get_by_label("Signed-in members").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("Your profile is saved.")

    page.get_by_role("link", name="See your public profile").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sorrel")
    main = page.get_by_role("main")
    expect(main).to_contain_text("Psychiatric survivor, Peer worker")
    expect(main).to_contain_text("I write about what helped, and what did not.")
    expect(main).to_contain_text("Signed-in members can see your self-description")
    expect(page.locator("body")).not_to_contain_text("sorrel@example.org")
    assert_accessible(page)

    _log_out(page)
    page.goto("/members/Sorrel/")
    expect(page.get_by_role("main")).not_to_contain_text("I write about what helped")


def test_a_member_who_forgot_their_password_chooses_a_new_one_through_the_emailed_link(page, assert_accessible):
    UserFactory(pseudonym="Bramble", email="bramble@example.org", roles=[Role.MEMBER])
    page.goto("/accounts/login/")
    page.get_by_role("link", name="Forgotten your password?").click()
    assert_accessible(page)
    page.locator("#id_email").fill("bramble@example.org")
    page.get_by_role("button", name="Send me a link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your e-mail")

    page.goto(_emailed_path("/accounts/password/reset/key/", to="bramble@example.org"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Choose a new password")
    assert_accessible(page)
    page.locator("#id_password1").fill(NEW_PASSWORD)
    page.locator("#id_password2").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Save the new password").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your password is changed")

    _log_in(page, "bramble@example.org", NEW_PASSWORD)
    expect(page.get_by_role("navigation", name="Your account").get_by_role("link", name="Bramble")).to_be_visible()


def test_an_editors_first_log_in_sets_up_two_factor_before_the_admin(page, assert_accessible):
    UserFactory(pseudonym="Plover", email="plover@example.org", roles=[Role.MEMBER, Role.EDITOR])
    _log_in(page, "plover@example.org", PASSWORD)

    # Changing how one logs in needs the password once more (allauth's reauthentication).
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm it is you")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Set up an authenticator app")
    expect(page.get_by_role("main")).to_contain_text("needs a second factor")
    assert_accessible(page)
    secret = page.locator("#totp-secret").inner_text().strip()
    page.locator("#id_code").fill(totp_code(secret))
    page.get_by_role("button", name="Turn on").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Recovery codes")

    page.goto("/admin/")
    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page.locator("body")).to_contain_text("Plover")

    page.goto("/accounts/logout/")
    page.get_by_role("main").get_by_role("button", name="Log out").click()
    _log_in(page, "plover@example.org", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your code")
    page.locator("#id_code").fill(totp_code(secret))
    page.get_by_role("main").get_by_role("button", name="Log in").click()
    page.goto("/admin/")
    expect(page).to_have_url(re.compile(r"/admin/$"))


def test_a_member_who_opens_the_admin_is_told_it_is_for_staff(page, assert_accessible):
    UserFactory(pseudonym="Curlew", email="curlew@example.org", roles=[Role.MEMBER])
    _log_in(page, "curlew@example.org", PASSWORD)
    expect(page.get_by_role("navigation", name="Your account").get_by_role("button", name="Log out")).to_be_visible()

    for path in ["/admin/", "/admin/pages/"]:
        response = page.goto(path)
        assert response.status == 403
        expect(page.get_by_role("heading", level=1)).to_have_text("The admin is for staff")
        assert urlsplit(page.url).path == path
        assert_accessible(page)
