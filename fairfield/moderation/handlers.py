import logging

from django.db import transaction

from fairfield.moderation.services import watch_review_open

logger = logging.getLogger(__name__)


def queue_watched_comment(sender, *, comment, **kwargs):
    """A posted or edited comment with watched words joins the queue; a queue problem never stops a comment."""
    try:
        with transaction.atomic():
            watch_review_open(comment=comment)
    except Exception:
        logger.exception("Could not queue comment %s for watched words", comment.pk)
