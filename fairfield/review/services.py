"""Every change the survivor-first review makes: reading list, positionality, claims, commentaries, responses."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fairfield.accounts.access import may
from fairfield.audit.services import audit_record
from fairfield.lib.errors import NotAllowed, Refusal
from fairfield.publishing.models import ArticleContributor
from fairfield.review import selectors
from fairfield.review.models import (
    MIN_REFLECTION_LENGTH,
    ArticleStatement,
    Assessment,
    AuthorResponse,
    Claim,
    ClaimStatus,
    ConflictDeclaration,
    Endorsement,
    FirstReadOverride,
    ItemRead,
    PositionalityStatement,
    ReadingItem,
    ReadingReflection,
    ReviewAction,
    ReviewEvent,
    ReviewSettings,
    SurvivorCommentary,
)


def event_log(*, action: str, actor=None, article=None, **data) -> ReviewEvent:
    return ReviewEvent.objects.create(action=action, actor=actor, article=article, data=data)


# The reading list


@transaction.atomic
def reading_item_propose(*, reviewer, title: str, author: str, link: str, citation: str, why: str) -> ReadingItem:
    if not selectors.is_reviewer(reviewer):
        raise PermissionDenied
    if not link and not citation:
        raise ValidationError(_("Give a link or a citation, so contributors can find it."))
    item = ReadingItem.objects.create(
        title=title, author=author, link=link, citation=citation, why=why, proposed_by=reviewer
    )
    event_log(action="review.item.proposed", actor=reviewer, item=item.pk)
    return item


@transaction.atomic
def reading_item_endorse(*, reviewer, item: ReadingItem) -> Endorsement:
    if not selectors.is_reviewer(reviewer):
        raise PermissionDenied
    if item.proposed_by_id == reviewer.pk:
        raise ValidationError(_("Your proposal already speaks for you; endorsements come from other reviewers."))
    if item.hidden_at is not None:
        raise ValidationError(_("This item is hidden."))
    if Endorsement.objects.filter(item=item, reviewer=reviewer).exists():
        raise ValidationError(_("You have already endorsed this item."))
    endorsement = Endorsement.objects.create(item=item, reviewer=reviewer)
    event_log(action="review.item.endorsed", actor=reviewer, item=item.pk)
    return endorsement


@transaction.atomic
def reading_item_hide(*, editor, item: ReadingItem, reason: str) -> ReadingItem:
    if not selectors.is_editor(editor):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError(_("Say why you are hiding it; the reason is logged and shown."))
    item.hidden_at = timezone.now()
    item.hidden_by = editor
    item.hidden_reason = reason
    item.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    event_log(action="review.item.hidden", actor=editor, item=item.pk, reason=reason)
    return item


@transaction.atomic
def reading_list_complete(*, contributor, items_read, reflection: str, publish: bool) -> ReadingReflection:
    """Record that a contributor has read every required item and reflected on the list."""
    required = set(selectors.required_items().values_list("pk", flat=True))
    missing = required - {item.pk for item in items_read}
    if missing:
        raise ValidationError(_("Mark every required item as read."))
    if len(reflection.strip()) < MIN_REFLECTION_LENGTH:
        raise ValidationError(
            _("Your reflection needs at least %(count)d characters.") % {"count": MIN_REFLECTION_LENGTH}
        )
    for item in items_read:
        ItemRead.objects.get_or_create(reader=contributor, item=item)
    record, _created = ReadingReflection.objects.update_or_create(
        contributor=contributor,
        defaults={"text": reflection, "is_public": publish, "worked_through_at": timezone.now()},
    )
    event_log(action="review.reading_list.completed", actor=contributor)
    return record


# Positionality


@transaction.atomic
def positionality_write(*, author, role: str, power: str, gain: str, coercion: str) -> PositionalityStatement:
    """A new version; earlier versions stay, and articles keep the one they were published with."""
    latest = selectors.latest_statement(author)
    statement = PositionalityStatement.objects.create(
        author=author,
        version=(latest.version + 1) if latest else 1,
        role=role,
        power=power,
        gain=gain,
        coercion=coercion,
    )
    event_log(action="review.positionality.written", actor=author, version=statement.version)
    return statement


# The Wagtail task's entry points


def article_needs_first_read(article) -> bool:
    """Any professional author, or a mark by an editor on the article or its section."""
    if article.needs_survivor_read:
        return True
    section = article.get_parent()
    if section is not None and getattr(section.specific, "needs_survivor_read", False):
        return True
    credits = ArticleContributor.objects.filter(article_id=article.pk).select_related("contributor__account")
    for credit in credits:
        account = credit.contributor.account
        if credit.contributor.is_professional or (account is not None and selectors.is_professional(account)):
            return True
    return article.owner is not None and selectors.is_professional(article.owner)


def article_submitted(*, article, user) -> bool:
    """Log a submission; returns whether the article waits for survivor reviewers."""
    needs_read = article_needs_first_read(article)
    event_log(action="review.article.submitted", actor=user, article=article, first_read=needs_read)
    if needs_read:
        _article_mark(article)
    else:
        _statements_pin(article)
    return needs_read


def _article_mark(article) -> None:
    """Keep the mark on the article and its draft, so later submissions are read first too, and so reader pages
    know without a query which articles can have a first read to show."""
    if article.needs_survivor_read:
        return
    type(article).objects.filter(pk=article.pk).update(needs_survivor_read=True)
    revision = article.get_latest_revision()
    if revision is not None:
        revision.content["needs_survivor_read"] = True
        revision.save(update_fields=["content"])
    article.needs_survivor_read = True


def article_revised(*, article, user) -> None:
    """A new draft saved by an author after the reviews came in."""
    if selectors.first_read_task_state(article) is not None and selectors.reviews_complete(article):
        event_log(action="review.article.revised", actor=user, article=article)


def _statements_pin(article) -> None:
    """Each professional author's statement as it is now goes with the article."""
    credits = ArticleContributor.objects.filter(article_id=article.pk, contributor__account__isnull=False)
    for credit in credits.select_related("contributor__account"):
        statement = selectors.latest_statement(credit.contributor.account)
        if statement is not None:
            ArticleStatement.objects.get_or_create(
                article=article, statement=statement, defaults={"credit_name": credit.public_name}
            )


@transaction.atomic
def review_send_to_editors(*, author, article) -> None:
    task_state = selectors.first_read_task_state(article)
    if task_state is None:
        raise ValidationError(_("This draft is not waiting for a survivor first read."))
    if not selectors.is_author(author, article):
        raise PermissionDenied
    if not selectors.reviews_complete(article):
        raise ValidationError(_("The survivor reviews are not all in yet."))
    ArticleStatement.objects.filter(article=article).delete()
    _statements_pin(article)
    event_log(action="review.article.sent_to_editors", actor=author, article=article)
    task_state.specific.approve(user=author)


# Claims


@transaction.atomic
def claim_take(*, reviewer, article) -> Claim:
    config = ReviewSettings.current()
    if not selectors.may_review(reviewer, article):
        raise PermissionDenied
    if article not in selectors.queue_for(reviewer):
        raise ValidationError(_("This draft is no longer waiting for a reader."))
    if selectors.claims_of(reviewer).count() >= config.claims_per_reviewer:
        raise ValidationError(
            _("You already hold %(count)d drafts; finish or release one first.") % {"count": config.claims_per_reviewer}
        )
    try:
        with transaction.atomic():
            claim = Claim.objects.create(
                article=article, reviewer=reviewer, due_at=timezone.now() + timedelta(days=config.claim_days)
            )
    except IntegrityError:
        raise ValidationError(_("You are already reading this draft.")) from None
    event_log(action="review.claim.taken", actor=reviewer, article=article)
    return claim


@transaction.atomic
def claim_release(*, reviewer, claim: Claim) -> Claim:
    if claim.reviewer_id != reviewer.pk:
        raise PermissionDenied
    if claim.status != ClaimStatus.ACTIVE:
        raise ValidationError(_("This claim has already ended."))
    claim.status = ClaimStatus.RELEASED
    claim.ended_at = timezone.now()
    claim.save(update_fields=["status", "ended_at"])
    event_log(action="review.claim.released", actor=reviewer, article=claim.article)
    return claim


@transaction.atomic
def claims_expire(*, now=None) -> int:
    """Overdue claims go back to the queue."""
    now = now or timezone.now()
    overdue = list(Claim.objects.active().filter(due_at__lt=now).select_related("article"))
    for claim in overdue:
        claim.status = ClaimStatus.EXPIRED
        claim.ended_at = now
        claim.save(update_fields=["status", "ended_at"])
        event_log(action="review.claim.expired", article=claim.article, reviewer=claim.reviewer_id)
    return len(overdue)


def claim_reminders_send(*, now=None) -> int:
    """One reminder per claim, two days before it is due."""
    from fairfield.review import emails

    now = now or timezone.now()
    due_soon = Claim.objects.active().filter(reminded_at__isnull=True, due_at__lte=now + timedelta(days=2))
    sent = 0
    for claim in due_soon.select_related("reviewer", "article"):
        emails.claim_reminder_send(claim=claim)
        Claim.objects.filter(pk=claim.pk).update(reminded_at=now)
        sent += 1
    return sent


# Commentaries, assessments, responses


def _text_required(value: str, message: str) -> None:
    if not value.strip():
        raise ValidationError(message)


@transaction.atomic
def commentary_write(
    *, reviewer, article, body: str, private_note: str, attribution: str, verdict: str, reasons: str
) -> SurvivorCommentary:
    claim = selectors.active_claim(reviewer, article)
    if claim is None or not selectors.may_review(reviewer, article):
        raise PermissionDenied
    if selectors.first_read_task_state(article) is None:
        raise ValidationError(_("This draft is no longer waiting for a survivor first read."))
    _text_required(body, _("Write your public commentary."))
    _text_required(reasons, _("Give reasons for your assessment."))
    commentary = SurvivorCommentary.objects.create(
        article=article, reviewer=reviewer, body=body, private_note=private_note, attribution=attribution
    )
    Assessment.objects.create(commentary=commentary, verdict=verdict, reasons=reasons)
    claim.status = ClaimStatus.DONE
    claim.ended_at = timezone.now()
    claim.save(update_fields=["status", "ended_at"])
    event_log(action="review.commentary.written", actor=reviewer, article=article, commentary=commentary.pk)
    if selectors.reviews_complete(article):
        from fairfield.review.tasks import reviews_complete_notify_task

        transaction.on_commit(lambda: reviews_complete_notify_task.enqueue(article.pk))
    return commentary


def reviews_complete_notify(*, article_id: int) -> int:
    """E-mail each author once the reviews are in; returns how many were told."""
    from fairfield.accounts.models import User
    from fairfield.publishing.models import ArticlePage
    from fairfield.review import emails

    article = ArticlePage.objects.filter(pk=article_id).first()
    if article is None or selectors.first_read_task_state(article) is None:
        return 0
    authors = list(User.objects.filter(pk__in=selectors.author_ids(article), is_active=True))
    emails.reviews_complete_send(article=article, recipients=authors)
    return len(authors)


@transaction.atomic
def commentary_update(
    *,
    reviewer,
    commentary: SurvivorCommentary,
    body: str,
    private_note: str,
    attribution: str,
    verdict: str,
    reasons: str,
) -> SurvivorCommentary:
    """Only its writer changes a commentary; a changed assessment is a new version, the old ones kept."""
    if commentary.reviewer_id != reviewer.pk:
        raise PermissionDenied
    if commentary.article.live and selectors.first_read_task_state(commentary.article) is None:
        raise ValidationError(_("The article is published; its commentaries are part of the record now."))
    _text_required(body, _("Write your public commentary."))
    _text_required(reasons, _("Give reasons for your assessment."))
    commentary.body = body
    commentary.private_note = private_note
    commentary.attribution = attribution
    commentary.save(update_fields=["body", "private_note", "attribution", "updated_at"])
    current = commentary.assessments.first()
    if current is None or (current.verdict, current.reasons) != (verdict, reasons):
        Assessment.objects.create(commentary=commentary, verdict=verdict, reasons=reasons)
        event_log(
            action="review.assessment.updated", actor=reviewer, article=commentary.article, commentary=commentary.pk
        )
    return commentary


@transaction.atomic
def commentary_hide(*, editor, commentary: SurvivorCommentary, reason: str) -> SurvivorCommentary:
    if not selectors.is_editor(editor):
        raise PermissionDenied
    _text_required(reason, _("Say why you are hiding it; the reason is logged and shown in its place."))
    commentary.hidden_at = timezone.now()
    commentary.hidden_by = editor
    commentary.hidden_reason = reason
    commentary.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    event_log(
        action="review.commentary.hidden",
        actor=editor,
        article=commentary.article,
        commentary=commentary.pk,
        reason=reason,
    )
    return commentary


@transaction.atomic
def response_write(*, author, commentary: SurvivorCommentary, body: str) -> AuthorResponse:
    if not selectors.is_author(author, commentary.article):
        raise PermissionDenied
    _text_required(body, _("Write your response."))
    response, created = AuthorResponse.objects.update_or_create(
        commentary=commentary, defaults={"author": author, "body": body}
    )
    event_log(
        action="review.response.written" if created else "review.response.updated",
        actor=author,
        article=commentary.article,
        commentary=commentary.pk,
    )
    return response


# Conflicts


@transaction.atomic
def conflict_declare(*, reviewer, member) -> ConflictDeclaration:
    if not selectors.is_reviewer(reviewer):
        raise PermissionDenied
    if member.pk == reviewer.pk:
        raise ValidationError(_("You cannot declare a conflict with yourself."))
    declaration, _created = ConflictDeclaration.objects.get_or_create(reviewer=reviewer, member=member)
    active = Claim.objects.active().filter(reviewer=reviewer)
    for claim in active:
        if member.pk in selectors.author_ids(claim.article):
            claim_release(reviewer=reviewer, claim=claim)
    return declaration


@transaction.atomic
def conflict_withdraw(*, reviewer, declaration: ConflictDeclaration) -> None:
    if declaration.reviewer_id != reviewer.pk:
        raise PermissionDenied
    declaration.delete()


# The gate in front of publication


class FirstReadOutstanding(NotAllowed):
    """An article that needs a survivor first read was about to go live without one."""


def first_read_gate(*, article, user=None) -> None:
    """Registered with publishing's gates: nothing that needs a survivor first read goes live without one, on any
    path, unless an editor has overridden it in writing (`first_read_override`)."""
    if selectors.first_read_outstanding(article):
        raise FirstReadOutstanding(
            _(
                "This article needs a survivor first read before it is published, and the read is not complete. "
                "An editor can publish it without the read only by giving a reason, which is shown on the article."
            )
        )


MAX_OVERRIDE_REASON = 2000


@transaction.atomic
def first_read_override(*, editor, article, reason: str) -> FirstReadOverride:
    """Publish (or schedule, if it has a go-live date) an article without its survivor first read, with the editor's
    reason recorded in the audit log and shown on the article."""
    if not may(editor, "review.first_read.override", article):
        raise NotAllowed(_("Only editors can publish an article without its survivor first read."))
    reason = reason.strip()
    if not reason:
        raise Refusal(_("Write why this article is published without a survivor first read."), field="reason")
    if len(reason) > MAX_OVERRIDE_REASON:
        raise Refusal(_("Keep the reason under %(count)d characters.") % {"count": MAX_OVERRIDE_REASON}, field="reason")
    if article.get_latest_revision() is None:
        raise Refusal(_("This article has no saved version to publish."))
    override = FirstReadOverride.objects.create(article=article, editor=editor, reason=reason)
    _article_mark(article)  # reader pages show the override without a query on unmarked articles
    revision = article.get_latest_revision()
    event_log(action=ReviewAction.FIRST_READ_OVERRIDDEN.value, actor=editor, article=article, override=override.pk)
    audit_record(action=ReviewAction.FIRST_READ_OVERRIDDEN, actor=editor, obj=article, reason=reason)
    revision.publish(user=editor)
    return override
