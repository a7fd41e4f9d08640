"""The real queue: a message waits in django_tasks_db's table until the worker runs it."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connections
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from fairfield.newsletter import services
from fairfield.newsletter.models import Delivery, DeliveryStatus

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def _restore_migrated_rows(django_db_blocker):
    """A transactional test empties every table when it ends; tests after it still need the migrations' rows."""
    yield
    with django_db_blocker.unblock():
        for alias in connections:
            snapshot = getattr(connections[alias], "_test_serialized_contents", None)
            if snapshot:
                connections[alias].creation.deserialize_db_from_string(snapshot)


# The worker commits and closes connections as it would in production, so this test commits too.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("_restore_migrated_rows")
@override_settings(TASKS=DATABASE_TASKS)
def test_a_confirmation_waits_in_the_database_queue_until_the_worker_sends_it():
    mail.outbox = []
    services.subscriber_subscribe(email="queued@example.org", wants_digest=True, sections=[])

    waiting = DBTaskResult.objects.get()
    assert waiting.status == "READY"
    assert waiting.task_path == "fairfield.newsletter.tasks.delivery_send_task"
    assert Delivery.objects.get().status == DeliveryStatus.QUEUED
    assert mail.outbox == []

    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)

    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    assert Delivery.objects.get().status == DeliveryStatus.SENT
    assert [message.to for message in mail.outbox] == [["queued@example.org"]]
