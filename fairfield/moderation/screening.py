"""What happens to a comment as it is posted: published at once, held for a moderator, or refused.

`comment_screen` runs each rule below in turn; every rule is a small function that either returns
quietly, returns why the comment must wait, or raises `CommentRefused`.
"""

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from fairfield.accounts.roles import Role, roles_of
from fairfield.comments.models import Comment, CommentStatus
from fairfield.moderation.models import ListedWord, MemberStanding, PremoderatedArticle, WordAction
from fairfield.moderation.normalise import normalise, normalise_for_comparison, phrase_pattern
from fairfield.publishing.models import SAFE_MESSAGING_NOTES

# Trust levels, in the spirit of Discourse: a member is established once both hold.
ESTABLISHED_MIN_PUBLISHED = 3
ESTABLISHED_MIN_ACCOUNT_AGE = timedelta(days=7)
NEW_MEMBER_MAX_LINKS = 2
DUPLICATE_WINDOW = timedelta(minutes=5)


@dataclass(frozen=True)
class RateLimit:
    comments: int
    window: timedelta
    description: str


NEW_MEMBER_LIMITS = (
    RateLimit(1, timedelta(seconds=30), "1 comment every 30 seconds"),
    RateLimit(10, timedelta(days=1), "10 comments a day"),
)
ESTABLISHED_LIMITS = (RateLimit(5, timedelta(minutes=10), "5 comments every 10 minutes"),)

_LINK = re.compile(r"https?://|www\.|mailto:")
_STAFF_ROLES = {Role.MODERATOR, Role.EDITOR, Role.ADMIN}


class CommentRefused(Exception):
    """The comment cannot be posted; `message` tells the writer why, `status_code` is the HTTP answer."""

    def __init__(self, message: str, *, status_code: int = 400):
        super().__init__(message)
        self.message = message
        self.status_code = status_code


class SafeMessagingCheck(CommentRefused):
    """The text describes a method of self-harm or suicide: the writer reads the safe-messaging guidance first,
    and may then post it for a moderator to read before anyone else does. Nothing is deleted."""

    def __init__(self, words: list[str]):
        if words:
            message = _(
                "Before you post: your comment seems to describe how someone could harm themselves "
                "(%(words)s). Details like these can put readers in danger, even when they are written to warn."
            ) % {"words": ", ".join(f"“{word}”" for word in words)}
        else:
            message = _("Before you post: you marked your comment as being about suicide or self-harm.")
        super().__init__(message, status_code=200)
        self.words = words


@dataclass(frozen=True)
class WordLists:
    blocked: list[tuple[str, re.Pattern]]
    watched: list[tuple[str, re.Pattern]]
    held: list[tuple[str, re.Pattern]]


@dataclass(frozen=True)
class Screening:
    status: CommentStatus
    reasons: tuple[str, ...] = ()


def comment_screen(
    *,
    author,
    article,
    body: str,
    parent=None,
    editing=None,
    safe_messaging_read: bool = False,
    content_notes: Iterable[str] = (),
) -> Screening:
    """Decide a new or edited comment's fate before it is saved; raises CommentRefused to refuse it.

    `parent` is the comment replied to; `editing` is the comment being edited (its new body is `body`).
    Edits skip the duplicate check and the rate limits, and keep the comment's status unless the new text
    has method detail. Method detail raises SafeMessagingCheck until the writer has read the guidance
    (`safe_messaging_read`), then holds the comment for a moderator.
    """
    now = timezone.now()
    standing = MemberStanding.objects.filter(member=author).first()
    refuse_barred_member(standing, now=now)
    established = member_is_established(author, now=now)
    if editing is None:
        refuse_duplicate(author, body, now=now)
        if settings.MODERATION_RATE_LIMITS:
            refuse_over_rate_limit(author, established=established, now=now)
    refuse_too_many_links(body, established=established)
    lists = word_lists()
    refuse_blocked_words(body, lists.blocked)
    hits = watched_words(body, lists.watched)
    watching = (_("watched words: %(words)s") % {"words": ", ".join(hits)},) if hits else ()
    method_detail = _matches(body, lists.held)
    if method_detail and not safe_messaging_read:
        raise SafeMessagingCheck(method_detail)
    # A writer who marks their comment as about suicide or self-harm reads the guidance first; it is not held.
    if SAFE_MESSAGING_NOTES.intersection(content_notes) and not safe_messaging_read:
        raise SafeMessagingCheck([])
    holding = (_("method detail: %(words)s") % {"words": ", ".join(method_detail)},) if method_detail else ()
    if editing is not None:
        status = CommentStatus.PENDING if method_detail else CommentStatus(editing.status)
        return Screening(status=status, reasons=holding + watching)
    waiting = premoderation_reasons(author, article, standing=standing, established=established) + holding
    status = CommentStatus.PENDING if waiting else CommentStatus.PUBLISHED
    return Screening(status=status, reasons=waiting + watching)


def refuse_barred_member(standing: MemberStanding | None, *, now: datetime) -> None:
    """Banned members, and suspended ones until their suspension ends, cannot post or edit."""
    if standing is None:
        return
    if standing.banned_at is not None:
        message = _("Moderators have banned your account from the discussion.")
        if standing.ban_reason:
            message += " " + _("Their reason: %(reason)s") % {"reason": standing.ban_reason}
        raise CommentRefused(message, status_code=403)
    if standing.suspended_until is not None and standing.suspended_until > now:
        until = date_format(timezone.localtime(standing.suspended_until), "DATETIME_FORMAT")
        message = _("Moderators have suspended your account from the discussion until %(until)s.") % {"until": until}
        if standing.suspension_reason:
            message += " " + _("Their reason: %(reason)s") % {"reason": standing.suspension_reason}
        raise CommentRefused(message, status_code=403)


def member_is_established(author, *, now: datetime) -> bool:
    """Moderators, editors and admins always are; members once 3 comments were published and 7 days have passed."""
    if roles_of(author) & _STAFF_ROLES:
        return True
    if author.date_joined > now - ESTABLISHED_MIN_ACCOUNT_AGE:
        return False
    published = Comment.objects.filter(author=author, status=CommentStatus.PUBLISHED)[:ESTABLISHED_MIN_PUBLISHED]
    return published.count() >= ESTABLISHED_MIN_PUBLISHED


def refuse_duplicate(author, body: str, *, now: datetime) -> None:
    """The same text from the same member within 5 minutes is a double click or a bot, never a new comment."""
    recent = Comment.objects.filter(author=author, created_at__gte=now - DUPLICATE_WINDOW).exclude(
        status=CommentStatus.DELETED_BY_AUTHOR
    )
    wanted = normalise_for_comparison(body)
    for earlier in recent.only("body"):
        if normalise_for_comparison(earlier.body) == wanted:
            raise CommentRefused(
                _("You posted this same comment a few minutes ago, so it was not posted again."), status_code=400
            )


def refuse_over_rate_limit(author, *, established: bool, now: datetime) -> None:
    """Counted from the database, so every process agrees; the member's row is locked to count one post at a time."""
    if connection.in_atomic_block:
        get_user_model().objects.select_for_update().filter(pk=author.pk).values_list("pk").first()
    limits = ESTABLISHED_LIMITS if established else NEW_MEMBER_LIMITS
    longest = max(limit.window for limit in limits)
    most = max(limit.comments for limit in limits)
    times = list(
        Comment.objects.filter(author=author, created_at__gt=now - longest)
        .order_by("-created_at")
        .values_list("created_at", flat=True)[:most]
    )
    for limit in limits:
        within = [moment for moment in times if moment > now - limit.window]
        if len(within) >= limit.comments:
            wait = math.ceil((within[limit.comments - 1] + limit.window - now).total_seconds())
            raise CommentRefused(
                ngettext(
                    "You are commenting faster than this site allows (%(limit)s). Your text is kept: "
                    "please try again in %(seconds)d second.",
                    "You are commenting faster than this site allows (%(limit)s). Your text is kept: "
                    "please try again in %(seconds)d seconds.",
                    max(wait, 1),
                )
                % {"limit": limit.description, "seconds": max(wait, 1)},
                status_code=429,
            )


def count_links(body: str) -> int:
    return len(_LINK.findall(normalise(body)))


def refuse_too_many_links(body: str, *, established: bool) -> None:
    if established:
        return
    links = count_links(body)
    if links > NEW_MEMBER_MAX_LINKS:
        raise CommentRefused(
            _(
                "New members can include at most %(most)d links in a comment; this one has %(links)d. "
                "Please remove some of them."
            )
            % {"most": NEW_MEMBER_MAX_LINKS, "links": links},
            status_code=400,
        )


def word_lists() -> WordLists:
    """The blocked, watched and held (method-detail) phrases, each with its whole-word pattern."""
    lists = WordLists(blocked=[], watched=[], held=[])
    by_action = {WordAction.BLOCK: lists.blocked, WordAction.WATCH: lists.watched, WordAction.HOLD: lists.held}
    for word in ListedWord.objects.all():
        pattern = phrase_pattern(word.phrase)
        if pattern is not None:
            by_action[WordAction(word.action)].append((word.phrase, pattern))
    return lists


def _matches(body: str, listed: list[tuple[str, re.Pattern]]) -> list[str]:
    if not listed:
        return []
    text = normalise(body)
    return [phrase for phrase, pattern in listed if pattern.search(text)]


def refuse_blocked_words(body: str, blocked: list[tuple[str, re.Pattern]]) -> None:
    hits = _matches(body, blocked)
    if hits:
        raise CommentRefused(
            ngettext(
                "Your comment contains a word this site does not allow: %(words)s. Please change it and post again.",
                "Your comment contains words this site does not allow: %(words)s. Please change them and post again.",
                len(hits),
            )
            % {"words": ", ".join(f"“{hit}”" for hit in hits)},
            status_code=400,
        )


def watched_words(body: str, watched: list[tuple[str, re.Pattern]]) -> list[str]:
    """Watched phrases in the text: the comment is published, and queued for a moderator's look."""
    return _matches(body, watched)


def premoderation_reasons(author, article, *, standing: MemberStanding | None, established: bool) -> tuple[str, ...]:
    """Why the comment must wait for a moderator before anyone else sees it; empty if it need not."""
    reasons = []
    if not established:
        reasons.append(_("new member"))
    if standing is not None and standing.premoderated:
        reasons.append(_("member on pre-moderation"))
    if PremoderatedArticle.objects.filter(article=article).exists():
        reasons.append(_("article on pre-moderation"))
    return tuple(reasons)
