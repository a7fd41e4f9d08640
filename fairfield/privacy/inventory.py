"""The data inventory: every model that holds something about a member, how it is exported and how it is erased.

One entry per model. `export(member)` returns the member's rows as JSON-ready dicts; `erase(member, keep_words)`
runs before the account row is deleted and removes or unlinks what the database would not (`None`: the
foreign key's CASCADE or SET_NULL does all that is needed). The privacy page is rendered from these entries,
and `tests/test_inventory.py` fails when a model with a relation to the user, or a field that names a person,
is in neither `INVENTORY` nor `EXEMPT`.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fairfield.privacy.scrub import former_member, scrub_rows

Export = Callable[..., list[dict]]
Erase = Callable[..., None]


@dataclass(frozen=True)
class Entry:
    model: str
    name: str
    label: str
    holds: str
    why: str
    kept: str
    on_erasure: str
    export: Export
    erase: Erase | None = None

    @property
    def model_class(self):
        return apps.get_model(self.model)


def identifiers(member) -> list[str]:
    """What names the member, to take out of text that stays: pseudonym and every address they typed."""
    from allauth.account.models import EmailAddress

    emails = {member.email.lower()} if member.email else set()
    emails |= {email.lower() for email in EmailAddress.objects.filter(user=member).values_list("email", flat=True)}
    return [member.pseudonym, *sorted(emails)]


def member_emails(member) -> list[str]:
    """The addresses the member proved are theirs: rows found only by address (gifts, newsletter, mail to an
    address) are exported and erased through these alone, or anyone could add someone else's address to their
    account, unconfirmed, and download or delete that person's gifts."""
    from allauth.account.models import EmailAddress

    return sorted(
        {
            email.lower()
            for email in EmailAddress.objects.filter(user=member, verified=True).values_list("email", flat=True)
        }
    )


def _email_q(field: str, emails: list[str]) -> Q:
    condition = Q(pk__in=[])
    for email in emails:
        condition |= Q(**{f"{field}__iexact": email})
    return condition


def _rows(queryset, *fields) -> list[dict]:
    return list(queryset.values(*fields))


# accounts and allauth ------------------------------------------------------------------------------------


def _export_profile(member) -> list[dict]:
    return [
        {
            "pseudonym": member.pseudonym,
            "email": member.email,
            "relationships": member.relationship_labels,
            "about": member.about,
            "profile_visibility": member.get_profile_visibility_display(),
            "joined": member.date_joined,
            "last_login": member.last_login,
            "roles": list(member.groups.values_list("name", flat=True)),
        }
    ]


def _export_email_addresses(member) -> list[dict]:
    from allauth.account.models import EmailAddress

    return _rows(EmailAddress.objects.filter(user=member), "email", "verified", "primary")


def _export_authenticators(member) -> list[dict]:
    from allauth.mfa.models import Authenticator

    # Never the secrets: the export may be read by anyone who gets the file.
    return _rows(Authenticator.objects.filter(user=member), "type", "created_at", "last_used_at")


def _export_sessions(member) -> list[dict]:
    return []


# comments and moderation ---------------------------------------------------------------------------------


def _export_comments(member) -> list[dict]:
    from fairfield.comments.models import Comment

    comments = (
        Comment.objects.filter(author=member).select_related("article").prefetch_related("revisions").order_by("pk")
    )
    return [
        {
            "id": comment.pk,
            "article": comment.article.title,
            "address": comment.article.url,
            "number": comment.number,
            "in_reply_to": comment.in_reply_to_id,
            "body": comment.body,
            "status": comment.get_status_display(),
            "written_at": comment.created_at,
            "edited_at": comment.edited_at,
            "earlier_versions": [{"body": rev.body, "saved_at": rev.saved_at} for rev in comment.revisions.all()],
        }
        for comment in comments
    ]


def _erase_comments(member, keep_words: bool) -> None:
    from fairfield.comments.models import Comment, CommentRevision, CommentStatus
    from fairfield.moderation.models import Appeal, WatchReview
    from fairfield.notifications.models import FollowEvent, Notification

    theirs = Comment.objects.filter(author=member)
    # Earlier versions and moderators' notes on them were never public: they go in either case.
    CommentRevision.objects.filter(comment__in=theirs).delete()
    WatchReview.objects.filter(comment__in=theirs).delete()
    Appeal.objects.filter(comment__in=theirs).delete()
    FollowEvent.objects.filter(comment__in=theirs).delete()
    # Mail that quoted their words to others.
    Notification.objects.filter(comment__in=theirs).exclude(user=member).delete()
    if keep_words:
        theirs.update(author=None, author_name=former_member())
    else:
        theirs.update(
            author=None, author_name="", body="", body_html="", status=CommentStatus.DELETED_BY_AUTHOR, public_note=""
        )


def _export_comment_revisions(member) -> list[dict]:
    from fairfield.comments.models import CommentRevision

    return _rows(CommentRevision.objects.filter(comment__author=member), "comment_id", "body", "saved_at")


def _export_mutes(member) -> list[dict]:
    from fairfield.comments.models import Mute

    # Who muted the member is the muter's business, not theirs.
    return _rows(Mute.objects.filter(muter=member), "muted__pseudonym", "created_at")


def _export_helped(member) -> list[dict]:
    from fairfield.comments.models import Helped

    # The marks the member made; who marked the member's own comments stays private to each marker.
    return _rows(Helped.objects.filter(member=member), "comment_id", "comment__article__title", "created_at")


def _export_follows(member) -> list[dict]:
    from fairfield.comments.models import ThreadFollow

    return _rows(ThreadFollow.objects.filter(user=member), "article__title", "created_at")


def _export_flags(member) -> list[dict]:
    from fairfield.moderation.models import Flag

    return _rows(Flag.objects.filter(flagged_by=member), "comment_id", "reason", "text", "created_at", "resolved_at")


def _export_standing(member) -> list[dict]:
    from fairfield.moderation.models import MemberStanding

    return _rows(
        MemberStanding.objects.filter(member=member),
        "suspended_until",
        "suspension_reason",
        "banned_at",
        "ban_reason",
        "premoderated",
    )


def _export_appeals(member) -> list[dict]:
    from fairfield.moderation.models import Appeal

    return _rows(
        Appeal.objects.filter(comment__author=member),
        "comment_id",
        "text",
        "created_at",
        "decision",
        "decided_at",
        "decision_note",
    )


def _export_moderation_log(member) -> list[dict]:
    from fairfield.moderation.models import AuditEntry

    return _rows(
        AuditEntry.objects.filter(Q(member=member) | Q(actor=member)).order_by("created_at"),
        "action",
        "summary",
        "reason",
        "created_at",
    )


def _erase_moderation_log(member, keep_words: bool) -> None:
    from fairfield.moderation.models import AuditEntry

    AuditEntry.objects.filter(actor=member).update(actor=None, actor_name=former_member())
    AuditEntry.objects.filter(member=member).update(member=None)
    scrub_rows(AuditEntry.objects.all(), ["actor_name", "summary", "reason"], identifiers(member))


# notifications -------------------------------------------------------------------------------------------


def _export_notification_settings(member) -> list[dict]:
    from fairfield.notifications.models import NotificationPreference

    return _rows(NotificationPreference.objects.filter(user=member), "kind", "enabled")


def _export_notifications(member) -> list[dict]:
    from fairfield.notifications.models import Notification

    emails = member_emails(member)
    return _rows(
        Notification.objects.filter(Q(user=member) | _email_q("email", emails)).order_by("created_at"),
        "kind",
        "subject",
        "text",
        "url",
        "created_at",
        "sent_at",
    )


def _erase_notifications(member, keep_words: bool) -> None:
    from fairfield.notifications.models import Notification

    Notification.objects.filter(_email_q("email", member_emails(member))).delete()
    # Mail to others that names the member ("Wren replied to your comment") keeps its record, not the name.
    scrub_rows(Notification.objects.exclude(user=member), ["subject", "text"], identifiers(member))


def _export_mail_suppressions(member) -> list[dict]:
    from fairfield.notifications.models import MailSuppression

    return _rows(MailSuppression.objects.filter(email__in=member_emails(member)), "email", "reason", "created_at")


def _erase_mail_suppressions(member, keep_words: bool) -> None:
    from fairfield.notifications.models import MailSuppression

    MailSuppression.objects.filter(email__in=member_emails(member)).delete()


def _export_follow_events(member) -> list[dict]:
    from fairfield.notifications.models import FollowEvent

    return _rows(FollowEvent.objects.filter(user=member), "comment_id", "created_at")


# review --------------------------------------------------------------------------------------------------


def _export_reading_items(member) -> list[dict]:
    from fairfield.review.models import ReadingItem

    return _rows(
        ReadingItem.objects.filter(Q(proposed_by=member) | Q(hidden_by=member)),
        "title",
        "author",
        "link",
        "citation",
        "why",
        "created_at",
        "hidden_at",
        "hidden_reason",
    )


def _export_endorsements(member) -> list[dict]:
    from fairfield.review.models import Endorsement

    return _rows(Endorsement.objects.filter(reviewer=member), "item__title", "created_at")


def _export_reads(member) -> list[dict]:
    from fairfield.review.models import ItemRead

    return _rows(ItemRead.objects.filter(reader=member), "item__title", "read_at")


def _export_reflection(member) -> list[dict]:
    from fairfield.review.models import ReadingReflection

    return _rows(ReadingReflection.objects.filter(contributor=member), "text", "is_public", "worked_through_at")


def _export_statements(member) -> list[dict]:
    from fairfield.review.models import PositionalityStatement

    return _rows(
        PositionalityStatement.objects.filter(author=member).order_by("version"),
        "version",
        "role",
        "power",
        "gain",
        "coercion",
        "created_at",
    )


def _erase_statements(member, keep_words: bool) -> None:
    from fairfield.review.models import ArticleStatement, PositionalityStatement

    statements = PositionalityStatement.objects.filter(author=member)
    published = ArticleStatement.objects.filter(statement__in=statements)
    if keep_words:
        published.filter(credit_name__iexact=member.pseudonym).update(credit_name=former_member())
        # The versions that went out with articles stay with them; the others were never public.
        statements.exclude(pk__in=published.values("statement_id")).delete()
        statements.update(author=None)
    else:
        published.delete()
        statements.delete()


def _export_article_statements(member) -> list[dict]:
    from fairfield.review.models import ArticleStatement

    return _rows(
        ArticleStatement.objects.filter(statement__author=member), "article__title", "statement__version", "credit_name"
    )


def _export_conflicts(member) -> list[dict]:
    from fairfield.review.models import ConflictDeclaration

    # Declarations others made about the member are theirs to keep private.
    return _rows(ConflictDeclaration.objects.filter(reviewer=member), "member__pseudonym", "created_at")


def _export_claims(member) -> list[dict]:
    from fairfield.review.models import Claim

    return _rows(Claim.objects.filter(reviewer=member), "article__title", "status", "claimed_at", "due_at", "ended_at")


def _export_commentaries(member) -> list[dict]:
    from fairfield.review.models import SurvivorCommentary

    commentaries = SurvivorCommentary.objects.filter(reviewer=member).select_related("article")
    return [
        {
            "article": commentary.article.title,
            "shown_as": commentary.get_attribution_display(),
            "body": commentary.body,
            "private_note": commentary.private_note,
            "written_at": commentary.created_at,
            "updated_at": commentary.updated_at,
            "assessments": list(commentary.assessments.values("verdict", "reasons", "created_at")),
        }
        for commentary in commentaries.prefetch_related("assessments")
    ]


def _erase_commentaries(member, keep_words: bool) -> None:
    from django.utils import timezone

    from fairfield.review.models import Assessment, Attribution, SurvivorCommentary

    theirs = SurvivorCommentary.objects.filter(reviewer=member)
    if keep_words:
        theirs.filter(attribution=Attribution.PSEUDONYM).update(attribution=Attribution.REVIEWER)
        theirs.update(reviewer=None, private_note="")
    else:
        Assessment.objects.filter(commentary__in=theirs).update(reasons="")
        theirs.update(
            reviewer=None,
            body="",
            private_note="",
            hidden_at=timezone.now(),
            hidden_reason=str(_("Withdrawn: the reviewer deleted their account.")),
        )


def _export_responses(member) -> list[dict]:
    from fairfield.review.models import AuthorResponse

    return _rows(AuthorResponse.objects.filter(author=member), "commentary__article__title", "body", "created_at")


def _erase_responses(member, keep_words: bool) -> None:
    from fairfield.review.models import AuthorResponse

    theirs = AuthorResponse.objects.filter(author=member)
    if keep_words:
        theirs.update(author=None)
    else:
        theirs.delete()


def _export_review_events(member) -> list[dict]:
    from fairfield.review.models import ReviewEvent

    return _rows(ReviewEvent.objects.filter(actor=member), "action", "article__title", "at")


def _erase_review_events(member, keep_words: bool) -> None:
    from fairfield.review.models import ReviewEvent

    ReviewEvent.objects.filter(actor=member).update(actor=None)
    scrub_rows(ReviewEvent.objects.all(), ["data"], identifiers(member))


def _export_first_read_overrides(member) -> list[dict]:
    from fairfield.review.models import FirstReadOverride

    return _rows(FirstReadOverride.objects.filter(editor=member), "article__title", "reason", "created_at")


def _erase_first_read_overrides(member, keep_words: bool) -> None:
    from fairfield.review.models import FirstReadOverride

    # The reason stays on the published article (readers are owed it); only the editor's name goes.
    theirs = FirstReadOverride.objects.filter(editor=member)
    scrub_rows(theirs, ["reason"], identifiers(member))
    theirs.update(editor=None)


# round tables --------------------------------------------------------------------------------------------


def _export_tables_facilitated(member) -> list[dict]:
    from fairfield.roundtables.models import RoundTable

    return _rows(RoundTable.objects.filter(facilitator=member), "question", "slug", "status", "starts_at", "closed_at")


def _seats(member):
    from fairfield.roundtables.models import Seat

    emails = member_emails(member)
    return Seat.objects.filter(
        Q(holder=member) | _email_q("invited_email", emails) | _email_q("invitation_sent_to", emails)
    )


def _export_seats(member) -> list[dict]:
    seats = _seats(member).select_related("table").prefetch_related("turns__round")
    return [
        {
            "table": seat.table.question,
            "seat": seat.label,
            "invited_as": seat.invited_email or seat.invitation_sent_to,
            "invited_at": seat.invited_at,
            "your_seat": seat.holder_id == member.pk,
            "name_shown": seat.display_name if seat.holder_id == member.pk else "",
            "accepted_at": seat.accepted_at if seat.holder_id == member.pk else None,
            "turns": [
                {
                    "round": turn.round.number,
                    "status": turn.get_status_display(),
                    "body": turn.body,
                    "finished_at": turn.finished_at,
                }
                for turn in seat.turns.all()
            ]
            if seat.holder_id == member.pk
            else [],
        }
        for seat in seats
    ]


def _erase_seats(member, keep_words: bool) -> None:
    from fairfield.roundtables.models import WITH_TEXT, Mark, Seat, Statement, Turn

    # Invitations sent to their address: the address and the link go, the seat waits for someone else.
    _seats(member).update(invited_email="", invitation_sent_to="", invitation_token="")
    theirs = Seat.objects.filter(holder=member)
    if not keep_words:
        Turn.objects.filter(seat__in=theirs, status__in=WITH_TEXT).delete()
        Statement.objects.filter(proposed_by__in=theirs).delete()
        Mark.objects.filter(seat__in=theirs).update(reason="")
    # The seat stays at the table (its place and stakeholder), shown as "a former participant".
    theirs.update(holder=None, display_name=former_member())


def _export_observer_questions(member) -> list[dict]:
    from fairfield.roundtables.models import ObserverQuestion

    return _rows(
        ObserverQuestion.objects.filter(asker=member), "table__question", "body", "credit_asker", "status", "created_at"
    )


def _erase_observer_questions(member, keep_words: bool) -> None:
    from fairfield.roundtables.models import FramingNote, ObserverQuestion

    theirs = ObserverQuestion.objects.filter(asker=member)
    note_ids = list(theirs.exclude(note=None).values_list("note_id", flat=True))
    if keep_words:
        scrub_rows(FramingNote.objects.filter(pk__in=note_ids), ["credit"], identifiers(member))
        theirs.update(asker=None, credit_asker=False)
    else:
        # The question first: a question put to the table must keep its note while it exists.
        theirs.delete()
        FramingNote.objects.filter(pk__in=note_ids).delete()


# testimony -----------------------------------------------------------------------------------------------


def _export_testimonies(member) -> list[dict]:
    from fairfield.testimony.models import Testimony
    from fairfield.testimony.services import testimony_narrative

    return [
        {
            "title": testimony.title,
            "status": testimony.get_status_display(),
            "who_may_read_it": testimony.get_consent_display(),
            "pseudonym": testimony.pseudonym,
            "what_happened": testimony_narrative(testimony),
            "published_text": testimony.public_text,
            "redaction_note": testimony.redaction_note,
            "started": testimony.created_at,
            "submitted": testimony.submitted_at,
            "published": testimony.published_at,
        }
        for testimony in Testimony.objects.filter(writer=member).order_by("pk")
    ]


def _erase_testimonies(member, keep_words: bool) -> None:
    from fairfield.testimony.models import PUBLIC_LEVELS, Status, Testimony
    from fairfield.testimony.services import testimony_anonymise, testimony_withdraw

    for testimony in Testimony.objects.filter(writer=member).order_by("pk"):
        public = testimony.consent in PUBLIC_LEVELS and testimony.status in (Status.SUBMITTED, Status.PUBLISHED)
        if keep_words and public:
            testimony_anonymise(testimony=testimony)
        else:
            testimony_withdraw(testimony=testimony)


def _export_researcher_access(member) -> list[dict]:
    from fairfield.testimony.models import ResearcherAccess

    return _rows(ResearcherAccess.objects.filter(researcher=member), "purpose", "state", "ends_on", "created_at")


# publishing ----------------------------------------------------------------------------------------------


def _export_contributor(member) -> list[dict]:
    from fairfield.publishing.models import Contributor

    return _rows(Contributor.objects.filter(account=member), "display_name")


# donations -----------------------------------------------------------------------------------------------


def _donations(member):
    from fairfield.donations.models import Donation

    return Donation.objects.filter(Q(user=member) | _email_q("email", member_emails(member)))


def _export_donations(member) -> list[dict]:
    return [
        {
            "received": donation.succeeded_at,
            "created": donation.created_at,
            "amount": donation.total_display,
            "status": donation.get_status_display(),
            "method": donation.get_method_display(),
            "campaign": donation.campaign.name if donation.campaign else "",
            "first_name": donation.first_name,
            "last_name": donation.last_name,
            "email": donation.email,
            "address": donation.address,
            "dedication": donation.get_dedication_display(),
            "dedication_name": donation.dedication_name,
            "dedication_message": donation.dedication_message,
            "anonymous": donation.anonymous,
            "on_donor_wall": donation.on_donor_wall,
            "receipt": getattr(getattr(donation, "receipt", None), "number", ""),
        }
        for donation in _donations(member).select_related("campaign", "receipt")
    ]


def _erase_donations(member, keep_words: bool) -> None:
    donations = _donations(member)
    # Tax law asks a charity to keep, for each receipted gift, the donor's name and address, the amount,
    # the date and the receipt number. Everything else goes, and nothing links the gift to the account.
    receipted = donations.filter(Q(receipt__isnull=False) | Q(ledger_entries__isnull=False)).distinct()
    unreceipted = donations.exclude(pk__in=receipted.values("pk"))
    common = {
        "user": None,
        "email": "",
        "dedication_name": "",
        "dedication_email": "",
        "dedication_message": "",
        "on_donor_wall": False,
    }
    unreceipted.update(first_name="", last_name="", address="", **common)
    receipted.update(**common)


def _recurring_gifts(member):
    from fairfield.donations.models import RecurringGift

    return RecurringGift.objects.filter(Q(user=member) | _email_q("email", member_emails(member)))


def _export_recurring_gifts(member) -> list[dict]:
    return [
        {
            "amount": str(gift),
            "status": gift.get_status_display(),
            "first_name": gift.first_name,
            "last_name": gift.last_name,
            "email": gift.email,
            "address": gift.address,
            "created": gift.created_at,
            "cancelled": gift.cancelled_at,
        }
        for gift in _recurring_gifts(member)
    ]


def _erase_recurring_gifts(member, keep_words: bool) -> None:
    # The service stops running gifts (at the card processor too) before this runs.
    _recurring_gifts(member).update(user=None, first_name="", last_name="", email="", address="")


def _statement_sendings(member):
    from fairfield.donations.models import StatementSending

    return StatementSending.objects.filter(_email_q("email", member_emails(member)))


def _export_statement_sendings(member) -> list[dict]:
    return _rows(_statement_sendings(member), "year", "sent_at")


def _erase_statement_sendings(member, keep_words: bool) -> None:
    _statement_sendings(member).delete()


# newsletter ----------------------------------------------------------------------------------------------


def _subscribers(member):
    from fairfield.newsletter.models import Subscriber

    return Subscriber.objects.filter(_email_q("email", member_emails(member)))


def _export_subscriptions(member) -> list[dict]:
    return [
        {
            "email": subscriber.email,
            "confirmed": subscriber.confirmed_at,
            "unsubscribed": subscriber.unsubscribed_at,
            "weekly_digest": subscriber.wants_digest,
            "sections": [section.title for section in subscriber.sections.all()],
        }
        for subscriber in _subscribers(member).prefetch_related("sections")
    ]


def _erase_subscriptions(member, keep_words: bool) -> None:
    _subscribers(member).delete()


# the site's audit log ------------------------------------------------------------------------------------


def _audit_about(member):
    from django.contrib.contenttypes.models import ContentType

    from fairfield.audit.models import AuditEntry

    user_type = ContentType.objects.get_for_model(member)
    return AuditEntry.objects.filter(Q(actor=member) | Q(object_type=user_type, object_id=str(member.pk)))


def _export_audit(member) -> list[dict]:
    return _rows(_audit_about(member).order_by("created_at"), "action", "summary", "reason", "created_at")


def _erase_audit(member, keep_words: bool) -> None:
    from fairfield.audit.models import AuditEntry

    AuditEntry.objects.filter(actor=member).update(actor=None, actor_name=former_member())
    scrub_rows(AuditEntry.objects.all(), ["actor_name", "summary", "reason", "data"], identifiers(member))


# Wagtail (staff and contributors working in the admin) ---------------------------------------------------


def _export_owned(model_label: str, *fields: str, by: str = "user") -> Export:
    def export(member) -> list[dict]:
        return _rows(apps.get_model(model_label).objects.filter(**{by: member}), *fields)

    return export


def _export_pages(member) -> list[dict]:
    from wagtail.models import Page

    return _rows(Page.objects.filter(owner=member).order_by("pk"), "title", "url_path", "first_published_at")


def _erase_revisions(member, keep_words: bool) -> None:
    from wagtail.models import Revision

    Revision.objects.filter(user=member).update(user=None)
    scrub_rows(Revision.objects.all(), ["content", "object_str"], identifiers(member))


def _erase_log_entries(model_label: str) -> Erase:
    def erase(member, keep_words: bool) -> None:
        from django.contrib.contenttypes.models import ContentType

        model = apps.get_model(model_label)
        user_type = ContentType.objects.get_for_model(member)
        # Wagtail's log keeps user ids without a database constraint; a deleted account must not leave one.
        model.objects.filter(user=member).update(user=None)
        if model_label == "wagtailcore.ModelLogEntry":
            model.objects.filter(content_type=user_type, object_id=str(member.pk)).delete()
        scrub_rows(model.objects.all(), ["label", "data"], identifiers(member))

    return erase


def _erase_admin_log(member, keep_words: bool) -> None:
    from django.contrib.admin.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    user_type = ContentType.objects.get_for_model(member)
    LogEntry.objects.filter(content_type=user_type, object_id=str(member.pk)).delete()
    scrub_rows(LogEntry.objects.all(), ["object_repr", "change_message"], identifiers(member))


WAGTAIL_WORK = _("What you did as an editor or contributor in the site's admin.")
WAGTAIL_KEPT = _("As long as the page or file it belongs to exists.")
UNLINKED = _("It stays, without your name or account.")
DELETED = _("Deleted.")
ACCOUNT_LIFETIME = _("Until you delete your account.")


INVENTORY: list[Entry] = [
    Entry(
        model="accounts.User",
        name="profile",
        label=_("Your profile"),
        holds=_("Pseudonym, e-mail address, how you relate to psychiatry, your self-description and who may see it."),
        why=_("So you can log in, take part under your pseudonym and hear from us."),
        kept=ACCOUNT_LIFETIME,
        on_erasure=DELETED,
        export=_export_profile,
    ),
    Entry(
        model="account.EmailAddress",
        name="email_addresses",
        label=_("Your e-mail addresses"),
        holds=_("Each address you added and whether you confirmed it."),
        why=_("To log in, reset a forgotten password and send the mail you asked for."),
        kept=ACCOUNT_LIFETIME,
        on_erasure=DELETED,
        export=_export_email_addresses,
    ),
    Entry(
        model="mfa.Authenticator",
        name="two_factor",
        label=_("Two-factor authentication"),
        holds=_("The kind of second factor you set up and when it was last used (the export never holds secrets)."),
        why=_("To protect your account."),
        kept=ACCOUNT_LIFETIME,
        on_erasure=DELETED,
        export=_export_authenticators,
    ),
    Entry(
        model="comments.Comment",
        name="comments",
        label=_("Your comments"),
        holds=_("What you wrote under articles, with its earlier versions and its moderation status."),
        why=_("It is the discussion you took part in."),
        kept=_("Until you or a moderator remove it, or you delete your account."),
        on_erasure=_(
            "Your choice: deleted (a “removed by its author” placeholder keeps replies readable), or kept under "
            "“a former member”. Earlier versions are always deleted."
        ),
        export=_export_comments,
        erase=_erase_comments,
    ),
    Entry(
        model="comments.CommentRevision",
        name="comment_earlier_versions",
        label=_("Earlier versions of your comments"),
        holds=_("What a comment said before you edited it."),
        why=_("So moderators can see what a reply answered."),
        kept=_("As long as the comment."),
        on_erasure=DELETED,
        export=_export_comment_revisions,
    ),
    Entry(
        model="comments.Mute",
        name="mutes",
        label=_("Members you muted"),
        holds=_("The members whose comments you chose to fold away."),
        why=_("To fold their comments away for you."),
        kept=_("Until you unmute them."),
        on_erasure=DELETED,
        export=_export_mutes,
    ),
    Entry(
        model="comments.Helped",
        name="helped_marks",
        label=_("Comments you said helped you"),
        holds=_("Each comment you marked “this helped me”, and when."),
        why=_("So the writer knows their comment helped someone (never who), and you can take the mark back."),
        kept=_("Until you take the mark back, or the comment is deleted."),
        on_erasure=DELETED,
        export=_export_helped,
    ),
    Entry(
        model="comments.ThreadFollow",
        name="followed_discussions",
        label=_("Discussions you follow"),
        holds=_("The articles whose new comments you want to hear about."),
        why=_("To send you the digest you asked for."),
        kept=_("Until you stop following."),
        on_erasure=DELETED,
        export=_export_follows,
    ),
    Entry(
        model="moderation.Flag",
        name="flags",
        label=_("Comments you flagged"),
        holds=_("Which comments you flagged, why, and any details you gave."),
        why=_("So moderators can act on them."),
        kept=ACCOUNT_LIFETIME,
        on_erasure=DELETED,
        export=_export_flags,
    ),
    Entry(
        model="moderation.MemberStanding",
        name="standing",
        label=_("Moderation of your account"),
        holds=_("Suspensions, bans and pre-moderation, with their reasons."),
        why=_("To keep the discussion safe."),
        kept=ACCOUNT_LIFETIME,
        on_erasure=DELETED,
        export=_export_standing,
    ),
    Entry(
        model="moderation.Appeal",
        name="appeals",
        label=_("Your appeals"),
        holds=_("What you asked moderators to look at again, and their answer."),
        why=_("So a second moderator can decide."),
        kept=_("As long as the comment."),
        on_erasure=DELETED,
        export=_export_appeals,
    ),
    Entry(
        model="moderation.AuditEntry",
        name="moderation_log",
        label=_("Moderation log"),
        holds=_("Moderators’ actions about you or your comments, and any you took as a moderator."),
        why=_("So every moderation decision can be checked."),
        kept=_("For good; it never names you after you delete your account."),
        on_erasure=_("Kept, with your pseudonym and e-mail address replaced by “a former member”."),
        export=_export_moderation_log,
        erase=_erase_moderation_log,
    ),
    Entry(
        model="notifications.NotificationPreference",
        name="notification_settings",
        label=_("Your e-mail settings"),
        holds=_("Which kinds of mail you switched on or off."),
        why=_("To send only the mail you want."),
        kept=ACCOUNT_LIFETIME,
        on_erasure=DELETED,
        export=_export_notification_settings,
    ),
    Entry(
        model="notifications.Notification",
        name="mail_sent_to_you",
        label=_("Mail we sent you"),
        holds=_("Each e-mail we sent you or have waiting: subject, text and when it went."),
        why=_("So no mail is lost when the mail server is down, and none is sent twice."),
        kept=ACCOUNT_LIFETIME,
        on_erasure=_("Deleted; mail to others that named you keeps “a former member” instead."),
        export=_export_notifications,
        erase=_erase_notifications,
    ),
    Entry(
        model="notifications.MailSuppression",
        name="mail_stopped",
        label=_("Addresses we stopped mailing"),
        holds=_("Your address, if mail to it bounced for good or was reported as spam, and since when."),
        why=_("So we stop sending mail that cannot arrive or is not wanted."),
        kept=_("Until you ask us to mail you again, change your address or delete your account."),
        on_erasure=DELETED,
        export=_export_mail_suppressions,
        erase=_erase_mail_suppressions,
    ),
    Entry(
        model="notifications.FollowEvent",
        name="digest_queue",
        label=_("New comments waiting for your digest"),
        holds=_("Comments in discussions you follow that your next digest will mention."),
        why=_("To gather them into one mail an hour."),
        kept=_("Until the digest is sent."),
        on_erasure=DELETED,
        export=_export_follow_events,
    ),
    Entry(
        model="review.ReadingItem",
        name="reading_list_items",
        label=_("Reading-list items you proposed or hid"),
        holds=_("Books and articles you proposed for the reading list, and any you hid as an editor."),
        why=_("The reading list every contributor works through."),
        kept=_("As long as the reading list keeps them."),
        on_erasure=UNLINKED,
        export=_export_reading_items,
    ),
    Entry(
        model="review.Endorsement",
        name="reading_list_endorsements",
        label=_("Reading-list endorsements"),
        holds=_("The items you endorsed as a survivor reviewer."),
        why=_("Items become required reading when enough reviewers endorse them."),
        kept=ACCOUNT_LIFETIME,
        on_erasure=DELETED,
        export=_export_endorsements,
    ),
    Entry(
        model="review.ItemRead",
        name="reading_list_read",
        label=_("Reading-list items you read"),
        holds=_("Which items you said you read, and when."),
        why=_("To show your progress through the list."),
        kept=ACCOUNT_LIFETIME,
        on_erasure=DELETED,
        export=_export_reads,
    ),
    Entry(
        model="review.ReadingReflection",
        name="reading_reflection",
        label=_("Your reading reflection"),
        holds=_("What you took from the reading list, and whether it is public."),
        why=_("Reviewers and editors read it; you may publish it on your author page."),
        kept=ACCOUNT_LIFETIME,
        on_erasure=DELETED,
        export=_export_reflection,
    ),
    Entry(
        model="review.PositionalityStatement",
        name="positionality_statements",
        label=_("Your positionality statements"),
        holds=_("Every version of your statement as a professional."),
        why=_("Readers see it with your articles."),
        kept=_("For good once published with an article; otherwise until you delete your account."),
        on_erasure=_(
            "Unpublished versions are deleted. Published ones follow your choice: deleted, or kept with the "
            "article without your account."
        ),
        export=_export_statements,
        erase=_erase_statements,
    ),
    Entry(
        model="review.ArticleStatement",
        name="statements_published",
        label=_("Statements published with your articles"),
        holds=_("Which version of your statement each article carries, and the name it is credited to."),
        why=_("Readers see it with the article."),
        kept=_("As long as the article."),
        on_erasure=_("Follows your choice for your public words."),
        export=_export_article_statements,
    ),
    Entry(
        model="review.ConflictDeclaration",
        name="conflicts_declared",
        label=_("Conflicts you declared"),
        holds=_("Members whose drafts you asked not to be offered as a reviewer."),
        why=_("To keep reviews fair."),
        kept=ACCOUNT_LIFETIME,
        on_erasure=DELETED,
        export=_export_conflicts,
    ),
    Entry(
        model="review.Claim",
        name="review_claims",
        label=_("Drafts you claimed to review"),
        holds=_("The drafts you took for a survivor first read, and when."),
        why=_("So two reviewers do not read the same draft at once, and late ones return to the queue."),
        kept=ACCOUNT_LIFETIME,
        on_erasure=DELETED,
        export=_export_claims,
    ),
    Entry(
        model="review.SurvivorCommentary",
        name="survivor_commentaries",
        label=_("Your survivor commentaries"),
        holds=_("Your public commentaries, private notes and assessments of drafts."),
        why=_("They are published with the articles you reviewed."),
        kept=_("As long as the article."),
        on_erasure=_(
            "Your choice: withdrawn (the text is deleted and the article says so), or kept as by “a survivor "
            "reviewer”. Private notes are always deleted."
        ),
        export=_export_commentaries,
        erase=_erase_commentaries,
    ),
    Entry(
        model="review.AuthorResponse",
        name="author_responses",
        label=_("Your responses to survivor commentaries"),
        holds=_("What you answered, as an author, to survivor reviewers."),
        why=_("They are published with your article."),
        kept=_("As long as the article."),
        on_erasure=_("Your choice: deleted, or kept without your account."),
        export=_export_responses,
        erase=_erase_responses,
    ),
    Entry(
        model="review.ReviewEvent",
        name="review_log",
        label=_("Review log"),
        holds=_("What you did in survivor first reads (claims, reviews, responses) and when."),
        why=_("The public timeline of each reviewed article."),
        kept=_("As long as the article."),
        on_erasure=_("Kept without your name."),
        export=_export_review_events,
        erase=_erase_review_events,
    ),
    Entry(
        model="review.FirstReadOverride",
        name="first_read_overrides",
        label=_("Articles you published without a survivor first read"),
        holds=_("As an editor: each article you published without the first read, and the reason you gave."),
        why=_("Readers see the reason on the article."),
        kept=_("As long as the article."),
        on_erasure=_("The reason stays with the article, without your name."),
        export=_export_first_read_overrides,
        erase=_erase_first_read_overrides,
    ),
    Entry(
        model="roundtables.RoundTable",
        name="round_tables_facilitated",
        label=_("Round tables you facilitate"),
        holds=_("The round tables you keep as facilitator."),
        why=_("Seats and readers see who keeps the table."),
        kept=_("As long as the table."),
        on_erasure=_("The table stays, without a facilitator."),
        export=_export_tables_facilitated,
    ),
    Entry(
        model="roundtables.Seat",
        name="round_table_seats",
        label=_("Your round-table seats"),
        holds=_("Invitations to your address, the seats you took, the name you chose there and your turns."),
        why=_("Round tables are published with every turn, under the name each seat chose."),
        kept=_("As long as the table."),
        on_erasure=_(
            "Invitations to your address are deleted. Your seats follow your choice: your turns, statements and "
            "reasons are deleted, or kept under “a former participant”."
        ),
        export=_export_seats,
        erase=_erase_seats,
    ),
    Entry(
        model="roundtables.ObserverQuestion",
        name="round_table_questions",
        label=_("Your questions to round tables"),
        holds=_("The questions you asked a facilitator while watching a table, and whether to credit you."),
        why=_("The facilitator may put them to the table."),
        kept=_("As long as the table."),
        on_erasure=_("Your choice: deleted (with the table's note quoting them), or kept without your name."),
        export=_export_observer_questions,
        erase=_erase_observer_questions,
    ),
    Entry(
        model="testimony.Testimony",
        name="testimonies",
        label=_("Your testimonies"),
        holds=_("What you wrote, the choices you made about it, who may read it and under which pseudonym."),
        why=_("To keep the testimony archive you wrote for, as you chose."),
        kept=_("Until you withdraw it or delete your account."),
        on_erasure=_(
            "Withdrawn: the words and choices are deleted. If you keep your public words, testimonies you "
            "meant to be public stay in the archive, anonymous and no longer linked to you."
        ),
        export=_export_testimonies,
        erase=_erase_testimonies,
    ),
    Entry(
        model="testimony.ResearcherAccess",
        name="researcher_access",
        label=_("Your applications to read testimonies for research"),
        holds=_("The purpose you gave, the decision and when your access ends."),
        why=_("Only approved researchers read research-level testimonies."),
        kept=ACCOUNT_LIFETIME,
        on_erasure=_("Deleted. Decisions you made on others' applications stay, without your name."),
        export=_export_researcher_access,
    ),
    Entry(
        model="publishing.Contributor",
        name="contributor",
        label=_("Your contributor byline"),
        holds=_("The name the magazine credits your articles to, if you write for it."),
        why=_("Published articles name their authors."),
        kept=_("As long as the articles; ask the editors to change or withdraw a byline."),
        on_erasure=_("The byline is no longer linked to an account."),
        export=_export_contributor,
    ),
    Entry(
        model="donations.Donation",
        name="gifts",
        label=_("Your gifts"),
        holds=_("Each gift: amount, date, name, e-mail and postal address, dedication, receipt number."),
        why=_("To take the gift, send a receipt and keep the accounts the law requires."),
        kept=_("Receipted gifts: as long as tax law requires (name, address, amount, date, receipt)."),
        on_erasure=_(
            "Unlinked from you. Receipted gifts keep only the name and address on the receipt, the amount and "
            "the date; everything else is deleted."
        ),
        export=_export_donations,
        erase=_erase_donations,
    ),
    Entry(
        model="donations.RecurringGift",
        name="recurring_gifts",
        label=_("Your monthly and yearly gifts"),
        holds=_("Each recurring gift: amount, frequency, name, e-mail and postal address."),
        why=_("To collect the gift you set up."),
        kept=_("Until the gift is cancelled and its payments no longer need it."),
        on_erasure=_("Stopped, and your name, e-mail and address deleted."),
        export=_export_recurring_gifts,
        erase=_erase_recurring_gifts,
    ),
    Entry(
        model="donations.StatementSending",
        name="giving_statements",
        label=_("Annual giving statements"),
        holds=_("The years we sent you a statement of your gifts."),
        why=_("So a statement is sent once a year, not twice."),
        kept=ACCOUNT_LIFETIME,
        on_erasure=DELETED,
        export=_export_statement_sendings,
        erase=_erase_statement_sendings,
    ),
    Entry(
        model="newsletter.Subscriber",
        name="newsletter",
        label=_("Newsletter subscriptions"),
        holds=_("The address the newsletter goes to and what you chose to receive."),
        why=_("To send the newsletter you asked for."),
        kept=_("Until you unsubscribe or delete your account."),
        on_erasure=DELETED,
        export=_export_subscriptions,
        erase=_erase_subscriptions,
    ),
    Entry(
        model="audit.AuditEntry",
        name="site_log",
        label=_("The site’s audit log"),
        holds=_("Actions you took that the site records (exports, gifts, staff work), and actions about you."),
        why=_("So every important change can be checked."),
        kept=_("For good; it never names you after you delete your account."),
        on_erasure=_("Kept, with your pseudonym and e-mail address replaced by “a former member”."),
        export=_export_audit,
        erase=_erase_audit,
    ),
    Entry(
        model="privacy.DataExport",
        name="data_exports",
        label=_("Your data exports"),
        holds=_("When you asked for a copy of your data, and the file while its link works."),
        why=_("To give you your data."),
        kept=_("The file: until its link expires. The request: until you delete your account."),
        on_erasure=DELETED,
        export=_export_owned("privacy.DataExport", "status", "requested_at", "ready_at", "expires_at"),
    ),
    Entry(
        model="wagtailcore.Page",
        name="pages_owned",
        label=_("Pages you created"),
        holds=WAGTAIL_WORK,
        why=_("Editors see who started a page."),
        kept=WAGTAIL_KEPT,
        on_erasure=UNLINKED,
        export=_export_pages,
    ),
    Entry(
        model="wagtailcore.Revision",
        name="page_revisions",
        label=_("Page versions you saved"),
        holds=WAGTAIL_WORK,
        why=_("Editors can compare and restore versions."),
        kept=WAGTAIL_KEPT,
        on_erasure=_("Kept without your name; your pseudonym and e-mail address are taken out of their text."),
        export=_export_owned("wagtailcore.Revision", "object_str", "created_at"),
        erase=_erase_revisions,
    ),
    Entry(
        model="wagtailcore.PageLogEntry",
        name="page_history",
        label=_("Page history"),
        holds=WAGTAIL_WORK,
        why=_("Editors see who changed what."),
        kept=WAGTAIL_KEPT,
        on_erasure=_("Kept without your name."),
        export=_export_owned("wagtailcore.PageLogEntry", "action", "label", "timestamp"),
        erase=_erase_log_entries("wagtailcore.PageLogEntry"),
    ),
    Entry(
        model="wagtailcore.ModelLogEntry",
        name="admin_history",
        label=_("Admin history"),
        holds=_("Changes made in the admin by you, or to your account."),
        why=_("Staff see who changed what."),
        kept=WAGTAIL_KEPT,
        on_erasure=_("Entries about your account are deleted; the rest are kept without your name."),
        export=_export_owned("wagtailcore.ModelLogEntry", "action", "label", "timestamp"),
        erase=_erase_log_entries("wagtailcore.ModelLogEntry"),
    ),
    Entry(
        model="wagtailcore.WorkflowState",
        name="workflows_started",
        label=_("Reviews you started"),
        holds=WAGTAIL_WORK,
        why=_("Editors see who sent a page for review."),
        kept=WAGTAIL_KEPT,
        on_erasure=UNLINKED,
        export=_export_owned("wagtailcore.WorkflowState", "status", "created_at", by="requested_by"),
    ),
    Entry(
        model="wagtailcore.TaskState",
        name="workflow_tasks",
        label=_("Review steps you finished"),
        holds=WAGTAIL_WORK,
        why=_("Editors see who approved a step."),
        kept=WAGTAIL_KEPT,
        on_erasure=UNLINKED,
        export=_export_owned("wagtailcore.TaskState", "status", "finished_at", by="finished_by"),
    ),
    Entry(
        model="wagtailcore.Comment",
        name="editor_comments",
        label=_("Your comments in the page editor"),
        holds=WAGTAIL_WORK,
        why=_("Editors discuss drafts beside them."),
        kept=WAGTAIL_KEPT,
        on_erasure=DELETED,
        export=_export_owned("wagtailcore.Comment", "text", "created_at"),
    ),
    Entry(
        model="wagtailcore.CommentReply",
        name="editor_comment_replies",
        label=_("Your replies in the page editor"),
        holds=WAGTAIL_WORK,
        why=_("Editors discuss drafts beside them."),
        kept=WAGTAIL_KEPT,
        on_erasure=DELETED,
        export=_export_owned("wagtailcore.CommentReply", "text", "created_at"),
    ),
    Entry(
        model="wagtailcore.PageSubscription",
        name="editor_subscriptions",
        label=_("Pages whose editor comments you follow"),
        holds=WAGTAIL_WORK,
        why=_("To tell you of new editor comments."),
        kept=ACCOUNT_LIFETIME,
        on_erasure=DELETED,
        export=_export_owned("wagtailcore.PageSubscription", "page__title", "comment_notifications"),
    ),
    Entry(
        model="wagtailcore.UploadedFile",
        name="uploads_in_progress",
        label=_("Files you were uploading"),
        holds=WAGTAIL_WORK,
        why=_("Uploads waiting to be finished in the admin."),
        kept=_("Until the upload is finished."),
        on_erasure=UNLINKED,
        export=_export_owned("wagtailcore.UploadedFile", "file", by="uploaded_by_user"),
    ),
    Entry(
        model="wagtailimages.Image",
        name="images_uploaded",
        label=_("Images you uploaded"),
        holds=WAGTAIL_WORK,
        why=_("Editors see who added an image."),
        kept=WAGTAIL_KEPT,
        on_erasure=UNLINKED,
        export=_export_owned("wagtailimages.Image", "title", "created_at", by="uploaded_by_user"),
    ),
    Entry(
        model="wagtaildocs.Document",
        name="documents_uploaded",
        label=_("Documents you uploaded"),
        holds=WAGTAIL_WORK,
        why=_("Editors see who added a document."),
        kept=WAGTAIL_KEPT,
        on_erasure=UNLINKED,
        export=_export_owned("wagtaildocs.Document", "title", "created_at", by="uploaded_by_user"),
    ),
    Entry(
        model="wagtailcore.APIToken",
        name="api_tokens",
        label=_("Admin API tokens"),
        holds=_("When you created an API token (the export never holds the token)."),
        why=_("To let tools act for you in the admin."),
        kept=ACCOUNT_LIFETIME,
        on_erasure=DELETED,
        export=_export_owned("wagtailcore.APIToken", "name", "created", "revoked_at", "last_used_at"),
    ),
    Entry(
        model="wagtailusers.UserProfile",
        name="admin_preferences",
        label=_("Admin preferences"),
        holds=_("Your language, time zone and notification choices in the admin."),
        why=_("To show the admin the way you chose."),
        kept=ACCOUNT_LIFETIME,
        on_erasure=DELETED,
        export=_export_owned(
            "wagtailusers.UserProfile",
            "preferred_language",
            "current_time_zone",
            "submitted_notifications",
            "approved_notifications",
            "rejected_notifications",
        ),
    ),
    Entry(
        model="admin.LogEntry",
        name="django_admin_log",
        label=_("Django admin history"),
        holds=_("Changes made through Django's own admin by you or to your account."),
        why=_("Staff see who changed what."),
        kept=ACCOUNT_LIFETIME,
        on_erasure=DELETED,
        export=_export_owned("admin.LogEntry", "action_time", "object_repr", "change_message"),
        erase=_erase_admin_log,
    ),
]

# Models with a relation to the user or a personal-looking field that the inventory leaves out, and why.
EXEMPT: dict[str, str] = {
    # Helplines' public numbers and addresses, kept by editors; no member's data.
    "safety.CrisisLine": "helplines' public contact details",
    # The charity's own legal name and postal address, printed on receipts; no member's data.
    "donations.DonationSettings": "organisation's address",
    # allauth's confirmation keys for an address: deleted with the address, and the export lists the addresses.
    "account.EmailConfirmation": "one-time keys, deleted with the address",
    # Wagtail admin's live editing sessions and unsaved form state: minutes-long, deleted with the account.
    "wagtailadmin.EditingSession": "transient admin state",
    "wagtailadmin.FormState": "transient admin state",
    # oEmbed answers from other sites (the author of a video, say); Fairfield turns embeds off.
    "wagtailembeds.Embed": "third-party media metadata",
}


def entries() -> list[Entry]:
    return INVENTORY


def entry_for(model_label: str) -> Entry | None:
    return next((entry for entry in INVENTORY if entry.model == model_label), None)
