"""Every change to a testimony goes through here, inside a transaction, with an audit entry and an event.

The rule that matters most: when in doubt, less is shown. A consent change and a publication serialise on the
row lock and the publication re-reads the consent, so the stricter level always wins; a move to a more open
level sends an accepted testimony back to review instead of opening it at once.
"""

import datetime as dt
import secrets

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fairfield.audit.services import audit_record
from fairfield.lib.errors import Conflict, NotAllowed, Refusal
from fairfield.lib.events import send_on_commit
from fairfield.notifications import kinds
from fairfield.notifications.services import notify
from fairfield.testimony import crypto
from fairfield.testimony.actions import TestimonyAction
from fairfield.testimony.models import (
    DRAFT_DAYS,
    NARRATIVE_MAX_CHARS,
    PUBLIC_LEVELS,
    STRICTNESS,
    ConsentLevel,
    ContentNote,
    Experience,
    FigureCell,
    Help,
    InvolvedRole,
    Period,
    Region,
    ResearcherAccess,
    Setting,
    Status,
    Testimony,
)
from fairfield.testimony.signals import testimony_changed

RECEIVED = kinds.register("testimony.received", _("Testimony: yours was received"), transactional=True)
ACCEPTED = kinds.register("testimony.accepted", _("Testimony: yours was accepted"), transactional=True)

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 16
RESUME_ATTEMPTS = 10
RESUME_WINDOW = 3600
TITLE_MAX = 200
PSEUDONYM_MAX = 80

RESEARCH_LEVELS = [*PUBLIC_LEVELS, ConsentLevel.RESEARCH]
MULTI_FIELDS = {
    "settings": Setting,
    "experiences": Experience,
    "helped": Help,
    "roles": InvolvedRole,
    "content_notes": ContentNote,
}
SINGLE_FIELDS = {"period": Period, "region": Region}


def _new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def _locked(testimony: Testimony) -> Testimony:
    return Testimony.objects.select_for_update().get(pk=testimony.pk)


def _expiry():
    return timezone.now() + dt.timedelta(days=DRAFT_DAYS)


def _announce(testimony: Testimony, reason: str) -> None:
    send_on_commit(testimony_changed, sender=Testimony, public_id=testimony.public_id, reason=reason)


def testimony_start(*, writer=None) -> tuple[Testimony, str]:
    """A new draft. Account holders find it on their page; anyone else gets a resume code, shown once."""
    code = ""
    with transaction.atomic():
        if writer is not None and writer.is_authenticated:
            testimony = Testimony.objects.create(writer=writer, expires_at=_expiry())
        else:
            code = _new_code()
            testimony = Testimony.objects.create(resume_code_digest=crypto.code_digest(code), expires_at=_expiry())
    return testimony, code


def _clean_text(value, *, limit: int, field: str, label: str) -> str:
    text = str(value or "").replace("\x00", "").replace("\r\n", "\n")
    if len(text) > limit:
        raise Refusal(
            _(
                "%(label)s can be at most %(limit)s characters; yours has %(count)s. Nothing was lost: shorten it, "
                "or split it into two testimonies."
            )
            % {"label": label, "limit": f"{limit:,}", "count": f"{len(text):,}"},
            field=field,
        )
    return text


def _clean_choices(values, choices, field: str) -> list[str]:
    allowed = set(choices.values)
    picked = [value for value in dict.fromkeys(values or []) if value in allowed]
    if len(picked) != len(set(values or [])):
        raise Refusal(_("One of the choices was not one we offer; please choose again."), field=field)
    return picked


def testimony_save_draft(*, testimony: Testimony, data: dict, step: int | None = None) -> Testimony:
    """Keep whatever the writer has given so far. Only fields present in `data` change."""
    with transaction.atomic():
        testimony = _locked(testimony)
        if testimony.status == Status.WITHDRAWN:
            raise Conflict(_("This testimony was withdrawn, so there is nothing to save into."))
        if testimony.status != Status.DRAFT:
            raise Conflict(_("This testimony has been sent; to change who may read it, use your testimony's page."))
        fields = {"expires_at", "updated_at"}
        if "narrative" in data:
            narrative = _clean_text(
                data["narrative"], limit=NARRATIVE_MAX_CHARS, field="narrative", label=_("Your account")
            )
            testimony.narrative = crypto.seal(narrative)
            fields.add("narrative")
        if "title" in data:
            testimony.title = _clean_text(data["title"], limit=TITLE_MAX, field="title", label=_("The title")).strip()
            fields.add("title")
        if "pseudonym" in data:
            testimony.pseudonym = _clean_text(
                data["pseudonym"], limit=PSEUDONYM_MAX, field="pseudonym", label=_("The pseudonym")
            ).strip()
            fields.add("pseudonym")
        for field, choices in MULTI_FIELDS.items():
            if field in data:
                setattr(testimony, field, _clean_choices(data[field], choices, field))
                fields.add(field)
        for field, choices in SINGLE_FIELDS.items():
            if field in data:
                value = data[field] or ""
                if value and value not in choices.values:
                    raise Refusal(_("Please choose one of the options offered."), field=field)
                setattr(testimony, field, value)
                fields.add(field)
        if "consent" in data:
            if data["consent"] not in ConsentLevel.values:
                raise Refusal(_("Please choose who may read your testimony."), field="consent")
            testimony.consent = data["consent"]
            fields.add("consent")
        if "count_in_figures" in data:
            testimony.count_in_figures = bool(data["count_in_figures"])
            fields.add("count_in_figures")
        if "closure_date" in data:
            testimony.closure_date = data["closure_date"] or None
            fields.add("closure_date")
        if step is not None:
            testimony.step = max(1, min(step, 9))
            fields.add("step")
        testimony.expires_at = _expiry()
        testimony.save(update_fields=sorted(fields))
    return testimony


def testimony_narrative(testimony: Testimony) -> str:
    """The writer's own words, for the writer and moderators only."""
    return crypto.unseal(testimony.narrative)


def testimony_redacted(testimony: Testimony) -> str:
    return crypto.unseal(testimony.redacted)


def testimony_submit(*, testimony: Testimony, actor=None) -> Testimony:
    with transaction.atomic():
        testimony = _locked(testimony)
        if testimony.status != Status.DRAFT:
            raise Conflict(_("This testimony has already been sent."))
        if not testimony_narrative(testimony).strip():
            raise Refusal(_("Please tell what happened before you send it; a few lines are enough."), field="narrative")
        if testimony.consent == ConsentLevel.PUBLIC_PSEUDONYM and not testimony.pseudonym:
            raise Refusal(_("Please choose a pseudonym, or choose to be anonymous."), field="pseudonym")
        testimony.status = Status.SUBMITTED
        testimony.submitted_at = timezone.now()
        testimony.expires_at = None
        testimony.save(update_fields=["status", "submitted_at", "expires_at", "updated_at"])
        audit_record(action=TestimonyAction.SUBMITTED, actor=actor, obj=testimony)
        if testimony.writer_id:
            notify(
                user=testimony.writer,
                kind=RECEIVED,
                subject=_("We have received your testimony"),
                text=_(
                    "Thank you. A moderator will read it and remove anything that could identify a person before "
                    "anyone else reads it. You can change who may read it, or withdraw it, at any time."
                ),
                url=reverse("testimony:mine"),
            )
    return testimony


def _counted(testimony: Testimony) -> bool:
    if testimony.status != Status.PUBLISHED:
        return False
    return testimony.consent != ConsentLevel.RECORD or testimony.count_in_figures


def _cells(testimony: Testimony) -> list[tuple[str, str]]:
    cells = [("total", "all")]
    cells += [("setting", value) for value in testimony.settings]
    cells += [("experience", value) for value in testimony.experiences]
    cells += [("helped", value) for value in testimony.helped]
    if testimony.period:
        cells.append(("period", testimony.period))
    if testimony.region:
        cells.append(("region", testimony.region))
    return cells


def _figures_add(testimony: Testimony, delta: int) -> None:
    """Move the materialised figures by one testimony, in the caller's transaction."""
    for dimension, value in _cells(testimony):
        updated = FigureCell.objects.filter(dimension=dimension, value=value).update(count=F("count") + delta)
        if not updated and delta > 0:
            try:
                with transaction.atomic():
                    FigureCell.objects.create(dimension=dimension, value=value, count=delta)
            except IntegrityError:
                FigureCell.objects.filter(dimension=dimension, value=value).update(count=F("count") + delta)


def figures_rebuild() -> int:
    """Recount every cell from the testimonies themselves (after an import or a repair)."""
    with transaction.atomic():
        FigureCell.objects.all().delete()
        totals: dict[tuple[str, str], int] = {}
        fields = ("settings", "experiences", "helped", "period", "region", "status", "consent", "count_in_figures")
        for testimony in Testimony.objects.counted().only(*fields).iterator():
            for cell in _cells(testimony):
                totals[cell] = totals.get(cell, 0) + 1
        FigureCell.objects.bulk_create(FigureCell(dimension=d, value=v, count=c) for (d, v), c in totals.items())
    return len(totals)


def testimony_publish(*, testimony: Testimony, moderator, redacted_text: str, redaction_note: str = "") -> Testimony:
    """Accept a testimony into the archive with the moderator's redacted copy. It is shown publicly only if the
    writer's consent (read now, under the lock) is a public level and any closure date has passed."""
    from fairfield.testimony.access import may_moderate

    if not may_moderate(moderator, testimony):
        raise NotAllowed(_("You cannot moderate this testimony."))
    redacted_text = _clean_text(redacted_text, limit=NARRATIVE_MAX_CHARS, field="redacted", label=_("The copy"))
    if not redacted_text.strip():
        raise Refusal(_("The redacted copy is empty; start from the suggestion and remove only what identifies."))
    with transaction.atomic():
        testimony = _locked(testimony)
        if testimony.status != Status.SUBMITTED:
            raise Conflict(_("This testimony is no longer waiting for review (it may have been withdrawn)."))
        testimony.redacted = crypto.seal(redacted_text)
        testimony.redaction_note = redaction_note.strip()
        testimony.redaction_agreed_at = None
        testimony.public_text = redacted_text if testimony.consent in PUBLIC_LEVELS else ""
        testimony.status = Status.PUBLISHED
        testimony.published_at = timezone.now()
        testimony.save(
            update_fields=[
                "redacted",
                "redaction_note",
                "redaction_agreed_at",
                "public_text",
                "status",
                "published_at",
                "updated_at",
            ]
        )
        if _counted(testimony):
            _figures_add(testimony, +1)
        audit_record(
            action=TestimonyAction.PUBLISHED, actor=moderator, obj=testimony, data={"consent": testimony.consent}
        )
        if testimony.writer_id:
            notify(
                user=testimony.writer,
                kind=ACCEPTED,
                subject=_("Your testimony is in the archive"),
                text=(redaction_note and _("What we removed: %(note)s") % {"note": redaction_note})
                or _("We did not need to remove anything."),
                url=reverse("testimony:writer", args=[testimony.public_id]),
            )
        _announce(testimony, "published")
    return testimony


def testimony_change_consent(
    *, testimony: Testimony, consent: str, count_in_figures: bool | None = None, actor=None
) -> Testimony:
    if consent not in ConsentLevel.values:
        raise Refusal(_("Please choose who may read your testimony."), field="consent")
    with transaction.atomic():
        testimony = _locked(testimony)
        if testimony.status == Status.WITHDRAWN:
            raise Conflict(_("This testimony was withdrawn; there is nothing left to change."))
        if consent == ConsentLevel.PUBLIC_PSEUDONYM and not testimony.pseudonym:
            raise Refusal(_("Please choose a pseudonym first, or choose to be anonymous."), field="consent")
        was_counted = _counted(testimony)
        before = testimony.consent
        testimony.consent = consent
        if count_in_figures is not None:
            testimony.count_in_figures = count_in_figures
        opening = STRICTNESS.index(ConsentLevel(consent)) < STRICTNESS.index(ConsentLevel(before))
        if testimony.status == Status.PUBLISHED and opening:
            # A more open level is read again by a moderator before anything more is shown.
            testimony.status = Status.SUBMITTED
            testimony.published_at = None
            testimony.submitted_at = timezone.now()
        if testimony.consent not in PUBLIC_LEVELS or testimony.status != Status.PUBLISHED:
            testimony.public_text = ""
        elif testimony.consent in PUBLIC_LEVELS and not testimony.public_text:
            testimony.public_text = testimony_redacted(testimony)
        testimony.save(
            update_fields=[
                "consent",
                "count_in_figures",
                "status",
                "published_at",
                "submitted_at",
                "public_text",
                "updated_at",
            ]
        )
        is_counted = _counted(testimony)
        if was_counted != is_counted:
            _figures_add(testimony, +1 if is_counted else -1)
        if testimony.status != Status.DRAFT:
            audit_record(
                action=TestimonyAction.CONSENT_CHANGED, actor=actor, obj=testimony, data={"from": before, "to": consent}
            )
        _announce(testimony, "consent")
    return testimony


def testimony_agree_redaction(*, testimony: Testimony, actor=None) -> Testimony:
    """The writer has read what the moderator removed and agrees; twice is harmless."""
    with transaction.atomic():
        testimony = _locked(testimony)
        if testimony.status != Status.PUBLISHED:
            raise Conflict(_("There is no redacted copy to agree with yet."))
        if testimony.redaction_agreed_at is None:
            testimony.redaction_agreed_at = timezone.now()
            testimony.save(update_fields=["redaction_agreed_at", "updated_at"])
            audit_record(action=TestimonyAction.REDACTION_AGREED, actor=actor, obj=testimony)
    return testimony


def testimony_withdraw(*, testimony: Testimony, actor=None) -> bool:
    """Take a testimony back: its words and choices are deleted now, the figures drop it, every cache and index
    forgets it. Twice is harmless; returns whether anything was left to withdraw."""
    with transaction.atomic():
        testimony = _locked(testimony)
        if testimony.status == Status.WITHDRAWN:
            return False
        if _counted(testimony):
            _figures_add(testimony, -1)
        for field in ("narrative", "redacted", "public_text", "pseudonym", "title", "redaction_note"):
            setattr(testimony, field, "")
        for field in MULTI_FIELDS:
            setattr(testimony, field, [])
        testimony.period = testimony.region = ""
        testimony.closure_date = None
        testimony.redaction_agreed_at = None
        testimony.writer = None
        testimony.status = Status.WITHDRAWN
        testimony.withdrawn_at = timezone.now()
        testimony.save()
        audit_record(action=TestimonyAction.WITHDRAWN, actor=actor, obj=testimony, summary=_("a withdrawn testimony"))
        _announce(testimony, "withdrawn")
    return True


def testimony_anonymise(*, testimony: Testimony) -> Testimony:
    """Keep a testimony whose writer deletes their account, without them: no longer under a pseudonym, no longer
    linked to the account, and reachable by a resume code nobody was ever given (so nobody can change it)."""
    if testimony.consent == ConsentLevel.PUBLIC_PSEUDONYM:
        testimony = testimony_change_consent(testimony=testimony, consent=ConsentLevel.PUBLIC_ANONYMOUS)
    with transaction.atomic():
        testimony = _locked(testimony)
        if testimony.status == Status.WITHDRAWN:
            return testimony
        testimony.writer = None
        testimony.pseudonym = ""
        if not testimony.resume_code_digest:
            testimony.resume_code_digest = crypto.code_digest(secrets.token_hex(32))
        testimony.save(update_fields=["writer", "pseudonym", "resume_code_digest", "updated_at"])
        _announce(testimony, "anonymised")
    return testimony


def testimony_by_code(*, code: str, client_key: str) -> Testimony:
    """The testimony a resume code opens. Guesses are limited per client; a wrong, expired or used-up code all
    get the same answer, so nothing can be learnt by trying."""
    attempts_key = f"testimony:resume-attempts:{client_key}"
    attempts = cache.get(attempts_key, 0)
    if attempts >= RESUME_ATTEMPTS:
        raise Refusal(
            _("Too many codes were tried from here. Please wait an hour and try again; your testimony is safe."),
            status=429,
            field="code",
        )
    testimony = None
    cleaned = "".join(ch for ch in str(code).upper() if ch.isalnum())
    if len(cleaned) == CODE_LENGTH:
        testimony = Testimony.objects.filter(resume_code_digest=crypto.code_digest(cleaned)).first()
    if testimony is not None and testimony.status == Status.DRAFT and testimony.expires_at < timezone.now():
        testimony = None
    if testimony is None:
        cache.set(attempts_key, attempts + 1, RESUME_WINDOW)
        raise Refusal(_("That code does not open a testimony. Check it and try again."), status=404, field="code")
    return testimony


def drafts_expire() -> int:
    """Delete drafts nobody has come back to within the promised 30 days."""
    expired = Testimony.objects.filter(status=Status.DRAFT, expires_at__lt=timezone.now())
    count, _by_model = expired.delete()
    return count


def keys_rotate() -> int:
    """Re-encrypt every kept narrative and redacted copy under the newest key."""
    count = 0
    with transaction.atomic():
        for testimony in Testimony.objects.select_for_update().exclude(narrative="", redacted="").iterator():
            testimony.narrative = crypto.reseal(testimony.narrative)
            testimony.redacted = crypto.reseal(testimony.redacted)
            testimony.save(update_fields=["narrative", "redacted"])
            count += 1
        audit_record(action=TestimonyAction.KEYS_ROTATED, data={"count": count})
    return count


def researcher_apply(*, user, purpose: str) -> ResearcherAccess:
    purpose = _clean_text(purpose, limit=5000, field="purpose", label=_("The purpose")).strip()
    if not purpose:
        raise Refusal(_("Please say what your research is for."), field="purpose")
    with transaction.atomic():
        if user.researcher_access.filter(state=ResearcherAccess.State.APPLIED).exists():
            raise Conflict(_("Your application is already waiting for an admin."))
        return ResearcherAccess.objects.create(researcher=user, purpose=purpose)


def researcher_decide(
    *, access: ResearcherAccess, admin, approve: bool, purpose: str = "", ends_on=None
) -> ResearcherAccess:
    """An admin approves (with the purpose as agreed and an end date) or refuses an application."""
    from fairfield.accounts.access import may

    if not may(admin, "testimony.research.decide"):
        raise NotAllowed(_("Only admins decide on researcher access."))
    if access.researcher_id == admin.pk:
        raise NotAllowed(_("Nobody decides on their own application."))
    if approve and (ends_on is None or ends_on <= timezone.localdate()):
        raise Refusal(_("Approved access needs an end date in the future."), field="ends_on")
    with transaction.atomic():
        access = ResearcherAccess.objects.select_for_update().get(pk=access.pk)
        if access.state != ResearcherAccess.State.APPLIED:
            raise Conflict(_("This application has already been decided."))
        access.state = ResearcherAccess.State.APPROVED if approve else ResearcherAccess.State.REFUSED
        access.ends_on = ends_on if approve else None
        if purpose.strip():
            access.purpose = purpose.strip()
        access.decided_by = admin
        access.save(update_fields=["state", "ends_on", "purpose", "decided_by"])
        audit_record(
            action=TestimonyAction.RESEARCHER_DECIDED,
            actor=admin,
            obj=access,
            reason=access.purpose,
            data={"approved": approve, "ends_on": str(ends_on) if approve else ""},
        )
    return access


EXPORT_COLUMNS = [
    "record",
    "consent",
    "settings",
    "what_happened",
    "what_helped",
    "roles",
    "period",
    "region",
    "content_notes",
    "text",
]


def _cell(value: str) -> str:
    """A spreadsheet must not read a record as a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def research_export(*, user) -> str:
    """The research-consented, accepted records as CSV: the redacted copy and the coarse choices only, no
    writer, pseudonym, address or date that could lead back to anyone. Every export is audit-logged."""
    import csv
    import io

    from fairfield.accounts.access import may

    if not may(user, "testimony.research.export"):
        raise NotAllowed(_("Research exports are for approved researchers whose access has not ended."))
    today = timezone.localdate()
    records = (
        Testimony.objects.filter(status=Status.PUBLISHED, consent__in=RESEARCH_LEVELS)
        .exclude(closure_date__gt=today)
        .order_by("?")
        .only(*MULTI_FIELDS, "consent", "period", "region", "redacted")
    )
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(EXPORT_COLUMNS)
    count = 0
    for number, testimony in enumerate(records, start=1):
        writer.writerow(
            [
                number,
                testimony.consent,
                ";".join(testimony.settings),
                ";".join(testimony.experiences),
                ";".join(testimony.helped),
                ";".join(testimony.roles),
                testimony.period,
                testimony.region,
                ";".join(testimony.content_notes),
                _cell(testimony_redacted(testimony)),
            ]
        )
        count = number
    audit_record(action=TestimonyAction.EXPORTED, actor=user, data={"records": count})
    return out.getvalue()
