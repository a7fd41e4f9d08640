import pytest
from django.urls import reverse

from fairfield.accounts.models import User
from fairfield.accounts.roles import Role

pytestmark = pytest.mark.django_db

NEW_MEMBER = {
    "pseudonym": "Sorrel",
    "email": "sorrel@example.org",
    "password1": "a long and unusual passphrase",
    "password2": "a long and unusual passphrase",
}


def _members_group_id():
    from django.contrib.auth.models import Group

    return Group.objects.get(name=Role.MEMBER).pk


def test_admin_creates_a_member_in_wagtail_without_any_real_name(client, admin_user):
    client.force_login(admin_user)
    response = client.post(reverse("wagtailusers_users:add"), {**NEW_MEMBER, "groups": [_members_group_id()]})
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    created = User.objects.get(email="sorrel@example.org")
    assert created.pseudonym == "Sorrel"
    assert (created.first_name, created.last_name) == ("", "")
    assert created.groups.filter(name=Role.MEMBER).exists()


def test_wagtail_refuses_a_pseudonym_that_only_differs_in_width_and_case(client, admin_user, member):
    client.force_login(admin_user)
    response = client.post(reverse("wagtailusers_users:add"), {**NEW_MEMBER, "pseudonym": "ＷＲＥＮ"})
    assert response.status_code == 200
    assert "already uses that pseudonym" in str(response.context["form"].errors["pseudonym"])
    assert not User.objects.filter(email="sorrel@example.org").exists()


def test_wagtail_user_management_is_closed_to_editors(client, editor):
    client.force_login(editor)
    response = client.get(reverse("wagtailusers_users:add"))
    assert response.status_code in {302, 403}
    assert not User.objects.filter(email="sorrel@example.org").exists()
