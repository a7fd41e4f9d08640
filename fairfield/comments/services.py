from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from allauth.account.models import EmailAddress
from django.core import signing
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from fairfield.audit.services import audit_record
from fairfield.comments.actions import CommentsAction
from fairfield.comments.models import (
    MAX_DEPTH,
    Comment,
    CommentRevision,
    CommentSettings,
    CommentStatus,
    Helped,
    Mute,
    ThreadFollow,
)
from fairfield.comments.rendering import body_render
from fairfield.comments.signals import comment_changed
from fairfield.lib.errors import Refusal
from fairfield.moderation.screening import CommentRefused, comment_screen
from fairfield.notifications import kinds
from fairfield.notifications.services import notify
from fairfield.publishing.page_cache import page_cache_clear

CLAIM_KIND = kinds.register("comments.claim", _("Links to claim your comments from the old site"), transactional=True)
MAX_BODY_LENGTH = 10_000
NUMBERING_ATTEMPTS = 5
CLOSE_AFTER_CACHE_KEY = "comments:close-after-days:{site_id}"

NOT_VERIFIED = _("Please confirm your e-mail address before you join the discussion.")
CLOSED = _("This discussion is closed: no new comments or replies.")
EMPTY = _("Please write something before you post.")
TOO_LONG = _("A comment can be at most %(limit)s characters long (this one has %(length)s). Please shorten it.")
UNREADABLE = _(
    "Part of your text could not be read (a hidden “null” character, or a character that arrived broken). "
    "Please delete it or type it again."
)
ANOTHER_ARTICLE = _("That comment belongs to a different article, so you cannot reply to it here.")
NOT_REPLYABLE = _("That comment is not shown in the discussion any more, so it cannot be answered.")
NOT_YOURS = _("Only the person who wrote a comment can change it.")
EDIT_WINDOW_OVER = _("Comments can be edited for 15 minutes after posting; this one can no longer be changed.")
NOT_EDITABLE = _("This comment can no longer be changed.")
ALREADY_GONE = _("This comment has already been removed.")


@dataclass(frozen=True)
class IncomingComment:
    """A comment brought in from elsewhere, identified by a key of the caller's choosing."""

    key: str
    parent_key: str | None
    author_name: str
    body: str
    status: CommentStatus
    created_at: datetime
    author: object | None = None  # a member account, when the comment was written by one of ours
    author_email: str = ""  # the address the source recorded; only its keyed hash is kept, for claiming
    render: bool = False  # True for bodies in our own Markdown subset; imported HTML stays unrendered


@transaction.atomic
def comment_import(
    *, article, incoming: Sequence[IncomingComment], existing: Mapping[str, Comment] | None = None
) -> dict[str, Comment]:
    """Insert comments in bulk, threaded under `existing` comments or each other; returns the new ones by key.

    New top-level comments are numbered after the article's existing ones, in date order. A parent key
    that is not known makes the comment top-level. Replies below depth 4 attach at depth 4.
    """
    known: dict[str, Comment] = dict(existing or {})
    pending = sorted(incoming, key=lambda item: (item.created_at, item.key))
    created: dict[str, Comment] = {}
    next_number = (article.comments.filter(parent__isnull=True).aggregate(top=Max("number"))["top"] or 0) + 1
    # Insert one depth at a time so every parent has its primary key before its replies are built.
    while pending:
        pending_keys = {item.key for item in pending}
        ready, waiting = [], []
        for item in pending:
            parent_key = item.parent_key if item.parent_key in known or item.parent_key in pending_keys else None
            if parent_key is None or parent_key in known:
                ready.append((item, known.get(parent_key) if parent_key else None))
            else:
                waiting.append(item)
        if not ready:  # a cycle in the source: break it by making the rest top-level
            ready, waiting = [(item, None) for item in waiting], []
        rows = []
        for item, answered in ready:
            comment = Comment(
                article=article,
                author=item.author,
                author_name=item.author_name[:200],
                claim_key=claim_key(item.author_email) if item.author is None else "",
                body=item.body,
                body_html=body_render(item.body) if item.render else "",
                status=item.status,
                created_at=item.created_at,
            )
            if answered is None:
                comment.depth, comment.number = 1, next_number
                next_number += 1
            else:
                parent = answered if answered.depth < MAX_DEPTH else answered.parent
                comment.parent, comment.in_reply_to = parent, answered
                comment.root_id = parent.root_id or parent.pk
                comment.depth = parent.depth + 1
            rows.append((item.key, comment))
        Comment.objects.bulk_create([comment for _key, comment in rows])
        for key, comment in rows:
            known[key] = created[key] = comment
        pending = waiting
    transaction.on_commit(lambda: page_cache_clear(article.pk))
    return created


def comment_import_update(
    *, comment: Comment, author_name: str, body: str, status: CommentStatus, author_email: str = ""
) -> Comment:
    """Bring an imported comment in line with a newer copy of its source (a claimed one keeps its member)."""
    comment.author_name, comment.body, comment.status = author_name[:200], body, status
    if comment.author_id is None:
        comment.claim_key = claim_key(author_email)
    comment.save(update_fields=["author_name", "body", "status", "claim_key"])
    return comment


# Claiming imported comments ------------------------------------------------------------------------------

CLAIM_SALT = "fairfield.comments.claim"
CLAIM_LINK_MAX_AGE = timedelta(days=3)


class ClaimRefused(Refusal):
    """A claim link that is broken, expired, or made for another account."""

    status = 400


def claim_key(email: str) -> str:
    """A keyed hash of an address: enough to match a claim, useless to anyone reading the database for addresses."""
    address = (email or "").strip().lower()
    return salted_hmac(CLAIM_SALT, address, algorithm="sha256").hexdigest() if "@" in address else ""


def comments_claimable(key: str):
    return Comment.objects.filter(author__isnull=True, claim_key=key).exclude(claim_key="")


def claim_request(*, member, email: str) -> bool:
    """Mail a claim link to `email` if imported comments were written with it; True if a link was sent.

    The page says the same either way, so nobody learns which addresses commented on the old site."""
    key = claim_key(email)
    if not key or not comments_claimable(key).exists():
        return False
    token = signing.dumps({"member": member.pk, "key": key}, salt=CLAIM_SALT)
    notify(
        email=email.strip(),
        kind=CLAIM_KIND,
        subject=_("Claim your comments on Fairfield"),
        text=_(
            "Someone logged in to Fairfield as %(pseudonym)s asked to add the comments written with this address on "
            "the old site to their account. If that was you, open the link below while logged in. If it was not, "
            "ignore this mail: nothing changes."
        )
        % {"pseudonym": member.pseudonym},
        url=reverse("comments:claim_confirm", args=[token]),
    )
    return True


def claim_token_read(*, token: str, member) -> str:
    """The address key a claim link proves; refuses a broken or old link, or one made for another account."""
    try:
        data = signing.loads(token, salt=CLAIM_SALT, max_age=CLAIM_LINK_MAX_AGE)
    except signing.SignatureExpired:
        raise ClaimRefused(_("This link is more than three days old. Ask for a new one.")) from None
    except signing.BadSignature:
        raise ClaimRefused(
            _("This link is broken. Copy the whole link from the e-mail, or ask for a new one.")
        ) from None
    if data.get("member") != member.pk:
        raise ClaimRefused(_("This link was made for another account. Log in as the member who asked for it."))
    return data["key"]


@transaction.atomic
def comments_claim(*, member, token: str) -> int:
    """Give the member the imported comments written with the address the link proves; returns how many."""
    key = claim_token_read(token=token, member=member)
    claimed = list(comments_claimable(key).select_for_update().values_list("pk", "article_id"))
    Comment.objects.filter(pk__in=[pk for pk, _article in claimed]).update(author=member, claim_key="")
    for article_id in {article_id for _pk, article_id in claimed}:
        transaction.on_commit(lambda article_id=article_id: page_cache_clear(article_id))
    if claimed:
        audit_record(
            action=CommentsAction.CLAIMED, actor=member, obj=member, summary=f"{len(claimed)} imported comments"
        )
    return len(claimed)


def comment_status_change(*, comment: Comment, status: CommentStatus, public_note: str = "") -> Comment:
    """Move a comment to a new status (moderators' decisions go through here) and tell the receivers.

    `public_note` is the short reason shown in the thread in place of a removed comment.
    """
    comment.status, comment.public_note = status, public_note[:300]
    comment.save(update_fields=["status", "public_note"])
    comment_changed.send(sender=Comment, comment=comment)
    return comment


def member_is_verified(user) -> bool:
    """Only members whose e-mail address is confirmed may write in the discussion."""
    if not user.is_authenticated or not user.is_active:
        return False
    return EmailAddress.objects.filter(user=user, verified=True).exists()


def close_after_days(site) -> int:
    """The site's setting, cached: every article page asks for it."""
    return cache.get_or_set(
        CLOSE_AFTER_CACHE_KEY.format(site_id=site.pk), lambda: CommentSettings.for_site(site).close_after_days, 3600
    )


def discussion_closes_at(article, *, site=None):
    """When the article's discussion closes by itself, or None if it never does."""
    if not article.first_published_at:
        return None
    site = site or article.get_site()
    days = close_after_days(site) if site else 0
    if not days:
        return None
    return article.first_published_at + timedelta(days=days)


def discussion_is_open(article, *, site=None) -> bool:
    if not article.comments_open or not article.live:
        return False
    closes_at = discussion_closes_at(article, site=site)
    return closes_at is None or timezone.now() < closes_at


def body_check(body: str) -> None:
    """Refuse what cannot be stored and shown exactly as written; raises CommentRefused."""
    if not body.strip():
        raise CommentRefused(str(EMPTY))
    if len(body) > MAX_BODY_LENGTH:
        raise CommentRefused(str(TOO_LONG % {"limit": f"{MAX_BODY_LENGTH:,}", "length": f"{len(body):,}"}))
    if "\x00" in body or "\ufffd" in body or any(0xD800 <= ord(char) <= 0xDFFF for char in body):
        raise CommentRefused(str(UNREADABLE))


def _reply_target(*, article, parent: Comment | None) -> Comment | None:
    if parent is None:
        return None
    if parent.article_id != article.pk:
        raise CommentRefused(str(ANOTHER_ARTICLE))
    if parent.status != CommentStatus.PUBLISHED:
        raise CommentRefused(str(NOT_REPLYABLE))
    return parent


def _next_number(article) -> int:
    return (Comment.objects.filter(article=article, parent__isnull=True).aggregate(top=Max("number"))["top"] or 0) + 1


def comment_post(
    *,
    author,
    article,
    body: str,
    parent: Comment | None = None,
    safe_messaging_read: bool = False,
    content_notes: Sequence[str] = (),
) -> Comment:
    """Post a member's comment or reply, screened by moderation; raises CommentRefused with the reason.

    Top-level comments take the next number; two posting at once both succeed because a clash with
    the unique number is retried. A reply to a depth-4 comment attaches at depth 4 under the same parent.
    """
    if not member_is_verified(author):
        raise CommentRefused(str(NOT_VERIFIED), status_code=403)
    body_check(body)
    if not discussion_is_open(article):
        raise CommentRefused(str(CLOSED), status_code=403)
    with transaction.atomic():
        if parent is not None:
            parent = Comment.objects.select_for_update().filter(pk=parent.pk).first() or parent
        answered = _reply_target(article=article, parent=parent)
        screening = comment_screen(
            author=author,
            article=article,
            body=body,
            parent=answered,
            safe_messaging_read=safe_messaging_read,
            content_notes=content_notes,
        )
        comment = Comment(
            article=article,
            author=author,
            body=body,
            content_notes=list(content_notes),
            body_html=body_render(body),
            status=screening.status,
            created_at=timezone.now(),
        )
        if answered is not None:
            attach_to = answered if answered.depth < MAX_DEPTH else answered.parent
            comment.parent, comment.in_reply_to = attach_to, answered
            comment.root_id = attach_to.root_id or attach_to.pk
            comment.depth = attach_to.depth + 1
            comment.save()
        else:
            # One writer numbers an article's comments at a time (PostgreSQL; SQLite's IMMEDIATE transactions
            # already serialise writers); the unique constraint and a retry remain the safety net.
            list(type(article).objects.select_for_update(of=("self",)).filter(pk=article.pk).values_list("pk"))
            for attempt in range(NUMBERING_ATTEMPTS):
                comment.depth, comment.number = 1, _next_number(article)
                try:
                    with transaction.atomic():
                        comment.save()
                    break
                except IntegrityError:
                    comment.pk = None
                    if attempt == NUMBERING_ATTEMPTS - 1:
                        raise
    comment_changed.send(sender=Comment, comment=comment)
    return comment


def comment_edit(
    *,
    comment: Comment,
    editor,
    body: str,
    now=None,
    safe_messaging_read: bool = False,
    content_notes: Sequence[str] | None = None,
) -> Comment:
    """The author changes their comment within 15 minutes of posting; the earlier body is kept as a revision."""
    now = now or timezone.now()
    if editor is None or not editor.is_authenticated or comment.author_id != editor.pk:
        raise CommentRefused(str(NOT_YOURS), status_code=403)
    if comment.status not in {CommentStatus.PUBLISHED, CommentStatus.PENDING}:
        raise CommentRefused(str(NOT_EDITABLE), status_code=403)
    if now >= comment.editable_until:
        raise CommentRefused(str(EDIT_WINDOW_OVER), status_code=403)
    body_check(body)
    notes = comment.content_notes if content_notes is None else list(content_notes)
    if body == comment.body and notes == comment.content_notes:
        return comment
    with transaction.atomic():
        comment = Comment.objects.select_for_update().get(pk=comment.pk)
        screening = comment_screen(
            author=editor,
            article=comment.article,
            body=body,
            parent=comment.in_reply_to,
            editing=comment,
            safe_messaging_read=safe_messaging_read,
            content_notes=notes,
        )
        CommentRevision.objects.create(
            comment=comment, body=comment.body, saved_at=comment.edited_at or comment.created_at
        )
        comment.body, comment.body_html, comment.edited_at = body, body_render(body), now
        comment.content_notes = notes
        if comment.status == CommentStatus.PUBLISHED or screening.status == CommentStatus.PENDING:
            comment.status = screening.status
        comment.save(update_fields=["body", "body_html", "edited_at", "status", "content_notes"])
    comment_changed.send(sender=Comment, comment=comment)
    return comment


def comment_delete(*, comment: Comment, member) -> Comment:
    """The author takes their comment down; any replies stay, under a "removed by its author" placeholder."""
    if member is None or not member.is_authenticated or comment.author_id != member.pk:
        raise CommentRefused(str(NOT_YOURS), status_code=403)
    if comment.status in {CommentStatus.REMOVED, CommentStatus.DELETED_BY_AUTHOR}:
        raise CommentRefused(str(ALREADY_GONE), status_code=400)
    comment.status = CommentStatus.DELETED_BY_AUTHOR
    comment.save(update_fields=["status"])
    comment_changed.send(sender=Comment, comment=comment)
    return comment


def member_mute(*, muter, muted) -> Mute | None:
    """Fold away `muted`'s comments for `muter`; muting oneself does nothing, muting twice is harmless."""
    if muted is None or muter.pk == muted.pk:
        return None
    mute, _created = Mute.objects.get_or_create(muter=muter, muted=muted)
    return mute


def member_unmute(*, muter, muted) -> None:
    Mute.objects.filter(muter=muter, muted=muted).delete()


def thread_follow(*, user, article) -> ThreadFollow:
    follow, _created = ThreadFollow.objects.get_or_create(user=user, article=article)
    return follow


def thread_unfollow(*, user, article) -> None:
    ThreadFollow.objects.filter(user=user, article=article).delete()


# "This helped" -----------------------------------------------------------------------------------------

HELPED_OWN = _("This is your own comment; “this helped” is for telling others.")
HELPED_NOT_SHOWN = _("That comment is not shown in the discussion, so it cannot be marked.")


def comment_helped_mark(*, member, comment: Comment) -> Helped:
    """The member says the comment helped them; marking twice changes nothing."""
    if comment.author_id == member.pk:
        raise CommentRefused(str(HELPED_OWN), status_code=400)
    if comment.status != CommentStatus.PUBLISHED:
        raise CommentRefused(str(HELPED_NOT_SHOWN), status_code=400)
    helped, _created = Helped.objects.get_or_create(member=member, comment=comment)
    return helped


def comment_helped_unmark(*, member, comment: Comment) -> None:
    Helped.objects.filter(member=member, comment=comment).delete()
