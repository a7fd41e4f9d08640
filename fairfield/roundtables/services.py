"""Every change to a round table goes through here; each rule of the table is enforced in one place.

The rules: one turn per seat per round, of at most the table's turn length (the same for every seat); turns
open in the round's speaking order (survivors first in round 1, rotating after), and a turn whose time runs
out is marked "did not speak" so the next opens; nobody speaks into a paused or closed table or into someone
else's seat; survivors hold at least as many seats as any other group; names carry no titles.
"""

import re
import secrets
import unicodedata
from collections import Counter
from datetime import timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from fairfield.accounts.access import may
from fairfield.audit.services import audit_record
from fairfield.lib.errors import Conflict, NotAllowed, Refusal
from fairfield.lib.events import send_on_commit
from fairfield.notifications.services import notify
from fairfield.roundtables import notification_kinds as kinds
from fairfield.roundtables.actions import RoundTableAction
from fairfield.roundtables.models import (
    FINISHED_TURN,
    MAX_SEATS,
    NOTE_MAX_LENGTH,
    STATEMENT_MAX_LENGTH,
    FramingNote,
    Mark,
    MarkChoice,
    ObserverQuestion,
    QuestionStatus,
    Round,
    RoundTable,
    Seat,
    Stakeholder,
    Statement,
    TableStatus,
    Turn,
    TurnStatus,
)
from fairfield.roundtables.signals import table_changed

INVITATION_VALID_FOR = timedelta(days=21)
DEADLINE_WARNING = timedelta(hours=24)
NAME_MAX_LENGTH = 60


class TurnTooLong(Refusal):
    """A turn over the table's length; the message gives the count."""


class OutOfTurn(Conflict):
    """Posting when the seat's turn is not open: waiting, already taken, past its time, or the table stopped."""


class InvitationInvalid(Refusal):
    status = 404


class InvitationUsed(Conflict):
    pass


class InvitationExpired(Refusal):
    status = 410


class SeatRuleBroken(Refusal):
    """The seats do not keep the table fair (no survivor seat, or another group outnumbers the survivors)."""


# ---------------------------------------------------------------- text


def clean_text(text: str) -> str:
    """NFC, no control characters but line breaks and tabs, no trailing space."""
    text = unicodedata.normalize("NFC", text or "")
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C")
    return text.strip()


def word_count(text: str) -> int:
    return len(re.findall(r"\S+", text))


_TITLE = re.compile(
    r"^(dr|doctor|prof|professor|judge|justice|officer|sgt|sergeant|inspector|constable|pc|det|detective|"
    r"rev|reverend|sir|dame|lord|lady|nurse|sister|matron)\b\.?\s"
    r"|[,\s](md|phd|mbbs|mrcpsych|frcpsych|rmn|rn|kc|qc|dclinpsy|psyd|lpc|lcsw|esq)\.?$",
    re.IGNORECASE,
)


def check_name(name: str) -> str:
    name = clean_text(name)
    if not name:
        raise Refusal(_("Choose a name to be known by at this table."), field="display_name")
    if len(name) > NAME_MAX_LENGTH:
        raise Refusal(_("A table name is at most %(max)s characters.") % {"max": NAME_MAX_LENGTH}, field="display_name")
    if "\n" in name or "\t" in name:
        raise Refusal(_("A table name is one line."), field="display_name")
    if _TITLE.search(name):
        raise Refusal(
            _("Round tables are credential-blind: choose a name without a title, degree or rank."),
            field="display_name",
        )
    return name


# ---------------------------------------------------------------- seats and set-up


def seats_check(stakeholders: list[str]) -> None:
    """At least one survivor seat, and survivors hold at least as many seats as any other group."""
    if len(stakeholders) < 2:
        raise SeatRuleBroken(_("A round table needs at least two seats."))
    if len(stakeholders) > MAX_SEATS:
        raise SeatRuleBroken(_("A round table has at most %(max)s seats.") % {"max": MAX_SEATS})
    counts = Counter(stakeholders)
    survivors = counts.pop(Stakeholder.SURVIVOR, 0)
    if survivors == 0:
        raise SeatRuleBroken(_("A round table needs at least one survivor seat."))
    if counts and max(counts.values()) > survivors:
        raise SeatRuleBroken(
            _("Survivors must hold at least as many seats as any other group: add a survivor seat or remove one.")
        )


def seat_group(seat) -> str:
    """Custom labels are groups of their own, compared case-blind."""
    if seat.stakeholder == Stakeholder.OTHER:
        return "other:" + seat.custom_label.strip().casefold()
    return seat.stakeholder


def table_create(
    *,
    question: str,
    slug: str,
    framing: str,
    facilitator,
    starts_at,
    seats: list[dict],
    rounds_total: int = 4,
    turn_time: timedelta = timedelta(days=7),
    turn_words: int = 400,
    actor=None,
) -> RoundTable:
    """A table with its seats, as the admin makes it; `seats` are dicts of Seat fields."""
    seats_check([seat_group(Seat(**seat)) for seat in seats])
    with transaction.atomic():
        table = RoundTable.objects.create(
            question=question,
            slug=slug,
            framing=framing,
            facilitator=facilitator,
            starts_at=starts_at,
            rounds_total=rounds_total,
            turn_time=turn_time,
            turn_words=turn_words,
        )
        for position, seat in enumerate(seats, start=1):
            Seat.objects.create(table=table, **{"position": position, **seat})
    return table


def seats_invite(*, table: RoundTable, actor=None, now=None) -> int:
    """Send an invitation link to every open seat whose address has not had one yet (a changed address gets a
    fresh link and the old one stops working). Returns how many were sent."""
    now = now or timezone.now()
    sent = 0
    with transaction.atomic():
        for seat in table.seats.select_for_update().filter(accepted_at__isnull=True).exclude(invited_email=""):
            if seat.invitation_sent_to == seat.invited_email:
                continue
            seat.invitation_token = secrets.token_urlsafe(32)
            seat.invited_at = now
            seat.invitation_sent_to = seat.invited_email
            seat.save(update_fields=["invitation_token", "invited_at", "invitation_sent_to"])
            _invitation_mail(seat)
            audit_record(action=RoundTableAction.SEAT_INVITED, actor=actor, obj=table, summary=seat.label)
            sent += 1
    return sent


def _invitation_mail(seat: Seat) -> None:
    table = seat.table
    url = reverse("roundtables:invitation", args=[seat.invitation_token])
    notify(
        email=seat.invited_email,
        kind=kinds.INVITATION,
        subject=_("An invitation to a Fairfield round table: “%(question)s”") % {"question": table.question},
        text=_(
            "You are invited to take the %(seat)s seat at a Fairfield round table on the question "
            "“%(question)s”. A round table is a slow, written conversation in rounds: every seat speaks once "
            "a round, in turn, with the same number of words. Follow the link to read how it works and to "
            "accept the seat under a name of your choosing. The link works once and for %(days)s days."
        )
        % {"seat": seat.label, "question": table.question, "days": INVITATION_VALID_FOR.days},
        url=url,
    )


def invitation_seat(token: str, *, now=None) -> Seat:
    """The seat a link is for, or a refusal that says why the link no longer works."""
    now = now or timezone.now()
    seat = (
        Seat.objects.select_related("table").filter(invitation_token=token).first()
        if token and len(token) <= 64
        else None
    )
    if seat is None:
        raise InvitationInvalid(_("This invitation link is not one of ours, or it was replaced by a newer one."))
    if seat.accepted_at is not None:
        raise InvitationUsed(_("This invitation has already been accepted. Each link works once."))
    if seat.table.status == TableStatus.CLOSED:
        raise InvitationExpired(_("This round table has closed."))
    if seat.invited_at is None or seat.invited_at + INVITATION_VALID_FOR < now:
        raise InvitationExpired(_("This invitation has expired. Ask the facilitator for a new link."))
    return seat


def invitation_accept(*, token: str, user, display_name: str, consent: bool, now=None) -> Seat:
    """Bind the seat to the member under the name they chose for this table."""
    now = now or timezone.now()
    name = check_name(display_name)
    if not consent:
        raise Refusal(
            _("Every seat agrees that its turns are published. Tick the box to take the seat."), field="consent"
        )
    if not user.is_authenticated:
        raise NotAllowed(_("Log in or join to accept the invitation."))
    with transaction.atomic():
        seat = invitation_seat(token, now=now)
        seat = Seat.objects.select_for_update(of=("self",)).select_related("table").get(pk=seat.pk)
        if seat.accepted_at is not None:
            raise InvitationUsed(_("This invitation has already been accepted. Each link works once."))
        table = seat.table
        if table.facilitator_id == user.pk:
            raise NotAllowed(_("Facilitators do not speak in turns, so they cannot take a seat at their own table."))
        if table.seats.filter(holder=user).exists():
            raise Conflict(_("You already hold a seat at this table; one member, one seat."))
        if table.seats.exclude(pk=seat.pk).filter(display_name__iexact=name).exists():
            raise Refusal(_("Another seat at this table already uses that name."), field="display_name")
        seat.holder = user
        seat.display_name = name
        seat.accepted_at = now
        seat.consented_to_publication = True
        seat.invitation_token = ""
        seat.save(
            update_fields=["holder", "display_name", "accepted_at", "consented_to_publication", "invitation_token"]
        )
        audit_record(action=RoundTableAction.SEAT_ACCEPTED, actor=user, obj=table, summary=seat.label)
        send_on_commit(table_changed, sender=RoundTable, table=table)
        if table.starts_at <= now and not table.seats.filter(holder__isnull=True).exists():
            table_start(table=table, now=now)  # the last seat taken after the start time opens the table
    return seat


# ---------------------------------------------------------------- running the table


def speaking_order(seats: list[Seat], round_number: int) -> list[Seat]:
    """Round 1: survivor seats first, then the rest, each by position; every later round rotates by one,
    so each seat opens and closes the table in turn."""
    base = sorted(seats, key=lambda seat: (seat.stakeholder != Stakeholder.SURVIVOR, seat.position))
    if not base:
        return []
    shift = (round_number - 1) % len(base)
    return base[shift:] + base[:shift]


def table_start(*, table: RoundTable, actor=None, now=None) -> RoundTable:
    now = now or timezone.now()
    with transaction.atomic():
        table = RoundTable.objects.select_for_update().get(pk=table.pk)
        if table.status != TableStatus.SETTING_UP:
            raise Conflict(_("This round table has already started."))
        seats = list(table.seats.all())
        seats_check([seat_group(seat) for seat in seats])
        if any(seat.holder_id is None for seat in seats):
            raise Conflict(_("Every seat must be taken before the table starts."))
        table.status = TableStatus.RUNNING
        table.current_round = 1
        table.save(update_fields=["status", "current_round"])
        audit_record(action=RoundTableAction.TABLE_STARTED, actor=actor, obj=table)
        _round_open(table, 1, seats, now)
        send_on_commit(table_changed, sender=RoundTable, table=table)
    return table


def _round_open(table: RoundTable, number: int, seats: list[Seat], now) -> Round:
    round_ = Round.objects.create(table=table, number=number, opened_at=now)
    Turn.objects.bulk_create(
        Turn(round=round_, seat=seat, order=order, word_limit=table.turn_words)
        for order, seat in enumerate(speaking_order(seats, number), start=1)
    )
    _open_next(table, round_, now)
    return round_


def _open_next(table: RoundTable, round_: Round, now) -> Turn | None:
    """Open the first waiting turn of the round, or close the round when none waits."""
    turn = round_.turns.select_related("seat").filter(status=TurnStatus.WAITING).order_by("order").first()
    if turn is None:
        _round_close(table, round_, now)
        return None
    turn.status = TurnStatus.OPEN
    turn.opened_at = now
    turn.deadline = now + table.turn_time
    turn.save(update_fields=["status", "opened_at", "deadline"])
    if turn.seat.holder_id:
        notify(
            user=turn.seat.holder,
            kind=kinds.TURN_OPEN,
            subject=_("Your turn is open at “%(question)s”") % {"question": table.question},
            text=_(
                "Round %(round)s: it is your turn to speak, in up to %(words)s words, or to pass. "
                "Your turn closes on %(deadline)s."
            )
            % {"round": round_.number, "words": table.turn_words, "deadline": _when(turn.deadline)},
            url=reverse("roundtables:table", args=[table.slug]) + "#your-turn",
        )
    return turn


def _when(moment) -> str:
    return timezone.localtime(moment).strftime("%d %B %Y, %H:%M")


def _round_close(table: RoundTable, round_: Round, now) -> None:
    round_.closed_at = now
    round_.save(update_fields=["closed_at"])
    audit_record(action=RoundTableAction.ROUND_CLOSED, obj=table, summary=str(round_))
    holders = [seat.holder for seat in table.seats.select_related("holder") if seat.holder_id]
    if round_.number >= table.rounds_total:
        table.status = TableStatus.CLOSED
        table.closed_at = now
        table.save(update_fields=["status", "closed_at"])
        audit_record(action=RoundTableAction.TABLE_CLOSED, obj=table)
        for person in [*holders, *([table.facilitator] if table.facilitator_id else [])]:
            notify(
                user=person,
                kind=kinds.TABLE_CLOSED,
                subject=_("The round table “%(question)s” has closed") % {"question": table.question},
                text=_("All %(rounds)s rounds are done. The whole transcript and the common ground are published.")
                % {"rounds": table.rounds_total},
                url=table.get_absolute_url(),
            )
        return
    for person in [*holders, *([table.facilitator] if table.facilitator_id else [])]:
        notify(
            user=person,
            kind=kinds.ROUND_ENDED,
            subject=_("Round %(round)s of “%(question)s” has ended")
            % {"round": round_.number, "question": table.question},
            text=_("Every seat has spoken, passed or run out of time. Round %(next)s begins now.")
            % {"next": round_.number + 1},
            url=table.get_absolute_url(),
        )
    table.current_round = round_.number + 1
    table.save(update_fields=["current_round"])
    _round_open(table, round_.number + 1, list(table.seats.all()), now)


def _locked_table(table_id: int) -> RoundTable:
    return RoundTable.objects.select_for_update().get(pk=table_id)


def _open_turn_for(table: RoundTable, seat: Seat, user, now) -> Turn:
    """The seat's open turn in the current round, or a refusal saying why it cannot speak now."""
    if not may(user, "roundtables.seat.speak", seat):
        raise NotAllowed(_("This is not your seat."))
    if table.status == TableStatus.PAUSED:
        raise OutOfTurn(_("The facilitator has paused the table; turns wait until it resumes."))
    if table.status == TableStatus.CLOSED:
        raise OutOfTurn(_("This round table has closed."))
    if table.status != TableStatus.RUNNING:
        raise OutOfTurn(_("This round table has not started yet."))
    turn = (
        Turn.objects.select_for_update(of=("self",))
        .select_related("round", "seat")
        .get(round__table=table, round__number=table.current_round, seat=seat)
    )
    if turn.status == TurnStatus.WAITING:
        raise OutOfTurn(_("It is not your turn yet. You will get an e-mail when it opens."))
    if turn.status == TurnStatus.MISSED:
        raise OutOfTurn(_("Your time for this round ran out, so the turn passed to the next seat."))
    if turn.status in FINISHED_TURN:
        raise OutOfTurn(_("You have already taken your turn in this round; each seat has one turn a round."))
    if turn.deadline <= now:
        raise OutOfTurn(_("Your time for this round has run out."))
    return turn


def _checked_body(body: str, limit: int) -> tuple[str, int]:
    body = clean_text(body)
    if not body:
        raise Refusal(_("Write your turn, or pass if you have nothing to add this round."), field="body")
    words = word_count(body)
    if words > limit or len(body) > limit * 30:
        raise TurnTooLong(
            ngettext(
                "Your turn has %(count)s word; the limit is %(limit)s for every seat.",
                "Your turn has %(count)s words; the limit is %(limit)s for every seat. Your text is kept below.",
                words,
            )
            % {"count": words, "limit": limit},
            field="body",
        )
    return body, words


def turn_post(*, seat: Seat, user, body: str, now=None) -> Turn:
    """Speak in the seat's open turn; the next seat's turn opens."""
    now = now or timezone.now()
    with transaction.atomic():
        table = _locked_table(seat.table_id)
        turn = _open_turn_for(table, seat, user, now)
        turn.body, turn.word_count = _checked_body(body, turn.word_limit)
        turn.status = TurnStatus.SPOKEN
        turn.finished_at = now
        turn.save(update_fields=["body", "word_count", "status", "finished_at"])
        audit_record(action=RoundTableAction.TURN_POSTED, actor=user, obj=table, summary=str(turn))
        _open_next(table, turn.round, now)
        send_on_commit(table_changed, sender=RoundTable, table=table)
    return turn


def turn_pass(*, seat: Seat, user, now=None) -> Turn:
    now = now or timezone.now()
    with transaction.atomic():
        table = _locked_table(seat.table_id)
        turn = _open_turn_for(table, seat, user, now)
        turn.status = TurnStatus.PASSED
        turn.finished_at = now
        turn.save(update_fields=["status", "finished_at"])
        audit_record(action=RoundTableAction.TURN_PASSED, actor=user, obj=table, summary=str(turn))
        _open_next(table, turn.round, now)
        send_on_commit(table_changed, sender=RoundTable, table=table)
    return turn


def tables_tick(*, now=None) -> dict:
    """The clock of every table: start those due, close turns whose time ran out, warn a day ahead."""
    now = now or timezone.now()
    started = missed = warned = 0
    for table_id in RoundTable.objects.filter(status=TableStatus.SETTING_UP, starts_at__lte=now).values_list(
        "pk", flat=True
    ):
        table = RoundTable.objects.get(pk=table_id)
        if not table.seats.filter(holder__isnull=True).exists() and table.seats.exists():
            try:
                table_start(table=table, now=now)
                started += 1
            except Refusal:
                pass
    overdue = Turn.objects.filter(
        status=TurnStatus.OPEN, deadline__lte=now, round__table__status=TableStatus.RUNNING
    ).values_list("pk", flat=True)
    for turn_id in list(overdue):
        missed += _turn_miss(turn_id, now)
    soon = Turn.objects.filter(
        status=TurnStatus.OPEN,
        deadline_warned=False,
        deadline__gt=now,
        deadline__lte=now + DEADLINE_WARNING,
        round__table__status=TableStatus.RUNNING,
        seat__holder__isnull=False,
    ).select_related("seat__holder", "round__table")
    for turn in soon:
        table = turn.round.table
        notify(
            user=turn.seat.holder,
            kind=kinds.DEADLINE_SOON,
            subject=_("Your turn at “%(question)s” closes within a day") % {"question": table.question},
            text=_(
                "Speak or pass before %(deadline)s, or the turn is marked “did not speak” and the next seat's opens."
            )
            % {"deadline": _when(turn.deadline)},
            url=table.get_absolute_url() + "#your-turn",
        )
        Turn.objects.filter(pk=turn.pk).update(deadline_warned=True)
        warned += 1
    return {"started": started, "missed": missed, "warned": warned}


def _turn_miss(turn_id: int, now) -> int:
    with transaction.atomic():
        table_id = Turn.objects.filter(pk=turn_id).values_list("round__table_id", flat=True).first()
        table = _locked_table(table_id)
        turn = Turn.objects.select_for_update(of=("self",)).select_related("round").get(pk=turn_id)
        if turn.status != TurnStatus.OPEN or turn.deadline > now or table.status != TableStatus.RUNNING:
            return 0
        turn.status = TurnStatus.MISSED
        turn.finished_at = now
        turn.save(update_fields=["status", "finished_at"])
        audit_record(action=RoundTableAction.TURN_MISSED, obj=table, summary=str(turn))
        _open_next(table, turn.round, now)
        send_on_commit(table_changed, sender=RoundTable, table=table)
    return 1


# ---------------------------------------------------------------- the facilitator


def _facilitated(table: RoundTable, actor) -> RoundTable:
    if not may(actor, "roundtables.table.facilitate", table):
        raise NotAllowed(_("Only the table's facilitator can do this."))
    return _locked_table(table.pk)


def table_pause(*, table: RoundTable, actor, now=None) -> RoundTable:
    now = now or timezone.now()
    with transaction.atomic():
        table = _facilitated(table, actor)
        if table.status != TableStatus.RUNNING:
            raise Conflict(_("Only a running table can be paused."))
        table.status = TableStatus.PAUSED
        table.paused_at = now
        table.save(update_fields=["status", "paused_at"])
        audit_record(action=RoundTableAction.TABLE_PAUSED, actor=actor, obj=table)
        send_on_commit(table_changed, sender=RoundTable, table=table)
    return table


def table_resume(*, table: RoundTable, actor, now=None) -> RoundTable:
    """The open turn gets back the time the pause took from it."""
    now = now or timezone.now()
    with transaction.atomic():
        table = _facilitated(table, actor)
        if table.status != TableStatus.PAUSED:
            raise Conflict(_("The table is not paused."))
        lost = now - table.paused_at
        for turn in Turn.objects.filter(round__table=table, status=TurnStatus.OPEN):
            turn.deadline += lost
            turn.save(update_fields=["deadline"])
        table.status = TableStatus.RUNNING
        table.paused_at = None
        table.save(update_fields=["status", "paused_at"])
        audit_record(action=RoundTableAction.TABLE_RESUMED, actor=actor, obj=table)
        send_on_commit(table_changed, sender=RoundTable, table=table)
    return table


def _closed_round_count(table: RoundTable) -> int:
    return table.rounds.filter(closed_at__isnull=False).count()


def note_post(*, table: RoundTable, actor, body: str, credit: str = "", now=None) -> FramingNote:
    """A short framing note, placed after the last finished round."""
    now = now or timezone.now()
    body = clean_text(body)
    if not body:
        raise Refusal(_("Write the note first."), field="body")
    if len(body) > NOTE_MAX_LENGTH:
        raise Refusal(
            _("A framing note is short: at most %(max)s characters (this one has %(count)s).")
            % {"max": NOTE_MAX_LENGTH, "count": len(body)},
            field="body",
        )
    with transaction.atomic():
        table = _facilitated(table, actor)
        if table.status == TableStatus.CLOSED:
            raise Conflict(_("This round table has closed."))
        note = FramingNote.objects.create(
            table=table, after_round=_closed_round_count(table), body=body, credit=credit[:150], created_at=now
        )
        audit_record(action=RoundTableAction.NOTE_POSTED, actor=actor, obj=table, summary=body)
        send_on_commit(table_changed, sender=RoundTable, table=table)
    return note


def _turn_for_facilitator(turn: Turn, actor) -> tuple[RoundTable, Turn]:
    table = _facilitated(turn.round.table, actor)
    return table, Turn.objects.select_for_update(of=("self",)).select_related("round", "seat__holder").get(pk=turn.pk)


def turn_hold(*, turn: Turn, actor, reason: str) -> Turn:
    """Take a spoken turn off the table until its writer revises it; they see the reason."""
    reason = clean_text(reason)
    if not reason:
        raise Refusal(_("Say why the turn is held; its writer sees the reason."), field="reason")
    with transaction.atomic():
        table, turn = _turn_for_facilitator(turn, actor)
        if turn.status != TurnStatus.SPOKEN:
            raise Conflict(_("Only a spoken turn can be held."))
        turn.status = TurnStatus.HELD
        turn.held_reason = reason[:500]
        turn.save(update_fields=["status", "held_reason"])
        audit_record(action=RoundTableAction.TURN_HELD, actor=actor, obj=table, summary=str(turn), reason=reason)
        if turn.seat.holder_id:
            notify(
                user=turn.seat.holder,
                kind=kinds.TURN_OPEN,
                subject=_("Your turn at “%(question)s” is held for review") % {"question": table.question},
                text=_("The facilitator held your turn in round %(round)s: %(reason)s You can revise it.")
                % {"round": turn.round.number, "reason": reason},
                url=table.get_absolute_url() + "#your-turn",
            )
        send_on_commit(table_changed, sender=RoundTable, table=table)
    return turn


def turn_revise(*, turn: Turn, user, body: str, now=None) -> Turn:
    """The writer of a held turn revises it; it returns to the table at once, within the same length."""
    with transaction.atomic():
        turn = Turn.objects.select_for_update(of=("self",)).select_related("round__table", "seat").get(pk=turn.pk)
        if not may(user, "roundtables.seat.speak", turn.seat):
            raise NotAllowed(_("This is not your seat."))
        if turn.status != TurnStatus.HELD:
            raise Conflict(_("Only a turn the facilitator held can be revised."))
        if turn.round.table.status == TableStatus.CLOSED:
            raise Conflict(_("This round table has closed."))
        turn.body, turn.word_count = _checked_body(body, turn.word_limit)
        turn.status = TurnStatus.SPOKEN
        turn.held_reason = ""
        turn.save(update_fields=["body", "word_count", "status", "held_reason"])
        audit_record(action=RoundTableAction.TURN_REVISED, actor=user, obj=turn.round.table, summary=str(turn))
        send_on_commit(table_changed, sender=RoundTable, table=turn.round.table)
    return turn


def turn_remind(*, turn: Turn, actor) -> Turn:
    """Mark a turn that leans on authority with the table's rules reminder."""
    with transaction.atomic():
        table, turn = _turn_for_facilitator(turn, actor)
        if turn.status not in (TurnStatus.SPOKEN, TurnStatus.HELD):
            raise Conflict(_("Only a spoken turn can carry the reminder."))
        turn.rules_reminder = True
        turn.save(update_fields=["rules_reminder"])
        audit_record(action=RoundTableAction.TURN_REMINDED, actor=actor, obj=table, summary=str(turn))
        send_on_commit(table_changed, sender=RoundTable, table=table)
    return turn


# ---------------------------------------------------------------- observers


def question_ask(*, table: RoundTable, user, body: str, credit: bool, now=None) -> ObserverQuestion:
    now = now or timezone.now()
    if not may(user, "roundtables.table.ask", table):
        raise NotAllowed(_("Questions come from members watching a running table, not from those at it."))
    body = clean_text(body)
    if not body:
        raise Refusal(_("Write your question first."), field="body")
    if len(body) > NOTE_MAX_LENGTH:
        raise Refusal(
            _("A question is at most %(max)s characters (this one has %(count)s).")
            % {"max": NOTE_MAX_LENGTH, "count": len(body)},
            field="body",
        )
    return ObserverQuestion.objects.create(table=table, asker=user, body=body, credit_asker=credit, created_at=now)


def question_put(*, question: ObserverQuestion, actor, now=None) -> FramingNote:
    """Put an observer's question to the table as a framing note, credited only if they asked for it."""
    with transaction.atomic():
        question = (
            ObserverQuestion.objects.select_for_update(of=("self",))
            .select_related("table", "asker")
            .get(pk=question.pk)
        )
        if question.status != QuestionStatus.WAITING:
            raise Conflict(_("This question was already dealt with."))
        credit = (
            _("A question from %(name)s, an observer") % {"name": question.asker.pseudonym}
            if question.credit_asker and question.asker_id
            else _("A question from an observer")
        )
        note = note_post(table=question.table, actor=actor, body=question.body, credit=credit, now=now)
        question.status = QuestionStatus.PUT
        question.note = note
        question.save(update_fields=["status", "note"])
        audit_record(action=RoundTableAction.QUESTION_PUT, actor=actor, obj=question.table, summary=question.body)
    return note


def question_set_aside(*, question: ObserverQuestion, actor) -> ObserverQuestion:
    with transaction.atomic():
        _facilitated(question.table, actor)
        question = ObserverQuestion.objects.select_for_update().get(pk=question.pk)
        if question.status != QuestionStatus.WAITING:
            raise Conflict(_("This question was already dealt with."))
        question.status = QuestionStatus.SET_ASIDE
        question.save(update_fields=["status"])
    return question


# ---------------------------------------------------------------- common ground


def _seat_of(table: RoundTable, user) -> Seat:
    seat = table.seats.filter(holder=user).first() if user.is_authenticated else None
    if seat is None:
        raise NotAllowed(_("Only those holding a seat at this table can do this."))
    return seat


def statement_propose(*, table: RoundTable, user, text: str, now=None) -> Statement:
    """From round 2 on, a participant puts a short statement to every seat."""
    now = now or timezone.now()
    text = clean_text(text)
    with transaction.atomic():
        table = _locked_table(table.pk)
        seat = _seat_of(table, user)
        if table.status != TableStatus.RUNNING:
            raise Conflict(_("Statements are proposed while the table is running."))
        if table.current_round < 2:
            raise Conflict(_("Statements can be proposed from round 2 on."))
        if not text:
            raise Refusal(_("Write the statement first."), field="text")
        if len(text) > STATEMENT_MAX_LENGTH or "\n" in text:
            raise Refusal(
                _("A statement is one short paragraph of at most %(max)s characters (this one has %(count)s).")
                % {"max": STATEMENT_MAX_LENGTH, "count": len(text)},
                field="text",
            )
        if table.statements.filter(text__iexact=text).exists():
            raise Conflict(_("That statement is already before the table."), field="text")
        statement = Statement.objects.create(
            table=table, round_number=table.current_round, proposed_by=seat, text=text, created_at=now
        )
        audit_record(action=RoundTableAction.STATEMENT_PROPOSED, actor=user, obj=table, summary=text)
    return statement


def statement_mark(*, statement: Statement, user, choice: str, reason: str = "", now=None) -> Mark:
    """A seat's agree / disagree / pass, changeable until the round it was proposed in ends."""
    now = now or timezone.now()
    if choice not in MarkChoice.values:
        raise Refusal(_("Choose agree, disagree or pass."), field="choice")
    reason = clean_text(reason)
    if len(reason) > STATEMENT_MAX_LENGTH:
        raise Refusal(
            _("A reason is at most %(max)s characters (this one has %(count)s).")
            % {"max": STATEMENT_MAX_LENGTH, "count": len(reason)},
            field="reason",
        )
    with transaction.atomic():
        table = _locked_table(statement.table_id)
        seat = _seat_of(table, user)
        if table.status != TableStatus.RUNNING or table.current_round != statement.round_number:
            raise Conflict(_("Marks are made in the round the statement was proposed; that round has ended."))
        mark, _created = Mark.objects.update_or_create(
            statement=statement, seat=seat, defaults={"choice": choice, "reason": reason, "created_at": now}
        )
    return mark
