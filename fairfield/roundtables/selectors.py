"""Reads of round tables that pages reuse; each does a fixed number of queries, whatever the table's size."""

import math
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.http import Http404

from fairfield.accounts.access import may
from fairfield.roundtables.models import (
    FramingNote,
    Mark,
    MarkChoice,
    ObserverQuestion,
    QuestionStatus,
    RoundTable,
    Seat,
    Statement,
    TableStatus,
    Turn,
    TurnStatus,
)


def tables_public():
    return (
        RoundTable.objects.public().annotate(seat_count=Count("seats", distinct=True)).order_by("status", "-starts_at")
    )


def table_for(user, slug: str) -> RoundTable:
    table = RoundTable.objects.select_related("facilitator").filter(slug=slug).first()
    if table is None or not may(user, "roundtables.table.view", table):
        raise Http404
    return table


def seats_of(table: RoundTable) -> list[Seat]:
    return list(Seat.objects.filter(table=table).order_by("position"))


def seat_held_by(seats: list[Seat], user) -> Seat | None:
    if not user.is_authenticated:
        return None
    return next((seat for seat in seats if seat.holder_id == user.pk), None)


def readable_rounds(table: RoundTable, *, at_the_table: bool) -> int:
    """How many rounds a person may read: finished ones, and the current one for those at the table."""
    if table.status == TableStatus.SETTING_UP:
        return 0
    if table.status == TableStatus.CLOSED or at_the_table:
        return table.current_round
    return table.current_round - 1


@dataclass
class RoundView:
    number: int
    closed: bool
    turns: list = field(default_factory=list)
    notes: list = field(default_factory=list)


def transcript(table: RoundTable, seats: list[Seat], *, through: int, only: int | None = None) -> list[RoundView]:
    """The rounds up to `through`, each turn in speaking order with its seat, and the framing notes."""
    by_id = {seat.pk: seat for seat in seats}
    turns = Turn.objects.filter(round__table=table, round__number__lte=through).select_related("round")
    notes = FramingNote.objects.filter(table=table, after_round__lt=through + 1)
    if only is not None:
        turns = turns.filter(round__number=only)
        notes = notes.filter(after_round=only - 1)
    rounds: dict[int, RoundView] = {}
    for turn in turns.order_by("round__number", "order"):
        turn.seat = by_id[turn.seat_id]
        view = rounds.setdefault(turn.round.number, RoundView(turn.round.number, turn.round.is_closed))
        view.turns.append(turn)
    opening = RoundView(0, True)
    for note in notes:
        if note.after_round == 0:
            opening.notes.append(note)
        elif note.after_round in rounds:
            rounds[note.after_round].notes.append(note)
    ordered = [rounds[number] for number in sorted(rounds)]
    return [opening, *ordered] if opening.notes else ordered


def current_turns(table: RoundTable, seats: list[Seat]) -> list[Turn]:
    if table.current_round == 0:
        return []
    by_id = {seat.pk: seat for seat in seats}
    turns = list(Turn.objects.filter(round__table=table, round__number=table.current_round).order_by("order"))
    for turn in turns:
        turn.seat = by_id[turn.seat_id]
    return turns


@dataclass
class PictureSeat:
    seat: Seat
    status: str
    status_label: str
    x: float
    y: float
    label_x: float
    label_y: float
    anchor: str


def table_picture(seats: list[Seat], turns: list[Turn]) -> list[PictureSeat]:
    """The seats around a circle, each with what it did in this round, for the SVG and its list twin."""
    by_seat = {turn.seat_id: turn for turn in turns}
    count = max(len(seats), 1)
    picture = []
    for index, seat in enumerate(seats):
        angle = -math.pi / 2 + 2 * math.pi * index / count
        turn = by_seat.get(seat.pk)
        status = turn.status if turn else ""
        label = turn.get_status_display() if turn else ""
        if status == TurnStatus.HELD:
            status, label = TurnStatus.SPOKEN, TurnStatus.SPOKEN.label
        x, y = 150 + 95 * math.cos(angle), 150 + 95 * math.sin(angle)
        cos = math.cos(angle)
        picture.append(
            PictureSeat(
                seat=seat,
                status=status,
                status_label=str(label),
                x=round(x, 1),
                y=round(y, 1),
                label_x=round(150 + 128 * cos, 1),
                label_y=round(150 + 128 * math.sin(angle) + 4, 1),
                anchor="middle" if abs(cos) < 0.3 else ("start" if cos > 0 else "end"),
            )
        )
    return picture


@dataclass
class StatementView:
    statement: Statement
    marks: list
    agreed_by_all: bool


def statements_decided(table: RoundTable, seats: list[Seat]) -> tuple[list[StatementView], list[StatementView]]:
    """Common ground (every seat agreed) and open questions, for statements whose round has ended."""
    closed_through = table.current_round if table.status == TableStatus.CLOSED else table.current_round - 1
    by_id = {seat.pk: seat for seat in seats}
    statements = list(
        Statement.objects.filter(table=table, round_number__lte=closed_through).order_by("round_number", "pk")
    )
    marks_by_statement: dict[int, list[Mark]] = {}
    for mark in Mark.objects.filter(statement__in=[s.pk for s in statements]).order_by("seat__position"):
        mark.seat = by_id[mark.seat_id]
        marks_by_statement.setdefault(mark.statement_id, []).append(mark)
    common, open_ = [], []
    for statement in statements:
        statement.proposed_by = by_id[statement.proposed_by_id]
        marks = marks_by_statement.get(statement.pk, [])
        agreed = len(marks) == len(seats) and all(mark.choice == MarkChoice.AGREE for mark in marks)
        (common if agreed else open_).append(StatementView(statement, marks, agreed))
    return common, open_


def statements_to_mark(table: RoundTable, seat: Seat | None) -> list[tuple[Statement, Mark | None]]:
    """The statements of the current round with the seat's own mark (others' marks stay hidden)."""
    if seat is None or table.status != TableStatus.RUNNING:
        return []
    statements = list(Statement.objects.filter(table=table, round_number=table.current_round).order_by("pk"))
    mine = {mark.statement_id: mark for mark in Mark.objects.filter(seat=seat, statement__in=statements)}
    return [(statement, mine.get(statement.pk)) for statement in statements]


def questions_waiting(table: RoundTable):
    return ObserverQuestion.objects.filter(table=table, status=QuestionStatus.WAITING).select_related("asker")


def held_turns_of(seat: Seat | None) -> list[Turn]:
    if seat is None:
        return []
    return list(Turn.objects.filter(seat=seat, status=TurnStatus.HELD).select_related("round"))


def tables_facilitated_by(user):
    if not user.is_authenticated:
        return RoundTable.objects.none()
    return RoundTable.objects.filter(Q(facilitator=user))
