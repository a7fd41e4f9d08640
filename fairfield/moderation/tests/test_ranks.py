"""Moderators sanction only members below them: on moderators, editors and admins only admins act."""

from datetime import timedelta

import pytest
from django.utils import timezone

from fairfield.accounts.access import may
from fairfield.accounts.roles import Role
from fairfield.accounts.tests.factories import UserFactory
from fairfield.moderation import services
from fairfield.moderation.models import MemberStanding

pytestmark = pytest.mark.django_db


def member_url(member, action):
    return f"/admin/moderation/members/{member.pk}/{action}/"


@pytest.fixture
def other_moderator(db):
    return UserFactory(pseudonym="Merlin", roles=[Role.MEMBER, Role.MODERATOR], totp=True)


ACTIONS = {
    "suspend": lambda: {
        "suspend-until": (timezone.now() + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M"),
        "suspend-reason": "A week off.",
    },
    "ban": lambda: {"ban-reason": "Enough."},
    "premoderate": lambda: {},
}


@pytest.mark.parametrize("action", sorted(ACTIONS))
@pytest.mark.parametrize("target", ["editor", "admin_user", "other_moderator"])
def test_a_moderator_cannot_sanction_staff(client, moderator, request, target, action):
    staff = request.getfixturevalue(target)
    client.force_login(moderator)
    response = client.post(member_url(staff, action), ACTIONS[action]())
    assert response.status_code == 403
    assert "Only an admin" in response.text
    assert not MemberStanding.objects.exists()


@pytest.mark.parametrize("target", ["admin_user", "moderator"])
def test_an_editor_cannot_sanction_staff_either(editor, request, target):
    assert not may(editor, "moderation.member.decide", request.getfixturevalue(target))
    with pytest.raises(services.ModerationRefused):
        services.member_ban(member=request.getfixturevalue(target), moderator=editor, reason="No.")
    assert not MemberStanding.objects.exists()


def test_the_services_refuse_too(moderator, editor):
    with pytest.raises(services.ModerationRefused):
        services.member_suspend(
            member=editor, moderator=moderator, until=timezone.now() + timedelta(days=1), reason="No."
        )
    with pytest.raises(services.ModerationRefused):
        services.member_premoderation_set(member=editor, moderator=moderator, on=True)
    assert not MemberStanding.objects.exists()


def test_a_superuser_counts_as_staff(moderator):
    root = UserFactory(pseudonym="Root", is_superuser=True, is_staff=True)
    assert not may(moderator, "moderation.member.decide", root)


def test_an_admin_acts_on_staff(client, admin_user, editor):
    client.force_login(admin_user)
    response = client.post(member_url(editor, "premoderate"), {})
    assert response.status_code == 302
    assert MemberStanding.objects.get(member=editor).premoderated


def test_moderators_still_act_on_members(moderator, member, contributor, survivor_reviewer):
    for person in (member, contributor, survivor_reviewer):
        assert may(moderator, "moderation.member.decide", person)
