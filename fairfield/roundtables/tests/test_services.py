from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from fairfield.accounts.roles import Role
from fairfield.accounts.tests.factories import UserFactory
from fairfield.audit.models import AuditEntry
from fairfield.lib.errors import Conflict, NotAllowed, Refusal
from fairfield.notifications.models import Notification
from fairfield.roundtables import services
from fairfield.roundtables.models import (
    Mark,
    MarkChoice,
    Round,
    Seat,
    Stakeholder,
    TableStatus,
    Turn,
    TurnStatus,
)
from fairfield.roundtables.services import OutOfTurn, SeatRuleBroken, TurnTooLong
from fairfield.roundtables.tests.factories import make_table

pytestmark = pytest.mark.django_db

NOW = timezone.now().replace(microsecond=0)


def open_turn(table):
    return Turn.objects.select_related("seat").get(
        round__table=table, round__number=table.current_round, status=TurnStatus.OPEN
    )


def speak_round(table, now=None, text="I have something to say."):
    """Every seat of the current round speaks in order."""
    now = now or timezone.now()
    number = table.current_round
    while True:
        table.refresh_from_db()
        if table.current_round != number or table.status != TableStatus.RUNNING:
            return
        turn = open_turn(table)
        services.turn_post(seat=turn.seat, user=turn.seat.holder, body=text, now=now)


# ---------------------------------------------------------------- seats


def test_a_table_without_a_survivor_seat_is_refused():
    with pytest.raises(SeatRuleBroken):
        services.seats_check([Stakeholder.PSYCHIATRIST, Stakeholder.POLICE])


def test_a_group_may_not_outnumber_the_survivors():
    with pytest.raises(SeatRuleBroken):
        services.seats_check([Stakeholder.SURVIVOR, Stakeholder.NURSE, Stakeholder.NURSE])
    services.seats_check([Stakeholder.SURVIVOR, Stakeholder.SURVIVOR, Stakeholder.NURSE, Stakeholder.NURSE])


def test_custom_labels_count_as_one_group_whatever_their_case():
    seats = [
        Seat(stakeholder=Stakeholder.SURVIVOR),
        Seat(stakeholder=Stakeholder.OTHER, custom_label="Chaplain"),
        Seat(stakeholder=Stakeholder.OTHER, custom_label="chaplain "),
    ]
    with pytest.raises(SeatRuleBroken):
        services.seats_check([services.seat_group(seat) for seat in seats])


@given(st.lists(st.sampled_from(Stakeholder.values), min_size=2, max_size=16))
@settings(max_examples=200, deadline=None)
def test_the_seat_rule_holds_for_any_mix(stakeholders):
    survivors = stakeholders.count(Stakeholder.SURVIVOR)
    others = [stakeholders.count(group) for group in set(stakeholders) - {Stakeholder.SURVIVOR}]
    fair = survivors >= 1 and all(count <= survivors for count in others)
    try:
        services.seats_check(stakeholders)
    except SeatRuleBroken:
        assert not fair
    else:
        assert fair


def test_table_create_keeps_the_seat_rule(member):
    with pytest.raises(SeatRuleBroken):
        services.table_create(
            question="Q",
            slug="q",
            framing="F",
            facilitator=member,
            starts_at=NOW,
            seats=[{"stakeholder": Stakeholder.SURVIVOR}, {"stakeholder": Stakeholder.POLICE}] * 1
            + [{"stakeholder": Stakeholder.POLICE}],
        )


def test_the_database_refuses_an_other_seat_without_a_label():
    table, _seats = make_table()
    with pytest.raises(IntegrityError), transaction.atomic():
        Seat.objects.create(table=table, position=9, stakeholder=Stakeholder.OTHER)


# ---------------------------------------------------------------- order


def _seats(kinds):
    return [Seat(pk=index + 1, position=index + 1, stakeholder=kind) for index, kind in enumerate(kinds)]


def test_survivors_speak_first_in_round_one():
    seats = _seats([Stakeholder.POLICE, Stakeholder.SURVIVOR, Stakeholder.NURSE, Stakeholder.SURVIVOR])
    order = services.speaking_order(seats, 1)
    assert [seat.position for seat in order] == [2, 4, 1, 3]


@given(st.lists(st.sampled_from(Stakeholder.values), min_size=1, max_size=16))
@settings(max_examples=100, deadline=None)
def test_every_seat_opens_and_closes_once_in_as_many_rounds_as_seats(kinds):
    seats = _seats(kinds)
    orders = [services.speaking_order(seats, number) for number in range(1, len(seats) + 1)]
    assert sorted(order[0].pk for order in orders) == sorted(seat.pk for seat in seats)
    assert sorted(order[-1].pk for order in orders) == sorted(seat.pk for seat in seats)
    assert all(sorted(s.pk for s in order) == sorted(s.pk for s in seats) for order in orders)


def test_the_table_starts_with_the_first_survivor_s_turn_open():
    table, seats = make_table(start=True, now=NOW)
    assert table.status == TableStatus.RUNNING
    assert table.current_round == 1
    assert open_turn(table).seat == seats[0]
    assert Turn.objects.filter(round__table=table).count() == 4
    orders = list(Turn.objects.filter(round__table=table).order_by("order").values_list("seat__stakeholder", flat=True))
    assert orders[:2] == [Stakeholder.SURVIVOR, Stakeholder.SURVIVOR]
    assert Notification.objects.filter(user=seats[0].holder, kind="roundtables.turn_open").exists()


def test_a_table_with_an_empty_seat_does_not_start():
    table, seats = make_table()
    Seat.objects.filter(pk=seats[1].pk).update(holder=None, accepted_at=None, display_name="")
    with pytest.raises(Conflict):
        services.table_start(table=table, now=NOW)


# ---------------------------------------------------------------- turns


def test_posting_opens_the_next_seat_s_turn():
    table, _seats = make_table(start=True, now=NOW)
    first = open_turn(table)
    services.turn_post(seat=first.seat, user=first.seat.holder, body="Words from the first seat.", now=NOW)
    second = open_turn(table)
    assert second.order == 2
    first.refresh_from_db()
    assert first.status == TurnStatus.SPOKEN
    assert first.word_count == 5
    assert AuditEntry.objects.filter(action="roundtables.turn.posted").count() == 1


def test_a_seat_cannot_speak_twice_in_a_round():
    table, _seats = make_table(start=True, now=NOW)
    first = open_turn(table)
    services.turn_post(seat=first.seat, user=first.seat.holder, body="Once.", now=NOW)
    with pytest.raises(OutOfTurn, match="already"):
        services.turn_post(seat=first.seat, user=first.seat.holder, body="Twice.", now=NOW)


def test_the_database_refuses_a_second_turn_for_a_seat_in_a_round():
    table, seats = make_table(start=True, now=NOW)
    round_ = Round.objects.get(table=table, number=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Turn.objects.create(round=round_, seat=seats[0], order=99, word_limit=400)


def test_the_database_refuses_two_open_turns_in_a_round():
    table, _seats = make_table(start=True, now=NOW)
    waiting = Turn.objects.filter(round__table=table, status=TurnStatus.WAITING).first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Turn.objects.filter(pk=waiting.pk).update(status=TurnStatus.OPEN, opened_at=NOW, deadline=NOW)


def test_a_seat_cannot_speak_out_of_order():
    table, _seats = make_table(start=True, now=NOW)
    waiting = Turn.objects.select_related("seat").filter(round__table=table, status=TurnStatus.WAITING).first()
    with pytest.raises(OutOfTurn, match="not your turn"):
        services.turn_post(seat=waiting.seat, user=waiting.seat.holder, body="Me first.", now=NOW)
    assert Turn.objects.get(pk=waiting.pk).body == ""


def test_nobody_speaks_in_someone_else_s_seat(other_member):
    table, _seats = make_table(start=True, now=NOW)
    turn = open_turn(table)
    with pytest.raises(NotAllowed):
        services.turn_post(seat=turn.seat, user=other_member, body="Not mine.", now=NOW)
    with pytest.raises(NotAllowed):
        services.turn_post(seat=turn.seat, user=table.facilitator, body="The facilitator does not speak.", now=NOW)


def test_a_turn_over_the_length_is_refused_with_its_count_and_nothing_is_saved():
    table, _seats = make_table(start=True, now=NOW, turn_words=50)
    turn = open_turn(table)
    with pytest.raises(TurnTooLong, match="51 words; the limit is 50"):
        services.turn_post(seat=turn.seat, user=turn.seat.holder, body="word " * 51, now=NOW)
    turn.refresh_from_db()
    assert turn.status == TurnStatus.OPEN and turn.body == ""
    services.turn_post(seat=turn.seat, user=turn.seat.holder, body="word " * 50, now=NOW)


def test_the_database_keeps_the_word_limit():
    table, _seats = make_table(start=True, now=NOW)
    turn = open_turn(table)
    with pytest.raises(IntegrityError), transaction.atomic():
        Turn.objects.filter(pk=turn.pk).update(status=TurnStatus.SPOKEN, body="x", word_count=401)


@pytest.mark.parametrize("body", ["", "   \n\t ", "\x00\x01"])
def test_an_empty_turn_is_refused(body):
    table, _seats = make_table(start=True, now=NOW)
    turn = open_turn(table)
    with pytest.raises(Refusal, match="pass"):
        services.turn_post(seat=turn.seat, user=turn.seat.holder, body=body, now=NOW)


def test_odd_unicode_is_kept_and_counted_sensibly():
    table, _seats = make_table(start=True, now=NOW)
    turn = open_turn(table)
    posted = services.turn_post(seat=turn.seat, user=turn.seat.holder, body="Cafe\u0301 ‮ 我们 🌿\u200b", now=NOW)
    assert posted.body.startswith("Café")
    assert "\u202e" not in posted.body
    assert posted.word_count == 3


def test_a_seat_may_pass():
    table, _seats = make_table(start=True, now=NOW)
    turn = open_turn(table)
    services.turn_pass(seat=turn.seat, user=turn.seat.holder, now=NOW)
    turn.refresh_from_db()
    assert turn.status == TurnStatus.PASSED
    assert open_turn(table).order == 2


def test_when_every_seat_has_had_its_turn_the_next_round_opens_rotated():
    table, _seats = make_table(start=True, now=NOW)
    first_order = list(Turn.objects.filter(round__number=1, round__table=table).values_list("seat_id", flat=True))
    speak_round(table, now=NOW)
    table.refresh_from_db()
    assert table.current_round == 2
    assert Round.objects.get(table=table, number=1).closed_at == NOW
    second_order = list(Turn.objects.filter(round__number=2, round__table=table).values_list("seat_id", flat=True))
    assert second_order == first_order[1:] + first_order[:1]
    assert Notification.objects.filter(kind="roundtables.round_ended").count() == 5


def test_the_table_closes_after_its_last_round_and_then_refuses_turns():
    table, seats = make_table(start=True, now=NOW, rounds_total=2)
    speak_round(table)
    speak_round(table)
    table.refresh_from_db()
    assert table.status == TableStatus.CLOSED
    assert Notification.objects.filter(kind="roundtables.table_closed").count() == 5
    with pytest.raises(OutOfTurn, match="closed"):
        services.turn_post(seat=seats[0], user=seats[0].holder, body="After the end.", now=NOW)


# ---------------------------------------------------------------- the clock


def test_a_turn_whose_time_runs_out_is_marked_did_not_speak_and_the_next_opens():
    table, _seats = make_table(start=True, now=NOW)
    turn = open_turn(table)
    assert services.tables_tick(now=NOW + timedelta(days=6, hours=23))["missed"] == 0
    assert services.tables_tick(now=NOW + timedelta(days=7))["missed"] == 1
    turn.refresh_from_db()
    assert turn.status == TurnStatus.MISSED
    nxt = open_turn(table)
    assert nxt.order == 2 and nxt.deadline == NOW + timedelta(days=14)


def test_a_turn_cannot_be_posted_after_its_deadline_even_before_the_tick():
    table, _seats = make_table(start=True, now=NOW)
    turn = open_turn(table)
    with pytest.raises(OutOfTurn, match="run out"):
        services.turn_post(seat=turn.seat, user=turn.seat.holder, body="Late.", now=NOW + timedelta(days=8))
    services.tables_tick(now=NOW + timedelta(days=8))
    with pytest.raises(OutOfTurn, match="ran out"):
        services.turn_post(seat=turn.seat, user=turn.seat.holder, body="Late.", now=NOW + timedelta(days=8))


def test_the_deadline_warning_goes_once_a_day_ahead():
    _table, seats = make_table(start=True, now=NOW)
    assert services.tables_tick(now=NOW + timedelta(days=5))["warned"] == 0
    assert services.tables_tick(now=NOW + timedelta(days=6, hours=1))["warned"] == 1
    assert services.tables_tick(now=NOW + timedelta(days=6, hours=2))["warned"] == 0
    assert Notification.objects.filter(kind="roundtables.deadline_soon", user=seats[0].holder).count() == 1


def test_the_tick_starts_a_table_whose_seats_are_taken_when_it_is_due():
    table, _seats = make_table(now=NOW, starts_at=NOW + timedelta(days=1))
    assert services.tables_tick(now=NOW)["started"] == 0
    assert services.tables_tick(now=NOW + timedelta(days=1))["started"] == 1
    table.refresh_from_db()
    assert table.status == TableStatus.RUNNING


# ---------------------------------------------------------------- the facilitator


def test_a_paused_table_refuses_turns_and_the_clock_stops():
    table, _seats = make_table(start=True, now=NOW)
    turn = open_turn(table)
    services.table_pause(table=table, actor=table.facilitator, now=NOW + timedelta(days=1))
    with pytest.raises(OutOfTurn, match="paused"):
        services.turn_post(seat=turn.seat, user=turn.seat.holder, body="Hello.", now=NOW + timedelta(days=2))
    assert services.tables_tick(now=NOW + timedelta(days=10))["missed"] == 0
    services.table_resume(table=table, actor=table.facilitator, now=NOW + timedelta(days=3))
    turn.refresh_from_db()
    assert turn.deadline == NOW + timedelta(days=9)


def test_only_the_facilitator_pauses(other_member):
    table, seats = make_table(start=True, now=NOW)
    for person in (other_member, seats[0].holder):
        with pytest.raises(NotAllowed):
            services.table_pause(table=table, actor=person, now=NOW)


def test_a_held_turn_is_revised_by_its_writer_within_the_same_length():
    table, seats = make_table(start=True, now=NOW, turn_words=50)
    turn = open_turn(table)
    services.turn_post(seat=turn.seat, user=turn.seat.holder, body="It names Jane Doe of Elm Street.", now=NOW)
    with pytest.raises(Refusal):
        services.turn_hold(turn=turn, actor=table.facilitator, reason="")
    with pytest.raises(NotAllowed):
        services.turn_hold(turn=turn, actor=seats[1].holder, reason="Names a person.")
    services.turn_hold(turn=turn, actor=table.facilitator, reason="It names a private individual.")
    turn.refresh_from_db()
    assert turn.status == TurnStatus.HELD and turn.held_reason
    with pytest.raises(NotAllowed):
        services.turn_revise(turn=turn, user=seats[1].holder, body="Mine now.")
    with pytest.raises(TurnTooLong):
        services.turn_revise(turn=turn, user=turn.seat.holder, body="word " * 51)
    services.turn_revise(turn=turn, user=turn.seat.holder, body="It names nobody now.")
    turn.refresh_from_db()
    assert turn.status == TurnStatus.SPOKEN and turn.held_reason == ""
    with pytest.raises(Conflict):
        services.turn_revise(turn=turn, user=turn.seat.holder, body="Again.")


def test_the_facilitator_marks_a_turn_with_the_rules_reminder():
    table, _seats = make_table(start=True, now=NOW)
    turn = open_turn(table)
    services.turn_post(seat=turn.seat, user=turn.seat.holder, body="As a consultant I know best.", now=NOW)
    services.turn_remind(turn=turn, actor=table.facilitator)
    turn.refresh_from_db()
    assert turn.rules_reminder


def test_framing_notes_sit_after_the_last_finished_round():
    table, _seats = make_table(start=True, now=NOW)
    assert services.note_post(table=table, actor=table.facilitator, body="Welcome.", now=NOW).after_round == 0
    speak_round(table)
    assert services.note_post(table=table, actor=table.facilitator, body="Round two.", now=NOW).after_round == 1
    with pytest.raises(Refusal, match="at most"):
        services.note_post(table=table, actor=table.facilitator, body="x" * 1501, now=NOW)


def test_an_observer_question_is_put_to_the_table_credited_only_if_asked(other_member):
    table, seats = make_table(start=True, now=NOW)
    quiet = services.question_ask(table=table, user=other_member, body="What of advance statements?", credit=False)
    named = services.question_ask(table=table, user=other_member, body="Who pays?", credit=True)
    assert services.question_put(question=quiet, actor=table.facilitator).credit == "A question from an observer"
    assert "Alder" in services.question_put(question=named, actor=table.facilitator).credit
    with pytest.raises(Conflict):
        services.question_put(question=named, actor=table.facilitator)
    with pytest.raises(NotAllowed):
        services.question_ask(table=table, user=seats[0].holder, body="I sit here.", credit=False)


# ---------------------------------------------------------------- common ground


def test_statements_start_in_round_two_and_marks_stay_in_their_round():
    table, seats = make_table(start=True, now=NOW)
    with pytest.raises(Conflict, match="round 2"):
        services.statement_propose(table=table, user=seats[0].holder, text="We agree.")
    speak_round(table)
    table.refresh_from_db()
    statement = services.statement_propose(table=table, user=seats[0].holder, text="Nobody should be restrained.")
    with pytest.raises(NotAllowed):
        services.statement_propose(table=table, user=table.facilitator, text="Facilitators stay out.")
    with pytest.raises(Conflict):
        services.statement_propose(table=table, user=seats[1].holder, text="nobody should be restrained.")
    with pytest.raises(Refusal, match="at most 280"):
        services.statement_propose(table=table, user=seats[1].holder, text="x" * 281)
    services.statement_mark(statement=statement, user=seats[0].holder, choice=MarkChoice.AGREE)
    services.statement_mark(statement=statement, user=seats[0].holder, choice=MarkChoice.DISAGREE, reason="Changed.")
    assert Mark.objects.get(statement=statement, seat=seats[0]).choice == MarkChoice.DISAGREE
    with pytest.raises(Refusal):
        services.statement_mark(statement=statement, user=seats[0].holder, choice="maybe")
    speak_round(table)
    with pytest.raises(Conflict, match="ended"):
        services.statement_mark(statement=statement, user=seats[1].holder, choice=MarkChoice.AGREE)


# ---------------------------------------------------------------- invitations


@pytest.fixture
def invited(db):
    facilitator = UserFactory(pseudonym="Odette", roles=[Role.MEMBER])
    table = services.table_create(
        question="Q?",
        slug="q",
        framing="F",
        facilitator=facilitator,
        starts_at=NOW,
        seats=[
            {"stakeholder": Stakeholder.SURVIVOR, "invited_email": "a@example.org"},
            {"stakeholder": Stakeholder.LAW, "invited_email": "b@example.org"},
        ],
    )
    assert services.seats_invite(table=table, now=NOW) == 2
    assert services.seats_invite(table=table, now=NOW) == 0
    return table


def test_an_invitation_is_mailed_with_a_link(invited):
    mails = Notification.objects.filter(kind="roundtables.invitation")
    assert sorted(mails.values_list("email", flat=True)) == ["a@example.org", "b@example.org"]
    seat = invited.seats.get(position=1)
    assert seat.invitation_token in mails.get(email="a@example.org").url


def test_accepting_binds_the_seat_under_the_chosen_name_once(invited, member, other_member):
    seat = invited.seats.get(position=1)
    token = seat.invitation_token
    services.invitation_accept(token=token, user=member, display_name="  River ", consent=True, now=NOW)
    seat.refresh_from_db()
    assert seat.holder == member and seat.display_name == "River"
    with pytest.raises(services.InvitationInvalid):
        services.invitation_accept(token=token, user=other_member, display_name="Other", consent=True, now=NOW)


def test_one_member_holds_one_seat(invited, member):
    first, second = invited.seats.order_by("position")
    services.invitation_accept(token=first.invitation_token, user=member, display_name="River", consent=True, now=NOW)
    with pytest.raises(Conflict):
        services.invitation_accept(
            token=second.invitation_token, user=member, display_name="Rain", consent=True, now=NOW
        )


def test_an_expired_invitation_is_refused(invited, member):
    seat = invited.seats.get(position=1)
    with pytest.raises(services.InvitationExpired):
        services.invitation_accept(
            token=seat.invitation_token, user=member, display_name="River", consent=True, now=NOW + timedelta(days=22)
        )


def test_the_facilitator_cannot_take_a_seat(invited):
    seat = invited.seats.get(position=1)
    with pytest.raises(NotAllowed):
        services.invitation_accept(
            token=seat.invitation_token, user=invited.facilitator, display_name="F", consent=True
        )


@pytest.mark.parametrize("name", ["Dr Ash", "Prof. Lane", "Judge Hale", "Ash Lane, MD", "Sam Reed PhD", "Officer Kay"])
def test_names_with_titles_are_refused(invited, member, name):
    seat = invited.seats.get(position=1)
    with pytest.raises(Refusal, match="credential-blind"):
        services.invitation_accept(token=seat.invitation_token, user=member, display_name=name, consent=True)
    seat.refresh_from_db()
    assert seat.holder is None


def test_consent_to_publication_is_required(invited, member):
    seat = invited.seats.get(position=1)
    with pytest.raises(Refusal, match="published"):
        services.invitation_accept(token=seat.invitation_token, user=member, display_name="River", consent=False)


def test_a_participant_who_deletes_their_account_becomes_a_former_participant():
    table, _seats = make_table(start=True, now=NOW)
    turn = open_turn(table)
    services.turn_post(seat=turn.seat, user=turn.seat.holder, body="My words stay.", now=NOW)
    turn.seat.holder.delete()
    seat = Seat.objects.get(pk=turn.seat.pk)
    assert seat.speaker_name == "a former participant (Survivor)"
    assert Turn.objects.get(pk=turn.pk).body == "My words stay."
