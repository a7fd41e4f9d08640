from django.db import transaction
from django.dispatch import receiver

from fairfield.comments.signals import comment_changed


@receiver(comment_changed, dispatch_uid="notifications.comment_changed")
def announce_comment(sender, comment, **kwargs):
    """Replies and followed discussions are told once the comment is committed; a failure here is logged,
    never turned into an error for the writer whose comment is already saved."""
    from fairfield.notifications.services import comment_announce

    transaction.on_commit(lambda: comment_announce(comment=comment), robust=True)
