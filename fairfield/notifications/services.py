"""Every notification goes through here: recorded first, then e-mailed by the task worker.

`notify` is the entry point for other apps (moderation calls it with kind="moderation"); replies and
followed discussions are announced by `comment_announce` when a comment becomes visible.
"""

import hashlib
import hmac
import json
import logging
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fairfield.accounts.access import may
from fairfield.lib.errors import Refusal
from fairfield.notifications import kinds
from fairfield.notifications.models import (
    FollowEvent,
    MailSuppression,
    Notification,
    NotificationKind,
    NotificationPreference,
    SuppressionReason,
)

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "fairfield.notifications.unsubscribe"
DIGEST_INTERVAL = timedelta(hours=1)
RETRY_AFTER = timedelta(minutes=5)
MAX_ATTEMPTS = 5
EXCERPT_LENGTH = 600


class LinkInvalid(Exception):
    """An unsubscribe link that was never ours, or whose member is gone."""


class MailEventsRefused(Refusal):
    """A mail provider's report we cannot trust or read; nothing in it was recorded."""

    status = 400


MAIL_EVENTS_TOLERANCE = timedelta(minutes=5)
MAIL_EVENTS_MAX_BYTES = 256 * 1024
MAIL_STOPPED_FLAG = "notifications:mail-stopped:{user_id}"


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
        sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS, created_at__lt=now - RETRY_AFTER
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
    to = notification.user.email if notification.user_id else notification.email
    if mail_suppressed(to):
        notification.last_error = _("Not sent: mail to this address bounced or was reported as spam.")
        notification.attempts = MAX_ATTEMPTS
        notification.save(update_fields=["last_error", "attempts"])
        return False
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


# Bounces and complaints ------------------------------------------------------------------------------------


def mail_suppressed(email: str) -> bool:
    return bool(email) and MailSuppression.objects.filter(email=email.strip().lower()).exists()


def mail_suppress(*, email: str, reason: str, detail: str = "") -> MailSuppression:
    """Stop all mail to `email`; members with that address are told on their next visit."""
    from fairfield.accounts.models import User

    address = email.strip().lower()
    suppression, created = MailSuppression.objects.get_or_create(
        email=address, defaults={"reason": reason, "detail": detail[:500]}
    )
    if created:
        for user_id in User.objects.filter(email__iexact=address).values_list("pk", flat=True):
            # Read by MailStoppedNoticeMiddleware, so members' pages pay no query for a rare notice.
            transaction.on_commit(lambda user_id=user_id: _flag_member(user_id))
        logger.info("Mail to an address stopped: %s", reason)
    return suppression


def _flag_member(user_id: int) -> None:
    try:
        cache.set(MAIL_STOPPED_FLAG.format(user_id=user_id), True, timeout=None)
    except Exception:  # noqa: BLE001 - an unreachable cache loses only the banner; the settings page still says it.
        logger.warning("Could not flag member %s about stopped mail", user_id)


def mail_stopped_for(user) -> MailSuppression | None:
    if not user.is_authenticated or not user.email:
        return None
    return MailSuppression.objects.filter(email=user.email.lower()).first()


def mail_stopped_notice_take(user) -> MailSuppression | None:
    """The suppression to tell the member about, once; None when there is nothing new to tell."""
    key = MAIL_STOPPED_FLAG.format(user_id=user.pk)
    try:
        if not cache.get(key):
            return None
        cache.delete(key)
    except Exception:  # noqa: BLE001 - no cache, no banner; never a broken page.
        return None
    suppression = mail_stopped_for(user)
    if suppression is not None:
        MailSuppression.objects.filter(pk=suppression.pk).update(member_told_at=timezone.now())
    return suppression


def mail_resume(*, user) -> bool:
    """The member says their address works again (or wants our mail after all): mail to it starts again."""
    if not user.is_authenticated or not user.email:
        return False
    deleted, _rows = MailSuppression.objects.filter(email=user.email.lower()).delete()
    return bool(deleted)


def mail_events_signature(*, secret: str, timestamp: int, body: bytes) -> str:
    return hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()


def _signature_verify(*, header: str, body: bytes, now) -> None:
    secret = settings.MAIL_EVENTS_SECRET
    parts = dict(part.split("=", 1) for part in header.split(",") if "=" in part)
    try:
        timestamp = int(parts.get("t", ""))
    except ValueError:
        raise MailEventsRefused(_("The report carries no valid signature.")) from None
    if abs(now.timestamp() - timestamp) > MAIL_EVENTS_TOLERANCE.total_seconds():
        raise MailEventsRefused(_("The report's signature is too old or from the future."))
    expected = mail_events_signature(secret=secret, timestamp=timestamp, body=body)
    if not hmac.compare_digest(expected, parts.get("v1", "")):
        raise MailEventsRefused(_("The report carries no valid signature."))


def mail_events_record(*, body: bytes, signature: str, now=None) -> int:
    """Read a signed report of bounces and complaints from the mail provider; returns how many addresses it
    stopped. Hard bounces and complaints stop mail; soft bounces and other events are only counted by the
    provider. A report that fails any check records nothing."""
    now = now or timezone.now()
    if len(body) > MAIL_EVENTS_MAX_BYTES:
        raise MailEventsRefused(_("The report is too large."))
    _signature_verify(header=signature, body=body, now=now)
    try:
        events = json.loads(body)["events"]
        stops = [
            (
                event["email"],
                SuppressionReason.COMPLAINT if event["type"] == "complaint" else SuppressionReason.HARD_BOUNCE,
                str(event.get("detail", "")),
            )
            for event in events
            if event["type"] == "complaint" or (event["type"] == "bounce" and event.get("bounce") == "hard")
        ]
    except (ValueError, KeyError, TypeError, AttributeError):
        raise MailEventsRefused(_("The report is not the JSON we expect.")) from None
    for email, _reason, _detail in stops:
        try:
            validate_email(email)
        except (ValidationError, TypeError):
            raise MailEventsRefused(_("The report names an address that is not one.")) from None
    with transaction.atomic():
        for email, reason, detail in stops:
            mail_suppress(email=email, reason=reason, detail=detail)
    return len(stops)
