"""Every notification goes through here: recorded first, then e-mailed by the task worker.

`notify` is the entry point for other apps (moderation calls it with kind="moderation"); replies and
followed discussions are announced by `comment_announce` when a comment becomes visible.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fairfield.accounts.access import may
from fairfield.notifications import kinds
from fairfield.notifications.models import FollowEvent, Notification, NotificationKind, NotificationPreference

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "fairfield.notifications.unsubscribe"
DIGEST_INTERVAL = timedelta(hours=1)
RETRY_AFTER = timedelta(minutes=5)
MAX_ATTEMPTS = 5
EXCERPT_LENGTH = 600


class LinkInvalid(Exception):
    """An unsubscribe link that was never ours, or whose member is gone."""


def absolute(path: str) -> str:
    return path if path.startswith(("http://", "https://")) else settings.SITE_URL + path


def preferences_for(user) -> dict[str, bool]:
    """Every kind with the member's choice; kinds they never touched are on."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "enabled"))
    return {kind.value: chosen.get(kind.value, True) for kind in kinds.optional_kinds()}


def preference_enabled(*, user, kind: str) -> bool:
    row = NotificationPreference.objects.filter(user=user, kind=kind).values_list("enabled", flat=True).first()
    return True if row is None else row


def preferences_update(*, user, choices: dict[str, bool]) -> None:
    with transaction.atomic():
        for kind in (kind.value for kind in kinds.optional_kinds()):
            if kind in choices:
                NotificationPreference.objects.update_or_create(
                    user=user, kind=kind, defaults={"enabled": bool(choices[kind])}
                )


def unsubscribe_token(*, user, kind: str) -> str:
    """A link that switches one kind off without logging in; it does not expire, like the mail it sits in."""
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign(f"{user.pk}.{kind}")


def unsubscribe_token_read(token: str):
    """The member and kind an unsubscribe link is for; raises LinkInvalid."""
    from django.contrib.auth import get_user_model

    try:
        value = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token)
    except signing.BadSignature as error:
        raise LinkInvalid from error
    user_id, _dot, kind = value.partition(".")
    user = get_user_model().objects.filter(pk=user_id).first() if user_id.isdigit() else None
    if user is None or kind not in {kind.value for kind in kinds.optional_kinds()}:
        raise LinkInvalid
    return user, kind


def notification_unsubscribe(*, user, kind: str) -> None:
    """Switch one kind off, including mail already waiting; twice is harmless."""
    with transaction.atomic():
        preferences_update(user=user, choices={kind: False})
        Notification.objects.filter(user=user, kind=kind, sent_at__isnull=True).update(attempts=MAX_ATTEMPTS)


def _enqueue(notification_id: int) -> None:
    from fairfield.notifications.tasks import notification_send_task

    try:
        notification_send_task.enqueue(notification_id)
    except Exception:  # the queue being down must not fail what the member did; the retry run finds it
        logger.exception("Could not queue notification %s", notification_id)


def _record(
    *, user=None, email: str = "", kind: str, subject: str, text: str, url: str = "", comment=None
) -> Notification | None:
    transactional = kinds.get(kind).transactional
    if user is not None:
        if not user.is_active or not user.email:
            return None
        if not transactional and not preference_enabled(user=user, kind=kind):
            return None
    elif not email or not transactional:
        # Only mail someone asked for (an invitation, a receipt) goes to an address without an account.
        return None
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                user=user,
                email="" if user is not None else email,
                kind=str(kind),
                subject=subject[:200],
                text=text,
                url=url[:500],
                comment=comment,
            )
    except IntegrityError:  # this comment's news already went to this member
        return None
    transaction.on_commit(lambda: _enqueue(notification.pk), robust=True)
    return notification


def notify(*, user=None, email: str = "", kind, subject: str, text: str, url: str = "") -> Notification | None:
    """The one way to mail a person: recorded now, sent by the task worker after commit, retried on failure.

    `user` is a member; `email` an address for someone without an account (transactional kinds only).
    Optional kinds respect the member's choices and carry a one-click unsubscribe link.
    """
    if (user is None) == (not email):
        raise ValueError("Mail goes to a member or to an address, exactly one of them.")
    return _record(user=user, email=email, kind=kind, subject=subject, text=text, url=absolute(url) if url else "")


def _excerpt(body: str) -> str:
    return body if len(body) <= EXCERPT_LENGTH else body[:EXCERPT_LENGTH].rstrip() + " …"


def comment_announce(*, comment) -> None:
    """Tell whom a newly visible comment answers, and queue it for its discussion's followers."""
    from fairfield.comments.models import CommentStatus, Mute, ThreadFollow

    if comment.status != CommentStatus.PUBLISHED or comment.author_id is None:
        return
    author = comment.author
    answered = comment.in_reply_to
    told = set()
    article = comment.article
    if (
        answered is not None
        and answered.author_id
        and answered.author_id != author.pk
        and may(answered.author, "comments.article.discuss", article)
    ):
        muted_replier = Mute.objects.filter(muter_id=answered.author_id, muted_id=author.pk).exists()
        if not muted_replier:
            _record(
                user=answered.author,
                kind=NotificationKind.REPLIES,
                subject=_("%(name)s replied to your comment on “%(title)s”")
                % {"name": author.pseudonym, "title": article.title},
                text=_excerpt(comment.body),
                url=absolute(f"{article.get_url()}#comment-{comment.pk}"),
                comment=comment,
            )
            told.add(answered.author_id)
    followers = (
        ThreadFollow.objects.filter(article_id=comment.article_id)
        .exclude(user_id=author.pk)
        .exclude(user_id__in=told)
        .exclude(user_id__in=Mute.objects.filter(muted_id=author.pk).values("muter_id"))
        .values_list("user_id", flat=True)
    )
    FollowEvent.objects.bulk_create(
        [FollowEvent(user_id=user_id, comment=comment) for user_id in followers], ignore_conflicts=True
    )


def _digest_text(events) -> str:
    lines, current_article = [], None
    for event in events:
        comment = event.comment
        if comment.article_id != current_article:
            current_article = comment.article_id
            lines += ["", comment.article.title, absolute(f"{comment.article.get_url()}#comments")]
        lines += ["", f"{comment.author.pseudonym if comment.author else comment.author_name}:", _excerpt(comment.body)]
        lines.append(absolute(f"{comment.article.get_url()}#comment-{comment.pk}"))
    return "\n".join(lines).strip()


def digests_send(*, now=None) -> int:
    """Gather the comments each follower has not heard of into one mail, at most once an hour per member.

    Also re-queues notifications a mail server failed to take. Returns the number of digests made.
    """
    from fairfield.comments.models import CommentStatus

    now = now or timezone.now()
    made = 0
    waiting_users = FollowEvent.objects.filter(digest__isnull=True).values_list("user_id", flat=True).distinct()
    for user_id in list(waiting_users):
        recent = Notification.objects.filter(
            user_id=user_id, kind=NotificationKind.FOLLOWS, created_at__gt=now - DIGEST_INTERVAL
        )
        if recent.exists():
            continue
        with transaction.atomic():
            events = list(
                FollowEvent.objects.select_for_update(of=("self",))
                .filter(user_id=user_id, digest__isnull=True)
                .select_related("user", "comment__author", "comment__article")
                .order_by("comment__article_id", "comment__created_at")
            )
            user = events[0].user if events else None
            visible = [
                event
                for event in events
                if event.comment.status == CommentStatus.PUBLISHED
                and user is not None
                and may(user, "comments.article.discuss", event.comment.article)
            ]
            if not visible or user is None or not preference_enabled(user=user, kind=NotificationKind.FOLLOWS):
                FollowEvent.objects.filter(pk__in=[event.pk for event in events]).delete()
                continue
            notification = _record(
                user=user,
                kind=NotificationKind.FOLLOWS,
                subject=_("New comments in discussions you follow"),
                text=_digest_text(visible),
            )
            if notification is None:
                FollowEvent.objects.filter(pk__in=[event.pk for event in events]).delete()
                continue
            Notification.objects.filter(pk=notification.pk).update(created_at=now)
            FollowEvent.objects.filter(pk__in=[event.pk for event in visible]).update(digest=notification)
            FollowEvent.objects.filter(pk__in=[e.pk for e in events if e not in visible]).delete()
            made += 1
    failed = Notification.objects.filter(
        sent_at__isnull=True, attempts__gte=1, attempts__lt=MAX_ATTEMPTS, created_at__lt=now - RETRY_AFTER
    )
    for notification_id in failed.values_list("pk", flat=True):
        _enqueue(notification_id)
    return made


def notification_message(notification: Notification) -> EmailMessage:
    kind = kinds.get(notification.kind)
    context = {
        "notification": notification,
        "kind_label": kind.label,
        "transactional": kind.transactional,
        "settings_url": absolute(reverse("notifications:settings")),
        "site_url": settings.SITE_URL,
    }
    headers = {}
    if not kind.transactional:
        token = unsubscribe_token(user=notification.user, kind=notification.kind)
        context["unsubscribe_url"] = unsubscribe_url = absolute(reverse("notifications:unsubscribe", args=[token]))
        # RFC 2369 and RFC 8058: mail clients offer a one-click unsubscribe that POSTs to this address.
        headers["List-Unsubscribe"] = f"<{unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    body = render_to_string("notifications/email/notification.txt", context)
    subject = " ".join(notification.subject.split())
    to = notification.user.email if notification.user_id else notification.email
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [to], headers=headers)


def notification_send(*, notification_id: int) -> bool:
    """One attempt at one notification; True once sent. Never raises for a mail server's failure."""
    notification = Notification.objects.select_related("user").filter(pk=notification_id).first()
    if notification is None or notification.sent_at is not None or notification.attempts >= MAX_ATTEMPTS:
        return bool(notification and notification.sent_at)
    if notification.user_id is not None:
        if not notification.user.is_active:
            return False
        if not kinds.get(notification.kind).transactional and not preference_enabled(
            user=notification.user, kind=notification.kind
        ):
            return False
    # The attempt is counted first: a second worker holding the same task sees it and stands back.
    claimed = Notification.objects.filter(pk=notification_id, attempts=notification.attempts, sent_at__isnull=True)
    if not claimed.update(attempts=notification.attempts + 1):
        return False
    notification.attempts += 1
    try:
        notification_message(notification).send()
    except Exception as error:  # noqa: BLE001 - any failure of the mail server is recorded and retried later.
        notification.last_error = f"{type(error).__name__}: {error}"[:500]
        notification.save(update_fields=["last_error"])
        logger.warning("Notification %s failed (attempt %s): %s", notification.pk, notification.attempts, error)
        return False
    notification.sent_at = timezone.now()
    notification.last_error = ""
    notification.save(update_fields=["sent_at", "last_error"])
    return True
