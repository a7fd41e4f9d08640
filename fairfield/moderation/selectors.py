"""What the moderation queue shows: its tabs, one comment in its context, a member's standing."""

from dataclasses import dataclass

from django.db.models import Count, Exists, Min, OuterRef, Q
from django.utils import timezone

from fairfield.comments.models import Comment, CommentStatus
from fairfield.moderation.models import (
    Appeal,
    AuditEntry,
    Flag,
    FlagReason,
    MemberStanding,
    PremoderatedArticle,
    WatchReview,
)
from fairfield.moderation.screening import member_is_established

TABS = ("flagged", "pending", "watched", "held", "appeals")


def _comments():
    return Comment.objects.select_related("article", "author")


def self_harm_concerns():
    """Comments with an open self-harm concern: always at the top of the queue, nothing hidden."""
    concern = Flag.objects.open().filter(comment=OuterRef("pk"), reason=FlagReason.SELF_HARM)
    return _comments().filter(Exists(concern)).order_by("created_at")


def queue_flagged():
    """Comments with open flags, self-harm concerns first, then the most flagged, then the oldest flag."""
    open_flags = Q(flags__resolved_at__isnull=True)
    return (
        _comments()
        .annotate(
            open_flags=Count("flags", filter=open_flags),
            self_harm=Count("flags", filter=open_flags & Q(flags__reason=FlagReason.SELF_HARM)),
            first_flagged=Min("flags__created_at", filter=open_flags),
        )
        .filter(open_flags__gt=0)
        .order_by("-self_harm", "-open_flags", "first_flagged")
    )


def queue_pending():
    return _comments().filter(status=CommentStatus.PENDING).order_by("created_at", "pk")


def queue_held():
    return _comments().filter(status=CommentStatus.HELD).order_by("created_at", "pk")


def queue_watched():
    return WatchReview.objects.open().select_related("comment__article", "comment__author").order_by("created_at")


def queue_appeals():
    return Appeal.objects.filter(decision="").select_related("comment__article", "comment__author", "removed_by")


def queue_counts() -> dict[str, int]:
    return {
        "flagged": Comment.objects.filter(flags__resolved_at__isnull=True).distinct().count(),
        "pending": queue_pending().count(),
        "watched": queue_watched().count(),
        "held": queue_held().count(),
        "appeals": queue_appeals().count(),
    }


@dataclass
class Standing:
    """A member as moderators see them: never their e-mail address, only what bears on the decision."""

    member: object
    record: MemberStanding | None
    established: bool
    published: int
    waiting: int
    removed: int
    flags_against: int

    @property
    def suspended(self) -> bool:
        return bool(self.record and self.record.suspended_until and self.record.suspended_until > timezone.now())

    @property
    def banned(self) -> bool:
        return bool(self.record and self.record.banned_at)

    @property
    def premoderated(self) -> bool:
        return bool(self.record and self.record.premoderated)


def member_standing(member) -> Standing:
    counts = Comment.objects.filter(author=member).aggregate(
        published=Count("pk", filter=Q(status=CommentStatus.PUBLISHED)),
        waiting=Count("pk", filter=Q(status=CommentStatus.PENDING)),
        removed=Count("pk", filter=Q(status=CommentStatus.REMOVED)),
    )
    return Standing(
        member=member,
        record=MemberStanding.objects.filter(member=member).first(),
        established=member_is_established(member, now=timezone.now()),
        flags_against=Flag.objects.filter(comment__author=member).count(),
        **counts,
    )


@dataclass
class CommentContext:
    comment: Comment
    ancestors: list[Comment]
    replies: list[Comment]
    flags: list[Flag]
    watch_reviews: list[WatchReview]
    appeal: Appeal | None
    history: list[AuditEntry]
    article_premoderated: bool
    standing: Standing | None


def comment_context(comment: Comment) -> CommentContext:
    """The comment with what a moderator needs to judge it: the thread above and below, flags, history."""
    ancestors, cursor = [], comment
    while cursor.parent_id is not None:
        cursor = _comments().get(pk=cursor.parent_id)
        ancestors.insert(0, cursor)
    return CommentContext(
        comment=comment,
        ancestors=ancestors,
        replies=list(_comments().filter(parent=comment).order_by("created_at", "pk")),
        flags=list(Flag.objects.filter(comment=comment).select_related("flagged_by")),
        watch_reviews=list(WatchReview.objects.filter(comment=comment)),
        appeal=Appeal.objects.filter(comment=comment).select_related("removed_by", "decided_by").first(),
        history=list(AuditEntry.objects.filter(comment=comment)),
        article_premoderated=PremoderatedArticle.objects.filter(article=comment.article).exists(),
        standing=member_standing(comment.author) if comment.author else None,
    )
