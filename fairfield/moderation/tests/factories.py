from datetime import datetime, timedelta

from django.db.models import Max
from django.utils import timezone

from fairfield.comments.models import MAX_DEPTH, Comment, CommentStatus


def comment_make(
    article,
    author=None,
    *,
    body="I recognised the waiting room in this.",
    status=CommentStatus.PUBLISHED,
    parent=None,
    created_at: datetime | None = None,
) -> Comment:
    """A comment saved directly, as `comment_post` would leave it: numbered if top-level, threaded if a reply."""
    fields = {
        "article": article,
        "author": author,
        "author_name": "" if author else "Guest",
        "body": body,
        "status": status,
        "created_at": created_at or timezone.now(),
    }
    if parent is None:
        top = Comment.objects.filter(article=article, parent__isnull=True).aggregate(top=Max("number"))["top"]
        fields.update(depth=1, number=(top or 0) + 1)
    else:
        attach = parent if parent.depth < MAX_DEPTH else parent.parent
        fields.update(parent=attach, in_reply_to=parent, root_id=attach.root_id or attach.pk, depth=attach.depth + 1)
    return Comment.objects.create(**fields)


def make_established(member, article, *, comments=3) -> None:
    """Give a member the history of an established one: an old account and published comments."""
    member.date_joined = timezone.now() - timedelta(days=30)
    member.save(update_fields=["date_joined"])
    for number in range(comments):
        comment_make(
            article,
            member,
            body=f"An earlier thought, number {number}.",
            created_at=timezone.now() - timedelta(days=20, minutes=number),
        )
