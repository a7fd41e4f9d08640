"""A member whose mail bounced is told on their next visit and starts our mail again, in the browser."""

import json
import time
import urllib.request

from playwright.sync_api import expect

from fairfield.accounts.tests.factories import PASSWORD, UserFactory
from fairfield.notifications.models import MailSuppression
from fairfield.notifications.services import mail_events_signature

SECRET = "a-test-secret-shared-with-the-mail-provider"


def test_a_bounced_member_is_told_once_and_starts_mail_again(page, live_server, settings, assert_accessible):
    settings.MAIL_EVENTS_SECRET = SECRET
    member = UserFactory(pseudonym="Wren", email="wren@example.org")

    page.goto("/accounts/login/")
    page.locator("#id_login").fill(member.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in", exact=True).click()
    expect(page.get_by_role("navigation", name="Your account")).to_contain_text("Log out")

    # The mail provider reports a hard bounce, signed, over HTTP, as it would in production.
    body = json.dumps({"events": [{"type": "bounce", "bounce": "hard", "email": "wren@example.org"}]}).encode()
    stamp = int(time.time())
    request = urllib.request.Request(  # noqa: S310 - the live server on 127.0.0.1
        f"{live_server.url}/notifications/mail-events/",
        data=body,
        headers={
            "Content-Type": "application/json",
            "Fairfield-Signature": f"t={stamp},v1={mail_events_signature(secret=SECRET, timestamp=stamp, body=body)}",
        },
    )
    with urllib.request.urlopen(request) as response:  # noqa: S310
        assert json.load(response) == {"stopped": 1}

    page.goto("/")
    notice = page.get_by_role("status").filter(has_text="We stopped e-mailing wren@example.org")
    expect(notice).to_be_visible()
    assert_accessible(page)
    notice.get_by_role("link", name="Check your address or start our mail again").click()
    expect(page.get_by_role("heading", name="We are not e-mailing you at the moment")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Start e-mailing me again").click()
    expect(page.get_by_role("status")).to_contain_text("We will e-mail you again.")
    expect(page.get_by_role("heading", name="We are not e-mailing you at the moment")).to_have_count(0)
    assert not MailSuppression.objects.exists()

    page.goto("/")
    expect(page.get_by_text("We stopped e-mailing")).to_have_count(0)
