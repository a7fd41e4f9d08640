"""What the moderation queue shows: its tabs, one comment in its context, a member's standing."""

from dataclasses import dataclass

from django.db.models import Count, Exists, F, Min, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
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
from fairfield.publishing.models import ArticlePage

TABS = ("flagged", "pending", "watched", "held", "appeals")


def _comments():
    return Comment.objects.select_related("article", "author")


def _queue_items(comments):
    """Comments as queue items: the article, the comment answered, the open flags, the author's standing.

    A fixed number of queries however many items: the author's published count is a subquery and
    the open flags one prefetch.
    """
    published = (
        Comment.objects.filter(author=OuterRef("author"), status=CommentStatus.PUBLISHED)
        .order_by()
        .values("author")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return (
        comments.select_related("article", "author", "author__standing", "parent", "parent__author")
        .annotate(
            author_published=Coalesce(Subquery(published), 0),
        )
        .prefetch_related(
            Prefetch("flags", queryset=Flag.objects.open().select_related("flagged_by"), to_attr="open_flag_list")
        )
    )


def self_harm_concerns():
    """Comments with an open self-harm concern: always at the top of the queue, nothing hidden."""
    concern = Flag.objects.open().filter(comment=OuterRef("pk"), reason=FlagReason.SELF_HARM)
    return _queue_items(Comment.objects.filter(Exists(concern))).order_by("created_at")


def queue_flagged():
    """Comments with open flags, self-harm concerns first, then the most flagged, then the oldest flag."""
    open_flags = Q(flags__resolved_at__isnull=True)
    flagged = (
        Comment.objects.annotate(
            open_flags=Count("flags", filter=open_flags),
            self_harm=Count("flags", filter=open_flags & Q(flags__reason=FlagReason.SELF_HARM)),
            first_flagged=Min("flags__created_at", filter=open_flags),
        )
        .filter(open_flags__gt=0)
        .order_by("-self_harm", "-open_flags", "first_flagged")
    )
    return _queue_items(flagged)


def queue_pending():
    return _queue_items(Comment.objects.filter(status=CommentStatus.PENDING)).order_by("created_at", "pk")


def queue_held():
    return _queue_items(Comment.objects.filter(status=CommentStatus.HELD)).order_by("created_at", "pk")


def queue_watched():
    """Comments with watched words no moderator has looked at yet, the oldest first."""
    reviews = WatchReview.objects.open().filter(comment=OuterRef("pk")).order_by("created_at")
    watched = Comment.objects.filter(Exists(reviews)).annotate(
        watched_words=Subquery(reviews.values("words")[:1]),
        watched_since=Subquery(reviews.values("created_at")[:1]),
    )
    return _queue_items(watched).order_by("watched_since", "pk")


def queue_appeals():
    """Comments whose authors asked for another look, the oldest request first."""
    appealed = Comment.objects.filter(appeal__decision="").annotate(appealed_at=F("appeal__created_at"))
    return _queue_items(appealed).order_by("appealed_at", "pk")


def queue_counts() -> dict[str, int]:
    """How many comments each tab lists. Exists, not a join on `resolved_at IS NULL`, which a comment
    with no flag or review at all would also match."""
    open_flag = Flag.objects.open().filter(comment=OuterRef("pk"))
    open_review = WatchReview.objects.open().filter(comment=OuterRef("pk"))
    return {
        "flagged": Comment.objects.filter(Exists(open_flag)).count(),
        "pending": Comment.objects.filter(status=CommentStatus.PENDING).count(),
        "watched": Comment.objects.filter(Exists(open_review)).count(),
        "held": Comment.objects.filter(status=CommentStatus.HELD).count(),
        "appeals": Appeal.objects.filter(decision="").count(),
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


def articles_for_premoderation(*, query: str = ""):
    """Live articles, those on pre-moderation first, newest first; `query` narrows by title."""
    premoderated = PremoderatedArticle.objects.filter(article=OuterRef("pk"))
    articles = ArticlePage.objects.live().annotate(premoderated=Exists(premoderated))
    if query:
        articles = articles.filter(title__icontains=query)
    return articles.order_by("-premoderated", "-first_published_at", "pk")
