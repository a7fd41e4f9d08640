"""Reads the review pages, the template tags and the Wagtail task share."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import TaskState, WorkflowState

from fairfield.accounts.models import Relationship
from fairfield.accounts.roles import Role, has_role
from fairfield.publishing.models import ArticleContributor, ArticlePage
from fairfield.review.models import (
    ArticleStatement,
    Assessment,
    Claim,
    ClaimStatus,
    ConflictDeclaration,
    FirstReadOverride,
    ItemRead,
    PositionalityStatement,
    ReadingItem,
    ReadingReflection,
    ReviewEvent,
    ReviewSettings,
    SurvivorCommentary,
    SurvivorFirstReadTask,
)


def is_professional(user) -> bool:
    return Relationship.PROFESSIONAL in (user.relationships or [])


def is_editor(user) -> bool:
    return has_role(user, Role.EDITOR) or has_role(user, Role.ADMIN)


def is_reviewer(user) -> bool:
    """Only members of the Survivor reviewers group: being a superuser does not make anyone a survivor."""
    return has_role(user, Role.SURVIVOR_REVIEWER)


def is_contributor(user) -> bool:
    return has_role(user, Role.CONTRIBUTOR)


def author_ids(article) -> set[int]:
    """The member accounts behind an article: whoever created it and every credited contributor's account."""
    ids = set(
        ArticleContributor.objects.filter(article_id=article.pk, contributor__account__isnull=False).values_list(
            "contributor__account_id", flat=True
        )
    )
    if article.owner_id:
        ids.add(article.owner_id)
    return ids


def is_author(user, article) -> bool:
    return user.is_authenticated and user.pk in author_ids(article)


def reviews_complete(article) -> bool:
    needed = ReviewSettings.current().reviews_to_complete
    return SurvivorCommentary.objects.filter(article_id=article.pk).count() >= needed


def first_read_task_state(article) -> TaskState | None:
    """The survivor first read this article is waiting in, if it is in one now."""
    return (
        TaskState.objects.filter(
            status=TaskState.STATUS_IN_PROGRESS,
            task__in=SurvivorFirstReadTask.objects.all(),
            workflow_state__status=WorkflowState.STATUS_IN_PROGRESS,
            workflow_state__object_id=str(article.pk),
            workflow_state__base_content_type__model="page",
        )
        .select_related("workflow_state")
        .first()
    )


def articles_in_first_read():
    object_ids = TaskState.objects.filter(
        status=TaskState.STATUS_IN_PROGRESS,
        task__in=SurvivorFirstReadTask.objects.all(),
        workflow_state__status=WorkflowState.STATUS_IN_PROGRESS,
    ).values_list("workflow_state__object_id", flat=True)
    return ArticlePage.objects.filter(pk__in=[int(pk) for pk in object_ids]).order_by("latest_revision_created_at")


def articles_in_first_read_by(user) -> list[ArticlePage]:
    authored = Q(owner=user) | Q(article_contributors__contributor__account=user)
    return list(articles_in_first_read().filter(authored).distinct().defer("body"))


def queue_for(reviewer) -> list[ArticlePage]:
    """Drafts this reviewer may claim: not theirs, no declared conflict, not taken up, still short of reviews."""
    needed = ReviewSettings.current().reviews_to_complete
    conflicted = ConflictDeclaration.objects.filter(reviewer=reviewer).values_list("member_id", flat=True)
    return list(
        articles_in_first_read()
        .exclude(owner=reviewer)
        .exclude(owner__in=conflicted)
        .exclude(article_contributors__contributor__account=reviewer)
        .exclude(article_contributors__contributor__account__in=conflicted)
        .exclude(review_claims__reviewer=reviewer, review_claims__status=ClaimStatus.ACTIVE)
        .exclude(commentaries__reviewer=reviewer)
        .annotate(
            taken=Count("review_claims", filter=Q(review_claims__status=ClaimStatus.ACTIVE), distinct=True)
            + Count("commentaries", distinct=True)
        )
        .filter(taken__lt=needed)
        .defer("body")
    )


def may_review(reviewer, article) -> bool:
    if not is_reviewer(reviewer) or reviewer.pk in author_ids(article):
        return False
    return not ConflictDeclaration.objects.filter(reviewer=reviewer, member_id__in=author_ids(article)).exists()


def active_claim(reviewer, article) -> Claim | None:
    return Claim.objects.active().filter(reviewer=reviewer, article=article).first()


def claims_of(reviewer):
    return Claim.objects.active().filter(reviewer=reviewer).select_related("article").order_by("due_at")


def commentary_of(reviewer, article) -> SurvivorCommentary | None:
    return SurvivorCommentary.objects.filter(reviewer=reviewer, article=article).first()


def required_items():
    return ReadingItem.objects.required(ReviewSettings.current().endorsements_to_require)


def reading_list():
    """Visible items with their endorsement counts, required ones first."""
    threshold = ReviewSettings.current().endorsements_to_require
    items = list(ReadingItem.objects.visible().with_endorsement_count().select_related("proposed_by"))
    for item in items:
        item.is_required = item.endorsement_count >= threshold
    return sorted(items, key=lambda item: (not item.is_required, item.created_at))


def unread_required_items(user) -> list[ReadingItem]:
    read = ItemRead.objects.filter(reader=user, item=OuterRef("pk"))
    return list(required_items().annotate(is_read=Exists(read)).filter(is_read=False))


def latest_statement(user) -> PositionalityStatement | None:
    return PositionalityStatement.objects.filter(author=user).order_by("-version").first()


def submission_blockers(user) -> list[str]:
    """What a member still has to do before they may submit a draft; empty when they may."""
    if is_editor(user):
        return []
    blockers = []
    if not ReadingReflection.objects.filter(contributor=user).exists():
        blockers.append(_("Work through the survivor reading list and write your reflection."))
    elif unread_required_items(user):
        blockers.append(_("Survivor reviewers have added required reading since you last worked through the list."))
    if is_professional(user) and latest_statement(user) is None:
        blockers.append(_("Write your positionality statement."))
    return blockers


def worked_through(contributor) -> ReadingReflection | None:
    """The reading-list record of a contributor's linked account, for their author page."""
    if contributor.account_id is None:
        return None
    return ReadingReflection.objects.filter(contributor_id=contributor.account_id).first()


@dataclass
class CommentaryView:
    commentary: SurvivorCommentary
    assessment: Assessment | None
    earlier_assessments: list[Assessment]
    response: object | None


@dataclass
class FirstRead:
    commentaries: list[CommentaryView]
    statements: list[ArticleStatement]
    timeline: list[tuple[str, datetime]] = field(default_factory=list)


def commentaries_with_assessments(article) -> list[CommentaryView]:
    commentaries = (
        SurvivorCommentary.objects.filter(article_id=article.pk)
        .select_related("reviewer", "response")
        .prefetch_related(Prefetch("assessments", queryset=Assessment.objects.order_by("-created_at", "-pk")))
    )
    views = []
    for commentary in commentaries:
        assessments = list(commentary.assessments.all())
        response = getattr(commentary, "response", None)
        views.append(CommentaryView(commentary, assessments[0] if assessments else None, assessments[1:], response))
    return views


def first_read_of(article) -> FirstRead | None:
    """What readers see under a reviewed article; None for articles that took the plain editorial path."""
    commentaries = commentaries_with_assessments(article)
    if not commentaries:
        return None
    statements = list(ArticleStatement.objects.filter(article_id=article.pk).select_related("statement"))
    events = ReviewEvent.objects.filter(article_id=article.pk, action__in=TIMELINE_ACTIONS).values_list("action", "at")
    timeline = []
    seen = set()
    for action, at in events:
        if action == "review.article.revised" or action not in seen:
            timeline.append((str(TIMELINE_ACTIONS[action]), at))
            seen.add(action)
    if published_at := _published_after_review(article, timeline):
        timeline.append((_("Published"), published_at))
    return FirstRead(commentaries=commentaries, statements=statements, timeline=timeline)


def _published_after_review(article, timeline):
    """A piece already live before its first read (a revision put through review) counts from its latest publication."""
    if article.first_published_at is None:
        return None
    if timeline and article.first_published_at < timeline[-1][1]:
        return article.last_published_at
    return article.first_published_at


TIMELINE_ACTIONS = {
    "review.article.submitted": gettext_lazy("Submitted"),
    "review.commentary.written": gettext_lazy("Read by a survivor reviewer"),
    "review.article.revised": gettext_lazy("Revised"),
    "review.article.sent_to_editors": gettext_lazy("Sent to the editors"),
}


def reviewed_articles():
    """Live, public articles that went through a survivor first read, newest first."""
    return (
        ArticlePage.objects.live()
        .public()
        .filter(Exists(SurvivorCommentary.objects.filter(article=OuterRef("pk"))))
        .defer("body")
        .prefetch_related(
            Prefetch(
                "commentaries",
                queryset=SurvivorCommentary.objects.prefetch_related("assessments").order_by("created_at"),
            )
        )
        .order_by("-first_published_at")
    )


# The gate in front of publication

FIRST_READ_STARTED = "review.article.submitted"
FIRST_READ_DONE = ("review.article.sent_to_editors", "review.first_read.overridden")


def needs_first_read(article) -> bool:
    """Whoever wrote it, whatever its flags say now: any professional author, an editors' mark on the article (as
    saved, or in the version going live) or its section."""
    from fairfield.review.services import article_needs_first_read

    if article.pk is None:
        return False
    if ArticlePage.objects.filter(pk=article.pk, needs_survivor_read=True).exists():
        return True
    return article_needs_first_read(article)


def first_read_outstanding(article) -> bool:
    """Whether this article may not go live yet: a survivor first read it needs has not been completed (sent on to
    the editors by its author) nor overridden in writing by an editor since it was last sent to the read."""
    if article.pk is None:
        return False
    events = ReviewEvent.objects.filter(article_id=article.pk).order_by("-pk")
    started = events.filter(action=FIRST_READ_STARTED, data__first_read=True).values_list("pk", flat=True).first()
    done = events.filter(action__in=FIRST_READ_DONE).values_list("pk", flat=True).first()
    if started is not None and (done is None or done < started):
        return True  # in the read now, or taken out of it (a cancelled workflow) before it was finished
    if done is not None:
        return False
    return needs_first_read(article)


def first_read_override_of(article) -> FirstReadOverride | None:
    """The editor's written override, when the last word on this article's first read was one (an article read
    by survivors after an earlier override shows the read, not the override)."""
    last = (
        ReviewEvent.objects.filter(article_id=article.pk, action__in=FIRST_READ_DONE)
        .order_by("-pk")
        .values_list("action", "data")
        .first()
    )
    if last is None or last[0] != "review.first_read.overridden":
        return None
    return FirstReadOverride.objects.filter(pk=last[1].get("override")).first()
