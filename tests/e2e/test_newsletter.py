"""A reader subscribes to the newsletter, confirms from the mail, changes their choices and leaves again."""

import re
from urllib.parse import urlsplit

from django.core import mail
from playwright.sync_api import expect

from fairfield.newsletter.models import Subscriber
from fairfield.publishing.tests.factories import section_create


def _emailed_path(fragment: str, to: str) -> str:
    message = [message for message in mail.outbox if to in message.to][-1]
    link = next(link for link in re.findall(r"https?://\S+", message.body) if fragment in link)
    return urlsplit(link).path


def test_a_reader_subscribes_confirms_changes_their_choices_and_unsubscribes(page, assert_accessible):
    section_create(title="Personal stories", slug="stories")
    news = section_create(title="News", slug="news")
    mail.outbox = []

    page.goto("/newsletter/")
    assert_accessible(page)
    page.get_by_role("button", name="Subscribe").click()
    expect(page.get_by_role("alert")).to_contain_text("Please enter your e-mail address.")
    assert_accessible(page)

    page.get_by_label("Your e-mail address").fill("rowan@example.org")
    page.get_by_label("Personal stories").check()
    page.get_by_role("button", name="Subscribe").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your inbox")

    page.goto(_emailed_path("/newsletter/confirm/", to="rowan@example.org"))
    page.get_by_role("button", name="Yes, start my newsletter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You are subscribed")
    assert Subscriber.objects.get().is_active

    page.get_by_role("link", name="Change what you get, or unsubscribe").click()
    assert_accessible(page)
    expect(page.get_by_label("Personal stories")).to_be_checked()
    page.get_by_label("The weekly digest").check()
    page.get_by_label("Personal stories").uncheck()
    page.get_by_label("News").check()
    page.get_by_role("button", name="Save my choices").click()
    expect(page.get_by_role("status")).to_contain_text("Your newsletter choices are saved.")
    subscriber = Subscriber.objects.get()
    assert subscriber.wants_digest
    assert list(subscriber.sections.all()) == [news]

    page.get_by_role("link", name="Unsubscribe from everything").click()
    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You are unsubscribed")
    assert Subscriber.objects.get().unsubscribed_at is not None
