import pytest

from fairfield.moderation.tests.factories import comment_make
from fairfield.publishing.tests.factories import article_publish, section_create


@pytest.fixture
def article(db):
    return article_publish(section_create(), title="The quiet room")


@pytest.fixture
def notified(monkeypatch):
    """What would have been e-mailed through notifications.notify, as (user, kind, subject, text, url)."""
    sent = []

    def record(*, user, kind, subject, text, url=""):
        sent.append((user, kind, str(subject), str(text), url))

    monkeypatch.setattr("fairfield.notifications.services.notify", record)
    return sent


@pytest.fixture
def comment_by(article):
    def make(author, **fields):
        return comment_make(article, author, **fields)

    return make
