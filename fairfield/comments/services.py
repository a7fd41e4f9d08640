from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import Max

from fairfield.comments.models import MAX_DEPTH, Comment, CommentStatus
from fairfield.comments.signals import comment_changed


@dataclass(frozen=True)
class IncomingComment:
    """A comment brought in from elsewhere, identified by a key of the caller's choosing."""

    key: str
    parent_key: str | None
    author_name: str
    body: str
    status: CommentStatus
    created_at: datetime


@transaction.atomic
def comment_import(
    *, article, incoming: Sequence[IncomingComment], existing: Mapping[str, Comment] | None = None
) -> dict[str, Comment]:
    """Insert comments in bulk, threaded under `existing` comments or each other; returns the new ones by key.

    New top-level comments are numbered after the article's existing ones, in date order. A parent key
    that is not known makes the comment top-level. Replies below depth 4 attach at depth 4.
    """
    known: dict[str, Comment] = dict(existing or {})
    pending = sorted(incoming, key=lambda item: (item.created_at, item.key))
    created: dict[str, Comment] = {}
    next_number = (article.comments.filter(parent__isnull=True).aggregate(top=Max("number"))["top"] or 0) + 1
    # Insert one depth at a time so every parent has its primary key before its replies are built.
    while pending:
        pending_keys = {item.key for item in pending}
        ready, waiting = [], []
        for item in pending:
            parent_key = item.parent_key if item.parent_key in known or item.parent_key in pending_keys else None
            if parent_key is None or parent_key in known:
                ready.append((item, known.get(parent_key) if parent_key else None))
            else:
                waiting.append(item)
        if not ready:  # a cycle in the source: break it by making the rest top-level
            ready, waiting = [(item, None) for item in waiting], []
        rows = []
        for item, answered in ready:
            comment = Comment(
                article=article,
                author_name=item.author_name[:200],
                body=item.body,
                status=item.status,
                created_at=item.created_at,
            )
            if answered is None:
                comment.depth, comment.number = 1, next_number
                next_number += 1
            else:
                parent = answered if answered.depth < MAX_DEPTH else answered.parent
                comment.parent, comment.in_reply_to = parent, answered
                comment.root_id = parent.root_id or parent.pk
                comment.depth = parent.depth + 1
            rows.append((item.key, comment))
        Comment.objects.bulk_create([comment for _key, comment in rows])
        for key, comment in rows:
            known[key] = created[key] = comment
        pending = waiting
    return created


def comment_import_update(*, comment: Comment, author_name: str, body: str, status: CommentStatus) -> Comment:
    """Bring an imported comment in line with a newer copy of its source."""
    comment.author_name, comment.body, comment.status = author_name[:200], body, status
    comment.save(update_fields=["author_name", "body", "status"])
    return comment


def comment_status_change(*, comment: Comment, status: CommentStatus, public_note: str = "") -> Comment:
    """Move a comment to a new status (moderators' decisions go through here) and tell the receivers.

    `public_note` is the short reason shown in the thread in place of a removed comment.
    """
    comment.status, comment.public_note = status, public_note[:300]
    comment.save(update_fields=["status", "public_note"])
    comment_changed.send(sender=Comment, comment=comment)
    return comment
