import re

import pytest
from django.core import mail
from django.utils import timezone

from fairfield.newsletter.models import Subscriber
from fairfield.publishing.tests.factories import section_create

BROKEN_MAILERS = {"default": {"BACKEND": "fairfield.newsletter.tests.mail_backends.BrokenSMTPBackend"}}
REFUSING_MAILERS = {"default": {"BACKEND": "fairfield.newsletter.tests.mail_backends.RefusingSMTPBackend"}}


@pytest.fixture
def stories(db):
    return section_create(title="Personal stories", slug="stories")


@pytest.fixture
def news(db):
    return section_create(title="News", slug="news", description="What is happening.")


@pytest.fixture
def subscriber_make(db):
    def make(email="reader@example.org", *, confirmed=True, wants_digest=True, sections=()):
        subscriber = Subscriber.objects.create(
            email=email, wants_digest=wants_digest, confirmed_at=timezone.now() if confirmed else None
        )
        subscriber.sections.set(sections)
        return subscriber

    return make


def link_in(message, pattern: str) -> str:
    """The first link in a mail's plain text that matches pattern (a path fragment)."""
    match = re.search(r"https?://\S*" + pattern + r"\S*", message.body)
    assert match, f"no {pattern} link in: {message.body}"
    return match.group(0)


def path_of(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).path


@pytest.fixture
def outbox():
    mail.outbox = []
    return mail.outbox
