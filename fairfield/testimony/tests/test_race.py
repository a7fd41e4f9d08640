"""A consent change racing a publication, with two real connections: the stricter level wins."""

import threading
import time

import pytest
from django.db import connection, connections, transaction

from fairfield.testimony import selectors, services
from fairfield.testimony.models import ConsentLevel, Testimony
from fairfield.testimony.tests.factories import submitted

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs row locks across connections"),
]


def test_a_publication_waiting_on_a_consent_change_publishes_nothing_publicly(moderator):
    testimony = submitted()
    locked = threading.Event()

    def writer_makes_it_sealed():
        try:
            with transaction.atomic():
                Testimony.objects.select_for_update().get(pk=testimony.pk)
                locked.set()
                time.sleep(0.5)  # the moderator's publication is waiting on the row lock now
                services.testimony_change_consent(testimony=testimony, consent=ConsentLevel.RECORD)
        finally:
            connections.close_all()

    thread = threading.Thread(target=writer_makes_it_sealed)
    thread.start()
    assert locked.wait(5)
    services.testimony_publish(testimony=testimony, moderator=moderator, redacted_text="the words")
    thread.join(5)
    testimony.refresh_from_db()
    assert testimony.consent == ConsentLevel.RECORD
    assert testimony.public_text == ""
    assert not selectors.testimonies_public().exists()
