"""Round tables: a slow, written conversation in rounds, whose fairness the data itself keeps.

A `RoundTable` has `Seat`s (stakeholder places, each held by one member under a name chosen for the table);
it runs in `Round`s, and each round holds exactly one `Turn` per seat, in the round's speaking order.
`Statement`s proposed from round 2 on are marked by every seat (`Mark`). `FramingNote`s are the facilitator's
words between rounds; `ObserverQuestion`s are what readers ask the facilitator.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

MAX_ROUNDS = 12
MAX_SEATS = 16
STATEMENT_MAX_LENGTH = 280
NOTE_MAX_LENGTH = 1500


class Stakeholder(models.TextChoices):
    SURVIVOR = "survivor", _("Survivor")
    FAMILY = "family", _("Family member")
    PSYCHIATRIST = "psychiatrist", _("Psychiatrist")
    NURSE = "nurse", _("Nurse")
    WARD_STAFF = "ward_staff", _("Ward staff")
    PEER_WORKER = "peer_worker", _("Peer worker")
    POLICE = "police", _("Police officer")
    LAW = "law", _("Judge or lawyer")
    RESEARCHER = "researcher", _("Researcher")
    OTHER = "other", _("Other (give a label)")


class TableStatus(models.TextChoices):
    SETTING_UP = "setting_up", _("Setting up")
    RUNNING = "running", _("Running")
    PAUSED = "paused", _("Paused")
    CLOSED = "closed", _("Closed")


class RoundTableQuerySet(models.QuerySet):
    def public(self):
        """Tables readers can see: every table that has started."""
        return self.exclude(status=TableStatus.SETTING_UP)

    def ticking(self):
        return self.filter(status__in=[TableStatus.SETTING_UP, TableStatus.RUNNING])


class RoundTable(ClusterableModel):
    question = models.CharField(_("question"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, help_text=_("The table's address on the site."))
    framing = models.TextField(
        _("framing"), max_length=4000, help_text=_("Why this question, and how the table works.")
    )
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("facilitator"),
        # Required in the admin; a facilitator who deletes their account leaves the table without one.
        null=True,
        on_delete=models.SET_NULL,
        related_name="facilitated_round_tables",
        help_text=_("A member who keeps the table; facilitators do not speak in turns."),
    )
    starts_at = models.DateTimeField(_("starts at"))
    rounds_total = models.PositiveSmallIntegerField(_("number of rounds"), default=4)
    turn_time = models.DurationField(
        _("time for each turn"),
        default=timedelta(days=7),
        help_text=_("How long a seat has to speak once its turn opens, in every round (e.g. 7 days)."),
    )
    turn_words = models.PositiveSmallIntegerField(
        _("turn length in words"), default=400, help_text=_("The same for every seat.")
    )
    status = models.CharField(max_length=20, choices=TableStatus.choices, default=TableStatus.SETTING_UP)
    current_round = models.PositiveSmallIntegerField(default=0, editable=False)
    paused_at = models.DateTimeField(null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RoundTableQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("round table")
        verbose_name_plural = _("round tables")
        constraints = [
            models.CheckConstraint(
                condition=Q(rounds_total__gte=1, rounds_total__lte=MAX_ROUNDS), name="roundtable_rounds_in_range"
            ),
            models.CheckConstraint(
                condition=Q(turn_words__gte=50, turn_words__lte=3000), name="roundtable_turn_words_in_range"
            ),
            models.CheckConstraint(condition=Q(turn_time__gte=timedelta(hours=1)), name="roundtable_turn_time_hour"),
            models.CheckConstraint(condition=Q(current_round__lte=F("rounds_total")), name="roundtable_round_in_range"),
            models.CheckConstraint(
                condition=Q(status=TableStatus.PAUSED) | Q(paused_at__isnull=True), name="roundtable_paused_when_paused"
            ),
            models.CheckConstraint(
                condition=Q(status=TableStatus.SETTING_UP, current_round=0)
                | (~Q(status=TableStatus.SETTING_UP) & Q(current_round__gte=1)),
                name="roundtable_started_has_round",
            ),
        ]

    def __str__(self):
        return self.question

    def get_absolute_url(self):
        return reverse("roundtables:table", args=[self.slug])

    @property
    def is_open_for_turns(self) -> bool:
        return self.status == TableStatus.RUNNING


class Seat(models.Model):
    table = ParentalKey(RoundTable, on_delete=models.CASCADE, related_name="seats")
    position = models.PositiveSmallIntegerField(_("position"), help_text=_("Where the seat sits at the table."))
    stakeholder = models.CharField(_("stakeholder place"), max_length=20, choices=Stakeholder.choices)
    custom_label = models.CharField(
        _("custom label"), max_length=60, blank=True, help_text=_("Only for “Other”: the place this seat speaks from.")
    )
    invited_email = models.EmailField(
        _("invite by e-mail"), blank=True, help_text=_("The invitation link goes to this address when you save.")
    )
    invitation_token = models.CharField(max_length=64, blank=True, editable=False)
    invited_at = models.DateTimeField(null=True, blank=True, editable=False)
    invitation_sent_to = models.EmailField(blank=True, editable=False)
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="round_table_seats",
    )
    display_name = models.CharField(max_length=60, blank=True, editable=False)
    accepted_at = models.DateTimeField(null=True, blank=True, editable=False)
    consented_to_publication = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["table", "position"]
        verbose_name = _("seat")
        constraints = [
            models.UniqueConstraint(fields=["table", "position"], name="seat_position_unique"),
            models.UniqueConstraint(
                fields=["table", "holder"], condition=Q(holder__isnull=False), name="seat_one_per_member"
            ),
            models.UniqueConstraint(
                fields=["invitation_token"], condition=~Q(invitation_token=""), name="seat_token_unique"
            ),
            models.CheckConstraint(
                condition=~Q(stakeholder=Stakeholder.OTHER) | ~Q(custom_label=""), name="seat_other_has_label"
            ),
            models.CheckConstraint(
                condition=Q(accepted_at__isnull=True) | (~Q(display_name="") & Q(consented_to_publication=True)),
                name="seat_accepted_has_name_and_consent",
            ),
            models.CheckConstraint(
                condition=Q(holder__isnull=True) | Q(accepted_at__isnull=False), name="seat_holder_accepted"
            ),
        ]

    def __str__(self):
        return f"{self.label} ({self.speaker_name})"

    @property
    def label(self) -> str:
        if self.stakeholder == Stakeholder.OTHER:
            return self.custom_label
        return str(self.get_stakeholder_display())

    @property
    def is_former(self) -> bool:
        return self.accepted_at is not None and self.holder_id is None

    @property
    def speaker_name(self) -> str:
        """The seat's voice on the table: the chosen name, never a title or a profile."""
        if self.is_former:
            return _("a former participant (%(seat)s)") % {"seat": self.label}
        if self.accepted_at is None:
            return _("an empty seat")
        return self.display_name


class Round(models.Model):
    table = models.ForeignKey(RoundTable, on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveSmallIntegerField()
    opened_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["table", "number"]
        constraints = [
            models.UniqueConstraint(fields=["table", "number"], name="round_number_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="round_number_positive"),
            models.CheckConstraint(
                condition=Q(closed_at__isnull=True) | Q(closed_at__gte=F("opened_at")), name="round_closes_after_open"
            ),
        ]

    def __str__(self):
        return _("Round %(number)s") % {"number": self.number}

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class TurnStatus(models.TextChoices):
    WAITING = "waiting", _("waiting")
    OPEN = "open", _("turn open")
    SPOKEN = "spoken", _("spoke")
    HELD = "held", _("held for review")
    PASSED = "passed", _("passed")
    MISSED = "missed", _("did not speak")


FINISHED_TURN = [TurnStatus.SPOKEN, TurnStatus.HELD, TurnStatus.PASSED, TurnStatus.MISSED]
WITH_TEXT = [TurnStatus.SPOKEN, TurnStatus.HELD]


class Turn(models.Model):
    """One seat's place in one round: exactly one per seat per round, whatever the seat did with it."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="turns")
    seat = models.ForeignKey(Seat, on_delete=models.CASCADE, related_name="turns")
    order = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=10, choices=TurnStatus.choices, default=TurnStatus.WAITING)
    body = models.TextField(blank=True)
    word_count = models.PositiveIntegerField(default=0)
    word_limit = models.PositiveSmallIntegerField()
    opened_at = models.DateTimeField(null=True, blank=True)
    deadline = models.DateTimeField(null=True, blank=True)
    deadline_warned = models.BooleanField(default=False)
    finished_at = models.DateTimeField(null=True, blank=True)
    held_reason = models.CharField(max_length=500, blank=True)
    rules_reminder = models.BooleanField(default=False)

    class Meta:
        ordering = ["round", "order"]
        constraints = [
            models.UniqueConstraint(fields=["round", "seat"], name="turn_one_per_seat_per_round"),
            models.UniqueConstraint(fields=["round", "order"], name="turn_order_unique"),
            models.UniqueConstraint(
                fields=["round"], condition=Q(status=TurnStatus.OPEN), name="turn_one_open_per_round"
            ),
            models.CheckConstraint(condition=Q(word_count__lte=F("word_limit")), name="turn_within_word_limit"),
            models.CheckConstraint(condition=~Q(status__in=WITH_TEXT) | ~Q(body=""), name="turn_spoken_has_text"),
            models.CheckConstraint(condition=Q(status__in=WITH_TEXT) | Q(body=""), name="turn_silent_has_no_text"),
            models.CheckConstraint(
                condition=~Q(status=TurnStatus.HELD) | ~Q(held_reason=""), name="turn_held_has_reason"
            ),
            models.CheckConstraint(
                condition=~Q(status=TurnStatus.OPEN) | Q(opened_at__isnull=False, deadline__isnull=False),
                name="turn_open_has_deadline",
            ),
        ]

    def __str__(self):
        return f"{self.round}: {self.seat.label}"


class FramingNote(models.Model):
    table = models.ForeignKey(RoundTable, on_delete=models.CASCADE, related_name="notes")
    after_round = models.PositiveSmallIntegerField(help_text="0: before round 1.")
    body = models.TextField(max_length=NOTE_MAX_LENGTH)
    credit = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["table", "after_round", "created_at", "pk"]

    def __str__(self):
        return self.body[:60]


class QuestionStatus(models.TextChoices):
    WAITING = "waiting", _("waiting")
    PUT = "put", _("put to the table")
    SET_ASIDE = "set_aside", _("set aside")


class ObserverQuestion(models.Model):
    table = models.ForeignKey(RoundTable, on_delete=models.CASCADE, related_name="observer_questions")
    asker = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    body = models.TextField(max_length=NOTE_MAX_LENGTH)
    credit_asker = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=QuestionStatus.choices, default=QuestionStatus.WAITING)
    note = models.OneToOneField(FramingNote, null=True, blank=True, on_delete=models.SET_NULL, related_name="question")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=QuestionStatus.PUT) | Q(note__isnull=False), name="question_put_has_note"
            ),
        ]

    def __str__(self):
        return self.body[:60]


class Statement(models.Model):
    table = models.ForeignKey(RoundTable, on_delete=models.CASCADE, related_name="statements")
    round_number = models.PositiveSmallIntegerField()
    proposed_by = models.ForeignKey(Seat, on_delete=models.CASCADE, related_name="+")
    text = models.CharField(max_length=STATEMENT_MAX_LENGTH)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["table", "round_number", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(round_number__gte=2), name="statement_from_round_two"),
            models.CheckConstraint(condition=~Q(text=""), name="statement_has_text"),
            models.UniqueConstraint(fields=["table", "text"], name="statement_text_unique"),
        ]

    def __str__(self):
        return self.text


class MarkChoice(models.TextChoices):
    AGREE = "agree", _("agree")
    DISAGREE = "disagree", _("disagree")
    PASS = "pass", _("pass")


class Mark(models.Model):
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="marks")
    seat = models.ForeignKey(Seat, on_delete=models.CASCADE, related_name="marks")
    choice = models.CharField(max_length=10, choices=MarkChoice.choices)
    reason = models.CharField(max_length=STATEMENT_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["statement", "seat__position"]
        constraints = [
            models.UniqueConstraint(fields=["statement", "seat"], name="mark_one_per_seat"),
            models.CheckConstraint(condition=Q(choice__in=MarkChoice.values), name="mark_choice_valid"),
        ]

    def __str__(self):
        return f"{self.seat.label}: {self.choice}"
