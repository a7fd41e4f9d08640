"""A testimony: what happened to someone, told in their words, read only by those their consent allows.

The writer's own words are kept encrypted (`narrative`); the moderator's redacted copy too (`redacted`). The one
plaintext copy, `public_text`, exists only while the testimony is published at a public consent level. A
withdrawn testimony keeps nothing but its status: the row stays as a tombstone so a second use of the private
link is answered kindly, and the tombstones are the anonymous "withdrawn" counter.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

USER = settings.AUTH_USER_MODEL
NARRATIVE_MAX_CHARS = 50_000
DRAFT_DAYS = 30


class ConsentLevel(models.TextChoices):
    PUBLIC_PSEUDONYM = "public_pseudonym", _("Public, under a pseudonym")
    PUBLIC_ANONYMOUS = "public_anonymous", _("Public, anonymous")
    RESEARCH = "research", _("Research only: counted in figures, read by approved researchers, never shown publicly")
    RECORD = "record", _("Record only: kept sealed")


PUBLIC_LEVELS = (ConsentLevel.PUBLIC_PSEUDONYM, ConsentLevel.PUBLIC_ANONYMOUS)
# From the most open to the most closed: a later level is stricter.
STRICTNESS = [ConsentLevel.PUBLIC_PSEUDONYM, ConsentLevel.PUBLIC_ANONYMOUS, ConsentLevel.RESEARCH, ConsentLevel.RECORD]


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Waiting for review")
    PUBLISHED = "published", _("Accepted into the archive")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Setting(models.TextChoices):
    INPATIENT = "inpatient", _("Inpatient ward")
    EMERGENCY = "emergency", _("Emergency department")
    OUTPATIENT = "outpatient", _("Outpatient clinic")
    COMMUNITY = "community", _("Community team")
    THERAPY = "therapy", _("Therapy")
    POLICE_COURT = "police_court", _("Police or court")
    PRISON = "prison", _("Prison")
    SCHOOL = "school", _("School")
    OTHER = "other", _("Somewhere else")


class Experience(models.TextChoices):
    INVOLUNTARY_ADMISSION = "involuntary_admission", _("Involuntary admission")
    RESTRAINT = "restraint", _("Restraint")
    SECLUSION = "seclusion", _("Seclusion")
    FORCED_MEDICATION = "forced_medication", _("Forced medication")
    ECT_WITHOUT_CONSENT = "ect_without_consent", _("ECT without consent")
    THREATS = "threats", _("Threats or coercion")
    DISMISSAL = "dismissal", _("Dismissal or disbelief")
    BOUNDARY_VIOLATION = "boundary_violation", _("Boundary violation")
    RETALIATION = "retaliation", _("Retaliation for complaining")
    MISDIAGNOSIS = "misdiagnosis", _("Misdiagnosis")
    WITHDRAWAL_HARM = "withdrawal_harm", _("Harm from stopping or changing medication")
    OTHER = "other", _("Something else")


class Help(models.TextChoices):
    PEER_SUPPORT = "peer_support", _("Peer support")
    BEING_LISTENED_TO = "listened_to", _("Being listened to")
    ADVOCACY = "advocacy", _("An advocate")
    FAMILY_FRIENDS = "family_friends", _("Family or friends")
    CHOICE = "choice", _("Being given a real choice")
    TIME_AND_SPACE = "time_space", _("Time and a safe place")
    THERAPY = "therapy", _("A therapist I chose")
    INFORMATION = "information", _("Honest information")
    OTHER = "other", _("Something else")


class InvolvedRole(models.TextChoices):
    PSYCHIATRIST = "psychiatrist", _("Psychiatrist")
    NURSE = "nurse", _("Nurse")
    HEALTHCARE_ASSISTANT = "assistant", _("Healthcare assistant")
    GP = "gp", _("Family doctor")
    PSYCHOLOGIST = "psychologist", _("Psychologist or therapist")
    SOCIAL_WORKER = "social_worker", _("Social worker")
    POLICE = "police", _("Police officer")
    SECURITY = "security", _("Security staff")
    TEACHER = "teacher", _("Teacher")
    OTHER = "other", _("Someone else")


class Period(models.TextChoices):
    BEFORE_1970 = "before_1970", _("Before 1970")
    D1970 = "1970s", _("1970s")
    D1980 = "1980s", _("1980s")
    D1990 = "1990s", _("1990s")
    D2000 = "2000s", _("2000s")
    D2010 = "2010s", _("2010s")
    D2020 = "2020s", _("2020s")
    UNSAID = "unsaid", _("I would rather not say")


class Region(models.TextChoices):
    UK_IRELAND = "uk_ireland", _("United Kingdom and Ireland")
    EUROPE = "europe", _("Rest of Europe")
    NORTH_AMERICA = "north_america", _("North America")
    LATIN_AMERICA = "latin_america", _("Latin America and the Caribbean")
    AFRICA = "africa", _("Africa")
    MIDDLE_EAST = "middle_east", _("Middle East")
    ASIA = "asia", _("Asia")
    OCEANIA = "oceania", _("Oceania")
    UNSAID = "unsaid", _("I would rather not say")


class ContentNote(models.TextChoices):
    RESTRAINT = "restraint", _("Physical restraint")
    SELF_HARM = "self_harm", _("Self-harm")
    SUICIDE = "suicide", _("Suicide")
    SEXUAL_VIOLENCE = "sexual_violence", _("Sexual violence")
    VIOLENCE = "violence", _("Violence")
    DEATH = "death", _("Death")
    CHILDREN = "children", _("Harm to children")


class TestimonyQuerySet(models.QuerySet):
    def live(self):
        return self.exclude(status=Status.WITHDRAWN)

    def counted(self):
        """The testimonies the public figures are built from: accepted, and consented to be counted."""
        return self.filter(status=Status.PUBLISHED).filter(~Q(consent=ConsentLevel.RECORD) | Q(count_in_figures=True))


class Testimony(models.Model):
    __test__ = False  # not a test class, whatever pytest thinks of the name

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    writer = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="testimonies")
    # An HMAC of the resume code anonymous writers are given; never the code itself.
    resume_code_digest = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    consent = models.CharField(
        _("who may read it"), max_length=20, choices=ConsentLevel.choices, default=ConsentLevel.RECORD
    )
    count_in_figures = models.BooleanField(_("count it in the public figures"), default=False)
    closure_date = models.DateField(_("keep it sealed until"), null=True, blank=True)
    pseudonym = models.CharField(_("pseudonym"), max_length=80, blank=True)
    title = models.CharField(_("title"), max_length=200, blank=True)
    narrative = models.TextField(_("what happened (encrypted)"), blank=True, editable=False)
    redacted = models.TextField(_("redacted copy (encrypted)"), blank=True, editable=False)
    redaction_note = models.TextField(_("what was redacted, for the writer"), blank=True)
    redaction_agreed_at = models.DateTimeField(_("writer agreed with the redaction"), null=True, blank=True)
    public_text = models.TextField(_("published text"), blank=True, editable=False)
    settings = models.JSONField(_("where it happened"), default=list, blank=True)
    experiences = models.JSONField(_("what happened"), default=list, blank=True)
    helped = models.JSONField(_("what helped"), default=list, blank=True)
    roles = models.JSONField(_("who was involved"), default=list, blank=True)
    period = models.CharField(_("when"), max_length=12, choices=Period.choices, blank=True)
    region = models.CharField(_("where"), max_length=16, choices=Region.choices, blank=True)
    content_notes = models.JSONField(_("content notes"), default=list, blank=True)
    step = models.PositiveSmallIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    expires_at = models.DateTimeField(null=True, blank=True, db_index=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    objects = TestimonyQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("testimony")
        verbose_name_plural = _("testimonies")
        constraints = [
            models.CheckConstraint(condition=Q(status__in=Status.values), name="testimony_status_known"),
            models.CheckConstraint(condition=Q(consent__in=ConsentLevel.values), name="testimony_consent_known"),
            # A withdrawn testimony keeps none of its words, choices or writer.
            models.CheckConstraint(
                condition=~Q(status=Status.WITHDRAWN)
                | Q(
                    narrative="",
                    redacted="",
                    public_text="",
                    pseudonym="",
                    title="",
                    redaction_note="",
                    writer__isnull=True,
                    withdrawn_at__isnull=False,
                ),
                name="testimony_withdrawn_keeps_nothing",
            ),
            # Plain text exists only for a testimony published at a public level.
            models.CheckConstraint(
                condition=Q(public_text="") | Q(status=Status.PUBLISHED, consent__in=[c.value for c in PUBLIC_LEVELS]),
                name="testimony_public_text_only_when_public",
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.PUBLISHED) | Q(published_at__isnull=False),
                name="testimony_published_has_date",
            ),
            # Someone must be able to come back to a testimony that is not withdrawn.
            models.CheckConstraint(
                condition=Q(status=Status.WITHDRAWN) | Q(writer__isnull=False) | Q(resume_code_digest__isnull=False),
                name="testimony_has_a_way_back",
            ),
            models.CheckConstraint(
                condition=~Q(consent=ConsentLevel.PUBLIC_PSEUDONYM)
                | Q(status__in=[Status.DRAFT, Status.WITHDRAWN])
                | ~Q(pseudonym=""),
                name="testimony_pseudonym_when_signed",
            ),
        ]
        indexes = [models.Index(fields=["status", "consent"], name="testimony_status_consent")]

    def __str__(self):
        return self.title or _("Testimony %(id)s") % {"id": str(self.public_id)[:8]}

    @property
    def is_public_level(self) -> bool:
        return self.consent in PUBLIC_LEVELS

    @property
    def byline(self) -> str:
        if self.consent == ConsentLevel.PUBLIC_PSEUDONYM and self.pseudonym:
            return self.pseudonym
        return str(_("Anonymous"))

    def _labels(self, field: str, choices) -> list[str]:
        names = dict(choices.choices)
        return [str(names[value]) for value in getattr(self, field) if value in names]

    @property
    def labels_content_notes(self) -> list[str]:
        return self._labels("content_notes", ContentNote)

    @property
    def labels_settings(self) -> list[str]:
        return self._labels("settings", Setting)

    @property
    def labels_experiences(self) -> list[str]:
        return self._labels("experiences", Experience)

    @property
    def labels_helped(self) -> list[str]:
        return self._labels("helped", Help)

    @property
    def labels_roles(self) -> list[str]:
        return self._labels("roles", InvolvedRole)


class FigureCell(models.Model):
    """One materialised count of the public figures (a dimension and a value), kept up to date by the services."""

    dimension = models.CharField(max_length=16)
    value = models.CharField(max_length=32)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["dimension", "value"], name="testimony_figure_cell_unique")]

    def __str__(self):
        return f"{self.dimension}.{self.value} = {self.count}"


class ResearcherAccess(models.Model):
    class State(models.TextChoices):
        APPLIED = "applied", _("Applied")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")

    researcher = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="researcher_access")
    purpose = models.TextField(_("purpose of the research"))
    state = models.CharField(max_length=10, choices=State.choices, default=State.APPLIED)
    ends_on = models.DateField(_("access ends on"), null=True, blank=True)
    decided_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~Q(state="approved") | Q(ends_on__isnull=False), name="testimony_research_approval_ends"
            )
        ]

    def __str__(self):
        return f"{self.researcher} ({self.state})"
