from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from fairfield.roundtables import services
from fairfield.roundtables.models import Stakeholder, TableStatus, Turn, TurnStatus
from fairfield.roundtables.tests.factories import make_table
from fairfield.roundtables.tests.test_services import open_turn, speak_round

pytestmark = pytest.mark.django_db


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_list_shows_started_tables_only(client):
    make_table(slug="running", question="A running question?", start=True)
    make_table(slug="draft", question="A draft question?")
    html = client.get(reverse("roundtables:list")).content.decode()
    assert "A running question?" in html
    assert "A draft question?" not in html


def test_a_table_being_set_up_is_not_found_by_readers(client, member):
    table, _seats = make_table()
    assert client.get(table.get_absolute_url()).status_code == 404
    assert client_for(member).get(table.get_absolute_url()).status_code == 404
    assert client_for(table.facilitator).get(table.get_absolute_url()).status_code == 200


def test_readers_see_finished_rounds_only_and_no_profile_links(client):
    table, seats = make_table(start=True)
    speak_round(table, text="Finished round words.")
    turn = open_turn(table)
    services.turn_post(seat=turn.seat, user=turn.seat.holder, body="Round two words.")
    html = client.get(table.get_absolute_url()).content.decode()
    assert "Finished round words." in html
    assert "Round two words." not in html
    assert "/members/" not in html
    assert seats[0].holder.pseudonym not in html
    assert "Name 1" in html
    at_table = client_for(seats[1].holder).get(table.get_absolute_url()).content.decode()
    assert "Round two words." in at_table


@pytest.mark.parametrize(("seat_count", "rounds"), [(2, 1), (12, 8)])
def test_the_table_page_takes_a_constant_number_of_queries(client, django_assert_max_num_queries, seat_count, rounds):
    kinds = [Stakeholder.SURVIVOR] * (seat_count // 2) + [Stakeholder.NURSE] * (seat_count - seat_count // 2)
    table, _seats = make_table(stakeholders=kinds, rounds_total=rounds, start=True)
    services.note_post(table=table, actor=table.facilitator, body="An opening note.")
    for _ in range(rounds):
        speak_round(table)
    with django_assert_max_num_queries(12):
        response = client.get(table.get_absolute_url())
    assert response.status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(reverse("roundtables:round", args=[table.slug, rounds])).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(reverse("roundtables:transcript", args=[table.slug])).status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get(reverse("roundtables:list")).status_code == 200


def test_a_participant_s_page_takes_a_constant_number_of_queries(django_assert_max_num_queries):
    table, seats = make_table(stakeholders=[Stakeholder.SURVIVOR] * 6 + [Stakeholder.NURSE] * 6, start=True)
    speak_round(table)
    client = client_for(seats[0].holder)
    client.get(table.get_absolute_url())
    with django_assert_max_num_queries(22):
        assert client.get(table.get_absolute_url()).status_code == 200


def test_the_page_is_cached_for_readers_and_renewed_when_a_round_closes(
    client, django_assert_num_queries, django_capture_on_commit_callbacks, settings
):
    settings.PAGE_CACHE_SECONDS = 300
    table, _seats = make_table(start=True, stakeholders=[Stakeholder.SURVIVOR, Stakeholder.NURSE])
    client.get(table.get_absolute_url())
    with django_assert_num_queries(0):
        assert client.get(table.get_absolute_url()).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        speak_round(table, text="Now readers can see this.")
    assert "Now readers can see this." in client.get(table.get_absolute_url()).content.decode()


def test_speaking_in_turn_posts_and_out_of_turn_is_refused_keeping_the_text():
    table, _seats = make_table(start=True)
    first = open_turn(table)
    url = reverse("roundtables:speak", args=[table.slug])
    waiting = Turn.objects.select_related("seat__holder").get(round__table=table, order=2)
    response = client_for(waiting.seat.holder).post(url, {"body": "My careful words."})
    assert response.status_code == 409
    assert "not your turn yet" in response.content.decode()
    assert "My careful words." in response.content.decode()
    response = client_for(first.seat.holder).post(url, {"body": "First words."})
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.status == TurnStatus.SPOKEN


def test_a_turn_too_long_is_refused_with_the_count_and_the_text_kept():
    table, _seats = make_table(start=True, turn_words=50)
    first = open_turn(table)
    text = "longword " * 60
    response = client_for(first.seat.holder).post(reverse("roundtables:speak", args=[table.slug]), {"body": text})
    html = response.content.decode()
    assert response.status_code == 400
    assert "60 words; the limit is 50" in html
    assert text.strip() in html


def test_a_member_without_a_seat_cannot_speak(member, client):
    table, _seats = make_table(start=True)
    url = reverse("roundtables:speak", args=[table.slug])
    assert client_for(member).post(url, {"body": "Let me in."}).status_code == 403
    assert client.post(url, {"body": "Anonymous."}).status_code == 302  # to the log-in page
    assert not Turn.objects.filter(body__in=["Let me in.", "Anonymous."]).exists()


def test_only_the_facilitator_reaches_the_tools(member):
    table, seats = make_table(start=True)
    url = reverse("roundtables:facilitate", args=[table.slug])
    assert client_for(member).post(url, {"action": "pause"}).status_code == 404
    assert client_for(seats[0].holder).post(url, {"action": "pause"}).status_code == 404
    assert client_for(table.facilitator).post(url, {"action": "pause"}).status_code == 302
    table.refresh_from_db()
    assert table.status == TableStatus.PAUSED


def test_the_facilitator_holds_a_turn_and_the_writer_sees_the_reason_and_revises():
    table, _seats = make_table(start=True)
    first = open_turn(table)
    services.turn_post(seat=first.seat, user=first.seat.holder, body="It names my neighbour.")
    facilitator = client_for(table.facilitator)
    response = facilitator.post(
        reverse("roundtables:facilitate", args=[table.slug]),
        {"action": "hold", "turn": first.pk, "reason": "It names a private individual."},
    )
    assert response.status_code == 302
    writer = client_for(first.seat.holder)
    assert "It names a private individual." in writer.get(table.get_absolute_url()).content.decode()
    writer.post(reverse("roundtables:revise", args=[table.slug, first.pk]), {"body": "It names nobody."})
    first.refresh_from_db()
    assert first.status == TurnStatus.SPOKEN and first.body == "It names nobody."


def test_invitation_pages(client, member):
    table, seats = make_table()
    seat = seats[0]
    from fairfield.roundtables.models import Seat

    Seat.objects.filter(pk=seat.pk).update(
        holder=None, accepted_at=None, display_name="", invited_email="new@example.org"
    )
    services.seats_invite(table=table)
    seat.refresh_from_db()
    url = reverse("roundtables:invitation", args=[seat.invitation_token])
    anonymous = client.get(url)
    assert anonymous.status_code == 200 and "Log in to accept" in anonymous.content.decode()
    refused = client_for(member).post(url, {"display_name": "Dr Who", "consent": "on"})
    assert refused.status_code == 400 and "Dr Who" in refused.content.decode()
    accepted = client_for(member).post(url, {"display_name": "Wren", "consent": "on"})
    assert accepted.status_code == 302
    table.refresh_from_db()
    assert table.status == TableStatus.RUNNING  # the last seat was taken after the start time
    again = client_for(member).get(url)
    assert again.status_code == 404 and "not one of ours" in again.content.decode()
    assert client.get(reverse("roundtables:invitation", args=["x" * 500])).status_code == 404


def test_an_expired_invitation_gives_a_clear_page(client, member):
    _table, seats = make_table()
    from fairfield.roundtables.models import Seat

    Seat.objects.filter(pk=seats[0].pk).update(
        holder=None,
        accepted_at=None,
        display_name="",
        invitation_token="tok",
        invited_at=timezone.now() - timedelta(days=30),
    )
    response = client_for(member).get(reverse("roundtables:invitation", args=["tok"]))
    assert response.status_code == 410
    assert "expired" in response.content.decode()


def test_statements_are_marked_hidden_and_then_shown_as_common_ground_or_open_questions(client):
    table, seats = make_table(start=True, stakeholders=[Stakeholder.SURVIVOR, Stakeholder.NURSE])
    speak_round(table)
    proposer = client_for(seats[0].holder)
    proposer.post(reverse("roundtables:propose", args=[table.slug]), {"text": "Restraint harms everyone."})
    proposer.post(reverse("roundtables:propose", args=[table.slug]), {"text": "Wards are safe places."})
    agreed, split = table.statements.order_by("pk")
    for seat in seats:
        client_for(seat.holder).post(reverse("roundtables:mark", args=[table.slug, agreed.pk]), {"choice": "agree"})
    client_for(seats[0].holder).post(
        reverse("roundtables:mark", args=[table.slug, split.pk]), {"choice": "disagree", "reason": "Not for us."}
    )
    client_for(seats[1].holder).post(reverse("roundtables:mark", args=[table.slug, split.pk]), {"choice": "agree"})
    assert "Not for us." not in client_for(seats[1].holder).get(table.get_absolute_url()).content.decode()
    speak_round(table)
    html = client.get(table.get_absolute_url()).content.decode()
    common = html.split('id="common-heading"')[1].split('id="open-heading"')[0]
    assert "Restraint harms everyone." in common
    assert "Wards are safe places." in html.split('id="open-heading"')[1]
    assert "Not for us." in html


def test_an_observer_asks_and_the_facilitator_puts_the_question(member, client):
    table, _seats = make_table(start=True)
    client_for(member).post(
        reverse("roundtables:ask", args=[table.slug]), {"body": "What about advance statements?", "credit": "on"}
    )
    question = table.observer_questions.get()
    client_for(table.facilitator).post(
        reverse("roundtables:facilitate", args=[table.slug]), {"action": "put", "question": question.pk}
    )
    html = client_for(table.facilitator).get(table.get_absolute_url()).content.decode()
    assert "What about advance statements?" in html
    assert "A question from Wren, an observer" in html


def test_the_feed_lists_tables(client):
    make_table(start=True, question="A feed question?")
    assert "A feed question?" in client.get(reverse("roundtables:feed")).content.decode()


def test_a_round_not_yet_finished_is_not_found_by_readers(client):
    table, _seats = make_table(start=True)
    assert client.get(reverse("roundtables:round", args=[table.slug, 1])).status_code == 404


def test_people_without_the_seat_cannot_revise_propose_or_mark(member):
    table, seats = make_table(start=True)
    speak_round(table)
    first = open_turn(table)
    services.turn_post(seat=first.seat, user=first.seat.holder, body="Held words.")
    services.turn_hold(turn=first, actor=table.facilitator, reason="Names a neighbour.")
    statement = services.statement_propose(table=table, user=seats[0].holder, text="A shared thought.")
    outsider = client_for(member)
    response = outsider.post(reverse("roundtables:revise", args=[table.slug, first.pk]), {"body": "Hijacked."})
    assert response.status_code == 403
    assert outsider.post(reverse("roundtables:propose", args=[table.slug]), {"text": "Outsider."}).status_code == 403
    response = outsider.post(reverse("roundtables:mark", args=[table.slug, statement.pk]), {"choice": "agree"})
    assert response.status_code == 403
    assert not statement.marks.exists()
    first.refresh_from_db()
    assert first.body == "Held words." and first.status == TurnStatus.HELD
    assert "Names a neighbour." not in outsider.get(table.get_absolute_url()).content.decode()


def test_a_seat_holder_cannot_ask_the_facilitator_as_an_observer():
    table, seats = make_table(start=True)
    response = client_for(seats[0].holder).post(reverse("roundtables:ask", args=[table.slug]), {"body": "Me?"})
    assert response.status_code == 403
    assert not table.observer_questions.exists()


def test_a_former_participant_is_shown_by_seat_only(client):
    table, _seats = make_table(start=True)
    first = open_turn(table)
    services.turn_post(seat=first.seat, user=first.seat.holder, body="Words that outlive the account.")
    speak_round(table)
    first.seat.holder.delete()
    html = client.get(table.get_absolute_url()).content.decode()
    assert "a former participant (Survivor)" in html
    assert "Words that outlive the account." in html


def test_the_tick_command_queues_the_clock():
    from io import StringIO

    from django.core.management import call_command

    table, _seats = make_table(start=False, starts_at=timezone.now() - timedelta(minutes=1))
    out = StringIO()
    call_command("roundtables_tick", stdout=out)
    assert "Queued" in out.getvalue()
    table.refresh_from_db()
    assert table.status == TableStatus.RUNNING
