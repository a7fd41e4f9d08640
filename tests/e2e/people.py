"""Logging in as a persona in the browser, as people do: the log-in form, and the second factor for staff."""

from playwright.sync_api import expect

from fairfield.accounts.tests.factories import PASSWORD, totp_code


def log_in(page, user) -> None:
    """Log `user` in through allauth's form in a fresh session; staff answer the two-factor prompt."""
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.locator("#id_login").fill(user.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in", exact=True).click()
    if getattr(user, "totp_secret", None):
        page.locator("#id_code").fill(totp_code(user.totp_secret))
        page.get_by_role("main").get_by_role("button", name="Log in").click()
    expect(page.get_by_role("navigation", name="Your account").get_by_role("button", name="Log out")).to_be_attached()
