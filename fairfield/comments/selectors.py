from collections.abc import Iterable
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db.models import Case, Count, Exists, OuterRef, Q, Subquery, Value, When
from django.utils.translation import gettext_lazy as _

from fairfield.comments.models import Comment, CommentStatus, Helped, Mute, ThreadFollow


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
    waiting: bool = False
    muted: bool = False
    own: bool = False
    helped: bool = False  # the viewer marked it "this helped"
    helped_count: int = 0  # how many marked it: set only on the viewer's own comments

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


def mutes_of(viewer):
    return Mute.objects.filter(muter=viewer).select_related("muted").order_by("muted__pseudonym")


@dataclass(frozen=True)
class ViewerStanding:
    verified: bool = False
    following: bool = False


def viewer_standing(*, viewer, article) -> ViewerStanding:
    """Whether the viewer may write (a confirmed address) and follows the article, in one query."""
    if not viewer.is_authenticated:
        return ViewerStanding()
    row = (
        get_user_model()
        .objects.filter(pk=viewer.pk, is_active=True)
        .annotate(
            verified=Exists(EmailAddress.objects.filter(user=OuterRef("pk"), verified=True)),
            following=Exists(ThreadFollow.objects.filter(user=OuterRef("pk"), article=article)),
        )
        .values("verified", "following")
        .first()
    )
    return ViewerStanding(**row) if row else ViewerStanding()


def thread_for_article(article, *, newest_first: bool = False, viewer=None) -> Thread:
    """The article's discussion as `viewer` sees it, as a tree, in one query whatever its size.

    Pending and held comments never show, and neither does anything under them, except that the
    viewer sees their own pending comments, marked as waiting. Removed and deleted comments stay as
    placeholders only while they have something visible beneath them. Comments by members the viewer
    muted are marked `muted` (the template folds them away).
    """
    viewer_id = viewer.pk if viewer is not None and viewer.is_authenticated else None
    shown = ~Q(status__in=[CommentStatus.PENDING, CommentStatus.HELD])
    if viewer_id is not None:
        shown |= Q(status=CommentStatus.PENDING, author_id=viewer_id)
    comments = Comment.objects.filter(shown, article=article).select_related("author").order_by("created_at", "pk")
    if viewer_id is not None:
        marks = Helped.objects.filter(comment_id=OuterRef("pk"))
        comments = comments.annotate(
            author_muted=Exists(Mute.objects.filter(muter_id=viewer_id, muted_id=OuterRef("author_id"))),
            helped_by_viewer=Exists(marks.filter(member_id=viewer_id)),
            # Counted for the viewer's own comments only: nobody else ever learns the number.
            helped_count=Case(
                When(
                    author_id=viewer_id, then=Subquery(marks.values("comment_id").annotate(n=Count("pk")).values("n"))
                ),
                default=Value(0),
            ),
        )
    entries = {}
    for comment in comments:
        entries[comment.pk] = ThreadEntry(
            comment=comment,
            waiting=comment.status == CommentStatus.PENDING,
            muted=getattr(comment, "author_muted", False),
            own=viewer_id is not None and comment.author_id == viewer_id,
            helped=getattr(comment, "helped_by_viewer", False),
            helped_count=getattr(comment, "helped_count", 0) or 0,
        )
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
            elif entry.waiting:
                pass
            elif entry.replies or (entry.own and entry.comment.status == CommentStatus.REMOVED):
                # The author of a removed comment sees where it was, to ask for a review.
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
