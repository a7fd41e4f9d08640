"""Members posting at the same moment each get their own number, on SQLite and on PostgreSQL."""

import threading

import pytest
from django.db import connection, connections

from fairfield.accounts.tests.factories import UserFactory
from fairfield.comments.models import Comment
from fairfield.comments.services import comment_post
from fairfield.publishing.tests.factories import article_publish, section_create


@pytest.fixture(autouse=True)
def _leave_the_database_as_found(django_db_blocker):
    """A transactional test empties every table when it ends; later tests in this worker need the migrations' rows."""
    yield
    with django_db_blocker.unblock():
        for alias in connections:
            snapshot = getattr(connections[alias], "_test_serialized_contents", None)
            if snapshot:
                connections[alias].creation.deserialize_db_from_string(snapshot)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_top_level_comments_get_distinct_consecutive_numbers():
    article = article_publish(section_create())
    writers = [UserFactory() for _ in range(6)]
    start = threading.Barrier(len(writers))
    errors = []

    def write(author):
        try:
            start.wait()
            for n in range(3):
                comment_post(author=author, article=article, body=f"{author.pseudonym} {n}")
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(author,)) for author in writers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = sorted(Comment.objects.filter(article=article).values_list("number", flat=True))
    assert numbers == list(range(1, 19))
