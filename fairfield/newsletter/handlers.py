"""The one signal the newsletter listens to, because it is the only hook scheduled publishing fires too."""

import logging

from django.db import transaction

logger = logging.getLogger(__name__)


def announce_published_article(sender, instance, **kwargs):
    """Only enqueue: the work is the worker's, and a newsletter problem must never undo or block publishing."""
    from fairfield.newsletter.tasks import article_announce_task

    try:
        with transaction.atomic():
            article_announce_task.enqueue(instance.pk)
    except Exception:
        logger.exception("Could not queue the newsletter announcement of article %s", instance.pk)
