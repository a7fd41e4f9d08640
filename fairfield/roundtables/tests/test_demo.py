import pytest
from django.utils import timezone

from fairfield.roundtables import demo
from fairfield.roundtables.models import RoundTable, TableStatus, Turn, TurnStatus

pytestmark = pytest.mark.django_db


def test_the_demo_loads_a_finished_table_and_one_running_in_round_two(client):
    assert "one finished" in demo.demo_load()
    finished = RoundTable.objects.get(slug=demo.FINISHED["slug"])
    running = RoundTable.objects.get(slug=demo.RUNNING["slug"])
    assert finished.status == TableStatus.CLOSED
    assert running.status == TableStatus.RUNNING and running.current_round == 2
    open_turn = Turn.objects.get(round__table=running, status=TurnStatus.OPEN)
    assert open_turn.deadline > timezone.now() + timezone.timedelta(days=6)
    html = client.get(finished.get_absolute_url()).content.decode()
    common = html.split('id="common-heading"')[1].split('id="open-heading"')[0]
    assert "asked what they need" in common
    assert "Police officers should not be the first response" in html.split('id="open-heading"')[1]
    assert "did not speak" in html.lower() or "Did not speak" in html
    assert "already there" in demo.demo_load()
