import pytest
from django.urls import reverse

from fairfield.notifications.models import Notification
from fairfield.roundtables.models import RoundTable

pytestmark = pytest.mark.django_db


def _form(facilitator, seats):
    data = {
        "question": "Who holds the keys?",
        "slug": "keys",
        "framing": "Locked doors, from both sides.",
        "facilitator": facilitator.pk,
        "starts_at": "2030-01-01 10:00",
        "rounds_total": 4,
        "turn_time": "7 00:00:00",
        "turn_words": 400,
        "seats-TOTAL_FORMS": len(seats),
        "seats-INITIAL_FORMS": 0,
        "seats-MIN_NUM_FORMS": 2,
        "seats-MAX_NUM_FORMS": 16,
    }
    for index, (kind, email) in enumerate(seats):
        data |= {
            f"seats-{index}-position": index + 1,
            f"seats-{index}-stakeholder": kind,
            f"seats-{index}-custom_label": "",
            f"seats-{index}-invited_email": email,
            f"seats-{index}-ORDER": index + 1,
            f"seats-{index}-DELETE": "",
            f"seats-{index}-id": "",
        }
    return data


def test_an_editor_sets_up_a_table_and_the_invitations_go_out(client, editor, member):
    client.force_login(editor)
    url = reverse("wagtailsnippets_roundtables_roundtable:add")
    response = client.post(url, _form(member, [("survivor", "a@example.org"), ("police", "b@example.org")]))
    assert response.status_code == 302, response.content.decode()[:3000]
    table = RoundTable.objects.get(slug="keys")
    assert table.seats.count() == 2
    assert Notification.objects.filter(kind="roundtables.invitation").count() == 2


def test_the_admin_refuses_seats_that_outnumber_the_survivors(client, editor, member):
    client.force_login(editor)
    url = reverse("wagtailsnippets_roundtables_roundtable:add")
    seats = [("survivor", "a@example.org"), ("police", "b@example.org"), ("police", "c@example.org")]
    response = client.post(url, _form(member, seats))
    assert response.status_code == 200
    assert "Survivors must hold at least as many seats" in response.content.decode()
    assert not RoundTable.objects.exists()


def test_members_cannot_reach_the_round_table_admin(client, member):
    client.force_login(member)
    response = client.get(reverse("wagtailsnippets_roundtables_roundtable:add"))
    assert response.status_code in (302, 403)
