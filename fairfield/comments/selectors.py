from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from fairfield.comments.models import Comment, CommentStatus


def comment_count(*, article) -> int:
    """Published comments on one article, as readers count them."""
    return Comment.objects.published().filter(article=article).count()


def comment_counts(*, article_ids: Iterable[int]) -> dict[int, int]:
    """Published comments per article in one query, for listings; articles without comments are left out."""
    rows = (
        Comment.objects.published()
        .filter(article_id__in=list(article_ids))
        .values("article_id")
        .annotate(total=Count("pk"))
        .order_by()
    )
    return {row["article_id"]: row["total"] for row in rows}


@dataclass
class ThreadEntry:
    """One comment as readers see it: published, or a placeholder kept so its visible replies still read."""

    comment: Comment
    replies: list["ThreadEntry"] = field(default_factory=list)
    placeholder: str = ""
    replying_to: str = ""

    @property
    def author_display(self) -> str:
        author = self.comment.author
        return author.pseudonym if author else self.comment.author_name


@dataclass
class Thread:
    entries: list[ThreadEntry]
    count: int


PLACEHOLDERS = {
    CommentStatus.DELETED_BY_AUTHOR: _("removed by its author"),
    CommentStatus.REMOVED: _("removed by moderators"),
}


def thread_for_article(article, *, newest_first: bool = False) -> Thread:
    """The article's discussion as a tree, in one query whatever its size.

    Pending and held comments never show, and neither does anything under them. Removed and deleted
    comments stay as placeholders only while they have something visible beneath them.
    """
    comments = list(
        Comment.objects.filter(article=article)
        .exclude(status__in=[CommentStatus.PENDING, CommentStatus.HELD])
        .select_related("author")
        .order_by("created_at", "pk")
    )
    entries = {comment.pk: ThreadEntry(comment=comment) for comment in comments}
    top_level = []
    for entry in entries.values():
        parent_id = entry.comment.parent_id
        if parent_id is None:
            top_level.append(entry)
        elif parent_id in entries:
            entries[parent_id].replies.append(entry)
    count = 0

    def prune(siblings: list[ThreadEntry]) -> list[ThreadEntry]:
        nonlocal count
        kept = []
        for entry in siblings:
            entry.replies = prune(entry.replies)
            if entry.comment.status == CommentStatus.PUBLISHED:
                count += 1
            elif entry.replies:
                entry.placeholder = PLACEHOLDERS[entry.comment.status]
            else:
                continue
            kept.append(entry)
        return kept

    top_level = prune(top_level)
    for entry in entries.values():
        answered = entries.get(entry.comment.in_reply_to_id)
        if answered and entry.comment.in_reply_to_id != entry.comment.parent_id and not answered.placeholder:
            entry.replying_to = answered.author_display
    if newest_first:
        top_level.reverse()
    return Thread(entries=top_level, count=count)
