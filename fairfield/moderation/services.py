"""Every moderation decision: flags, the queue's actions, members' standing, appeals — each one audited.

Status changes go through `comments.services.comment_status_change`, which tells the caches. Authors hear
of decisions about their words through `notifications.services.notify(kind="moderation")`, called once
the decision is saved.
"""

import hashlib
from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.models import Page

from fairfield.accounts.access import may
from fairfield.comments.models import Comment, CommentStatus
from fairfield.comments.services import comment_status_change
from fairfield.lib.errors import Refusal
from fairfield.moderation.access import party_to
from fairfield.moderation.models import (
    Appeal,
    AppealDecision,
    AuditEntry,
    Flag,
    FlagReason,
    MemberStanding,
    PremoderatedArticle,
    WatchReview,
)
from fairfield.moderation.screening import watched_words, word_lists
from fairfield.notifications import services as notifications
from fairfield.safety.countries import WORLDWIDE
from fairfield.safety.selectors import lines_for

FLAGS_TO_HOLD = 3


class ModerationRefused(Refusal):
    """The action cannot be taken; `message` says why, in words for the person who tried."""


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


def comment_url(comment: Comment) -> str:
    return _absolute(f"{comment.article.url}#comment-{comment.pk}")


def crisis_resources_url() -> str:
    page = Page.objects.live().filter(slug="crisis-resources").first()
    return page.full_url if page is not None and page.full_url else _absolute("/crisis-resources/")


def audit_record(
    *, action: str, actor=None, comment=None, member=None, article=None, summary: str, reason: str = ""
) -> AuditEntry:
    return AuditEntry.objects.create(
        action=action,
        actor=actor,
        actor_name=actor.pseudonym if actor is not None else _("the site"),
        comment=comment,
        member=member,
        article=article or (comment.article if comment is not None else None),
        summary=summary[:300],
        reason=reason,
    )


def _comment_summary(comment: Comment) -> str:
    author = comment.author.pseudonym if comment.author else comment.author_name
    return _("comment %(pk)d by %(author)s on “%(article)s”") % {
        "pk": comment.pk,
        "author": author,
        "article": comment.article.title,
    }


def _tell_author(comment: Comment, *, subject: str, text: str, url: str = "") -> None:
    if comment.author is not None:
        notifications.notify(user=comment.author, kind="moderation", subject=subject, text=text, url=url)


def _refuse_if_party(moderator, comment: Comment) -> None:
    if party_to(moderator, comment):
        raise ModerationRefused(_("You wrote this comment or it answers you, so another moderator must decide on it."))


def _resolve_open_items(comment: Comment, now: datetime) -> None:
    Flag.objects.open().filter(comment=comment).update(resolved_at=now)
    WatchReview.objects.open().filter(comment=comment).update(resolved_at=now)


# Flags


def flag_create(*, comment: Comment, member, reason: FlagReason, text: str = "") -> Flag:
    """Record a member's flag; the third member's flag (self-harm concerns aside) holds the comment."""
    if comment.author_id == member.pk:
        raise ModerationRefused(_("You cannot flag your own comment."))
    if reason == FlagReason.OTHER and not text.strip():
        raise ModerationRefused(_("Please say what is wrong with the comment."))
    held = False
    with transaction.atomic():
        comment = Comment.objects.select_for_update(of=("self",)).select_related("article", "author").get(pk=comment.pk)
        if Flag.objects.filter(comment=comment, flagged_by=member).exists():
            raise ModerationRefused(_("You have already flagged this comment; moderators will look at it."))
        try:
            with transaction.atomic():
                flag = Flag.objects.create(comment=comment, flagged_by=member, reason=reason, text=text)
        except IntegrityError:  # the same member's flag, sent twice at once
            raise ModerationRefused(_("You have already flagged this comment; moderators will look at it.")) from None
        flaggers = (
            Flag.objects.open()
            .filter(comment=comment)
            .exclude(reason=FlagReason.SELF_HARM)
            .values("flagged_by")
            .distinct()
            .count()
        )
        if flaggers >= FLAGS_TO_HOLD and comment.status == CommentStatus.PUBLISHED:
            comment_status_change(comment=comment, status=CommentStatus.HELD)
            audit_record(
                action="moderation.comment.held_by_flags",
                comment=comment,
                member=comment.author,
                summary=_comment_summary(comment),
                reason=_("%(count)d members flagged it") % {"count": flaggers},
            )
            held = True
    if held:
        _tell_author(
            comment,
            subject=_("Your comment is hidden while moderators look at it"),
            text=_(
                "Several members flagged your comment on “%(article)s”, so it is hidden until a moderator has "
                "read it. Nothing has been decided yet; you will hear from us when it has. You can tell the "
                "moderators your side once, at the link below."
            )
            % {"article": comment.article.title},
            url=_absolute(reverse("moderation:appeal", args=[comment.pk])),
        )
    return flag


# The queue's decisions on comments


def comment_approve(*, comment: Comment, moderator, reason: str = "") -> Comment:
    """Publish a waiting or held comment, or keep a flagged or watched one up; its open flags are answered."""
    _refuse_if_party(moderator, comment)
    if comment.status not in {CommentStatus.PENDING, CommentStatus.HELD, CommentStatus.PUBLISHED}:
        raise ModerationRefused(_("Only a waiting, held or published comment can be approved."))
    was = comment.status
    with transaction.atomic():
        now = timezone.now()
        _resolve_open_items(comment, now)
        # A held comment's author may have appealed; publishing it answers them.
        Appeal.objects.filter(comment=comment, decision="").update(
            decision=AppealDecision.RESTORED, decided_by=moderator, decided_at=now
        )
        comment_status_change(comment=comment, status=CommentStatus.PUBLISHED)
        audit_record(
            action="moderation.comment.approved",
            actor=moderator,
            comment=comment,
            member=comment.author,
            summary=_comment_summary(comment),
            reason=reason,
        )
    if was != CommentStatus.PUBLISHED:
        _tell_author(
            comment,
            subject=_("Your comment is published"),
            text=_("A moderator read your comment on “%(article)s” and published it.")
            % {"article": comment.article.title},
            url=comment_url(comment),
        )
    return comment


def comment_reject(*, comment: Comment, moderator, reason: str = "") -> Comment:
    """A waiting comment is not published; the author is told why and may ask for a review."""
    _refuse_if_party(moderator, comment)
    if comment.status != CommentStatus.PENDING:
        raise ModerationRefused(_("Only a comment that is waiting can be rejected; remove a published one instead."))
    with transaction.atomic():
        _resolve_open_items(comment, timezone.now())
        comment_status_change(comment=comment, status=CommentStatus.REMOVED)
        audit_record(
            action="moderation.comment.rejected",
            actor=moderator,
            comment=comment,
            member=comment.author,
            summary=_comment_summary(comment),
            reason=reason,
        )
    text = _("A moderator read your comment on “%(article)s” and did not publish it.") % {
        "article": comment.article.title
    }
    if reason:
        text += "\n\n" + _("Their reason: %(reason)s") % {"reason": reason}
    text += "\n\n" + _("If you think this is wrong, you can ask another moderator to look at it once.")
    _tell_author(
        comment,
        subject=_("Your comment was not published"),
        text=text,
        url=_absolute(reverse("moderation:appeal", args=[comment.pk])),
    )
    return comment


def comment_remove(*, comment: Comment, moderator, reason: str, public_note: str = "") -> Comment:
    """Take a comment down; the author gets the reason, the thread shows the short public note."""
    _refuse_if_party(moderator, comment)
    if not reason.strip():
        raise ModerationRefused(_("Please give the reason the author will read."))
    if comment.status not in {CommentStatus.PUBLISHED, CommentStatus.HELD, CommentStatus.PENDING}:
        raise ModerationRefused(_("This comment is not up, so there is nothing to remove."))
    with transaction.atomic():
        _resolve_open_items(comment, timezone.now())
        # Whoever removes a held comment its author appealed about leaves the appeal to someone else.
        Appeal.objects.filter(comment=comment, decision="").update(removed_by=moderator)
        comment_status_change(comment=comment, status=CommentStatus.REMOVED, public_note=public_note)
        audit_record(
            action="moderation.comment.removed",
            actor=moderator,
            comment=comment,
            member=comment.author,
            summary=_comment_summary(comment),
            reason=reason,
        )
    _tell_author(
        comment,
        subject=_("A moderator removed your comment"),
        text=_(
            "A moderator removed your comment on “%(article)s”.\n\nTheir reason: %(reason)s\n\n"
            "If you think this is wrong, you can ask another moderator to look at it once."
        )
        % {"article": comment.article.title, "reason": reason},
        url=_absolute(reverse("moderation:appeal", args=[comment.pk])),
    )
    return comment


def comment_hold(*, comment: Comment, moderator, reason: str = "") -> Comment:
    """Hide a published comment while moderators make up their minds."""
    _refuse_if_party(moderator, comment)
    if comment.status != CommentStatus.PUBLISHED:
        raise ModerationRefused(_("Only a published comment can be held."))
    with transaction.atomic():
        comment_status_change(comment=comment, status=CommentStatus.HELD)
        audit_record(
            action="moderation.comment.held",
            actor=moderator,
            comment=comment,
            member=comment.author,
            summary=_comment_summary(comment),
            reason=reason,
        )
    _tell_author(
        comment,
        subject=_("Your comment is hidden while moderators look at it"),
        text=_(
            "A moderator has hidden your comment on “%(article)s” until they have decided about it. You can tell "
            "the moderators your side once, at the link below."
        )
        % {"article": comment.article.title},
        url=_absolute(reverse("moderation:appeal", args=[comment.pk])),
    )
    return comment


def crisis_message_default() -> str:
    message = _(
        "Someone reading Fairfield was worried about you after reading your comment. Nothing about your comment "
        "has changed and nobody has been told anything. If things are hard right now, there are people to talk to "
        "who will not call the police or arrange forced treatment; our Crisis resources page lists some of them."
    )
    return message + crisis_lines_text()


def crisis_lines_text() -> str:
    """The worldwide crisis lines, peer-run and no-police first, with what each may do, as plain text for mail."""
    _local, worldwide = lines_for(WORLDWIDE)
    if not worldwide:
        return ""
    lines = [
        f"- {line.name}: "
        + ", ".join(part for part in (line.phone, line.text, line.chat_url, line.email) if part)
        + f" ({line.hours}). {line.get_may_call_emergency_display()}."
        for line in worldwide
    ]
    return "\n\n" + _("Lines anyone can reach:") + "\n" + "\n".join(lines)


def crisis_resources_send(*, comment: Comment, moderator, text: str) -> None:
    """Send the writer the crisis-resources message, in the moderator's words; nothing is hidden."""
    _refuse_if_party(moderator, comment)
    if not text.strip():
        raise ModerationRefused(_("Please write the message to send."))
    if comment.author is None:
        raise ModerationRefused(_("This comment has no member account to write to."))
    with transaction.atomic():
        Flag.objects.open().filter(comment=comment, reason=FlagReason.SELF_HARM).update(resolved_at=timezone.now())
        audit_record(
            action="moderation.member.crisis_resources_sent",
            actor=moderator,
            comment=comment,
            member=comment.author,
            summary=_comment_summary(comment),
            reason=text,
        )
    notifications.notify(
        user=comment.author,
        kind="moderation",
        subject=_("Someone at Fairfield is thinking of you"),
        text=text,
        url=crisis_resources_url(),
    )


# Watched words


def body_digest(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()


def watch_review_open(*, comment: Comment) -> WatchReview | None:
    """Queue a comment whose text has watched words or method detail, once per version of its text."""
    if comment.status not in {CommentStatus.PUBLISHED, CommentStatus.PENDING}:
        return None
    lists = word_lists()
    hits = watched_words(comment.body, lists.held) + watched_words(comment.body, lists.watched)
    if not hits:
        return None
    review, _created = WatchReview.objects.get_or_create(
        comment=comment, body_digest=body_digest(comment.body), defaults={"words": ", ".join(hits)[:1000]}
    )
    return review


# Members and articles


def _standing(member) -> MemberStanding:
    standing, _created = MemberStanding.objects.select_for_update().get_or_create(member=member)
    return standing


def _refuse_if_self(moderator, member) -> None:
    """Nobody decides about their own account, and only admins decide about moderators, editors and admins."""
    if moderator.pk == member.pk:
        raise ModerationRefused(_("Another moderator must decide about your own account."))
    if not may(moderator, "moderation.member.decide", member):
        raise ModerationRefused(_("Only an admin can decide about a moderator's, an editor's or an admin's account."))


def member_suspend(*, member, moderator, until: datetime, reason: str) -> MemberStanding:
    _refuse_if_self(moderator, member)
    if until <= timezone.now():
        raise ModerationRefused(_("The end of a suspension must be in the future."))
    if not reason.strip():
        raise ModerationRefused(_("Please give the reason the member will read."))
    with transaction.atomic():
        standing = _standing(member)
        standing.suspended_until, standing.suspension_reason = until, reason
        standing.save(update_fields=["suspended_until", "suspension_reason"])
        when = date_format(timezone.localtime(until), "DATETIME_FORMAT")
        audit_record(
            action="moderation.member.suspended",
            actor=moderator,
            member=member,
            summary=_("%(member)s suspended until %(until)s") % {"member": member.pseudonym, "until": when},
            reason=reason,
        )
    notifications.notify(
        user=member,
        kind="moderation",
        subject=_("You cannot comment until %(until)s") % {"until": when},
        text=_(
            "Moderators have suspended your account from the discussion until %(until)s. You can still read "
            "everything.\n\nTheir reason: %(reason)s"
        )
        % {"until": when, "reason": reason},
    )
    return standing


def member_ban(*, member, moderator, reason: str) -> MemberStanding:
    _refuse_if_self(moderator, member)
    if not reason.strip():
        raise ModerationRefused(_("Please give the reason the member will read."))
    with transaction.atomic():
        standing = _standing(member)
        standing.banned_at, standing.ban_reason = timezone.now(), reason
        standing.save(update_fields=["banned_at", "ban_reason"])
        audit_record(
            action="moderation.member.banned",
            actor=moderator,
            member=member,
            summary=_("%(member)s banned") % {"member": member.pseudonym},
            reason=reason,
        )
    notifications.notify(
        user=member,
        kind="moderation",
        subject=_("You can no longer comment on Fairfield"),
        text=_("Moderators have banned your account from the discussion. Their reason: %(reason)s")
        % {"reason": reason},
    )
    return standing


def member_reinstate(*, member, moderator, reason: str = "") -> MemberStanding:
    """End a member's suspension or ban."""
    _refuse_if_self(moderator, member)
    with transaction.atomic():
        standing = _standing(member)
        standing.suspended_until, standing.suspension_reason = None, ""
        standing.banned_at, standing.ban_reason = None, ""
        standing.save(update_fields=["suspended_until", "suspension_reason", "banned_at", "ban_reason"])
        audit_record(
            action="moderation.member.reinstated",
            actor=moderator,
            member=member,
            summary=_("%(member)s may comment again") % {"member": member.pseudonym},
            reason=reason,
        )
    notifications.notify(
        user=member,
        kind="moderation",
        subject=_("You can comment again"),
        text=_("Moderators have lifted the suspension or ban on your account. Welcome back."),
    )
    return standing


def member_premoderation_set(*, member, moderator, on: bool, reason: str = "") -> MemberStanding:
    _refuse_if_self(moderator, member)
    with transaction.atomic():
        standing = _standing(member)
        standing.premoderated = on
        standing.save(update_fields=["premoderated"])
        audit_record(
            action="moderation.member.premoderated" if on else "moderation.member.premoderation_lifted",
            actor=moderator,
            member=member,
            summary=(_("%(member)s on pre-moderation") if on else _("%(member)s off pre-moderation"))
            % {"member": member.pseudonym},
            reason=reason,
        )
    return standing


def article_premoderation_set(*, article, moderator, on: bool, reason: str = "") -> None:
    with transaction.atomic():
        if on:
            PremoderatedArticle.objects.get_or_create(article=article)
        else:
            PremoderatedArticle.objects.filter(article=article).delete()
        audit_record(
            action="moderation.article.premoderated" if on else "moderation.article.premoderation_lifted",
            actor=moderator,
            article=article,
            summary=(_("“%(article)s” on pre-moderation") if on else _("“%(article)s” off pre-moderation"))
            % {"article": article.title},
            reason=reason,
        )


# Appeals


def _removed_by(comment: Comment):
    entry = (
        AuditEntry.objects.filter(
            comment=comment, action__in=["moderation.comment.removed", "moderation.comment.rejected"]
        )
        .select_related("actor")
        .first()
    )
    return entry.actor if entry is not None else None


def appeal_submit(*, comment: Comment, author, text: str) -> Appeal:
    """The author asks, once, for a different moderator to look at their removed (or held) comment again."""
    if comment.author_id != author.pk or comment.status not in {CommentStatus.REMOVED, CommentStatus.HELD}:
        raise ModerationRefused(_("Only the author of a removed or held comment can ask for it to be looked at again."))
    if not text.strip():
        raise ModerationRefused(_("Please say why the comment should be looked at again."))
    with transaction.atomic():
        if Appeal.objects.filter(comment=comment).exists():
            raise ModerationRefused(_("You have already asked for this comment to be looked at again."))
        try:
            with transaction.atomic():
                appeal = Appeal.objects.create(comment=comment, text=text, removed_by=_removed_by(comment))
        except IntegrityError:  # the same request, sent twice at once
            raise ModerationRefused(_("You have already asked for this comment to be looked at again.")) from None
        audit_record(
            action="moderation.appeal.submitted",
            actor=author,
            comment=comment,
            member=author,
            summary=_comment_summary(comment),
            reason=text,
        )
    return appeal


def appeal_decide(*, appeal: Appeal, moderator, decision: AppealDecision, note: str = "") -> Appeal:
    """A moderator other than the one who removed the comment upholds the removal or restores the comment."""
    comment = appeal.comment
    _refuse_if_party(moderator, comment)
    if appeal.removed_by_id == moderator.pk:
        raise ModerationRefused(_("You removed this comment, so another moderator must decide on the appeal."))
    if appeal.decision:
        raise ModerationRefused(_("This appeal has already been decided."))
    if decision not in AppealDecision.values:
        raise ModerationRefused(_("Please choose to uphold the removal or restore the comment."))
    with transaction.atomic():
        appeal.decision, appeal.decided_by, appeal.decided_at, appeal.decision_note = (
            decision,
            moderator,
            timezone.now(),
            note,
        )
        appeal.save(update_fields=["decision", "decided_by", "decided_at", "decision_note"])
        if decision == AppealDecision.RESTORED:
            _resolve_open_items(comment, timezone.now())
            comment_status_change(comment=comment, status=CommentStatus.PUBLISHED)
        elif comment.status == CommentStatus.HELD:
            comment_status_change(comment=comment, status=CommentStatus.REMOVED)
        audit_record(
            action=f"moderation.appeal.{decision}",
            actor=moderator,
            comment=comment,
            member=comment.author,
            summary=_comment_summary(comment),
            reason=note,
        )
    if decision == AppealDecision.RESTORED:
        subject = _("Your comment is back")
        text = _("Another moderator looked at your comment on “%(article)s” again and restored it.")
        url = comment_url(comment)
    else:
        subject = _("The removal of your comment stands")
        text = _("Another moderator looked at your comment on “%(article)s” again and decided it stays down.")
        url = ""
    text %= {"article": comment.article.title}
    if note:
        text += "\n\n" + _("Their note: %(note)s") % {"note": note}
    _tell_author(comment, subject=subject, text=text, url=url)
    return appeal
