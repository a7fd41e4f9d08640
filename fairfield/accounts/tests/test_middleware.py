import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from fairfield.accounts.roles import Role
from fairfield.accounts.tests.conftest import log_in, reauthenticate
from fairfield.accounts.tests.factories import PASSWORD, UserFactory, totp_code
from fairfield.accounts.tests.pages import parse

pytestmark = pytest.mark.django_db

SET_UP_TOTP = f"{reverse('mfa_activate_totp')}?required=1"


@pytest.fixture
def editor_without_totp():
    return UserFactory(pseudonym="Plover", email="plover@example.org", roles=[Role.MEMBER, Role.EDITOR])


@pytest.mark.parametrize("path", ["/admin/", "/", "/members/me/", "/accounts/email/", "/accounts/password/change/"])
def test_an_editor_without_two_factor_is_sent_to_set_it_up(client, editor_without_totp, path):
    client.force_login(editor_without_totp)
    response = client.get(path)
    assert response.status_code == 302
    assert response.url == SET_UP_TOTP


@pytest.mark.parametrize("role", [Role.MODERATOR, Role.ADMIN])
def test_moderators_and_admins_without_two_factor_are_sent_to_set_it_up(client, role):
    client.force_login(UserFactory(roles=[Role.MEMBER, role]))
    assert client.get("/admin/").url == SET_UP_TOTP


def test_an_editor_with_two_factor_reaches_the_admin(client, editor):
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize("persona", ["member", "contributor", "survivor_reviewer"])
def test_members_contributors_and_reviewers_are_not_asked_for_two_factor(client, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/members/me/").status_code == 200


def test_readers_are_not_affected(client):
    assert client.get("/members/me/").url.startswith(reverse("account_login"))


def test_an_editor_without_two_factor_can_still_log_out(client, editor_without_totp):
    client.force_login(editor_without_totp)
    assert client.get(reverse("account_logout")).status_code == 200
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert response.url != SET_UP_TOTP
    assert "_auth_user_id" not in client.session


def test_the_set_up_page_asks_for_the_password_again_and_then_shows_the_key(client, editor_without_totp):
    log_in(client, editor_without_totp)
    response = client.get(SET_UP_TOTP)
    assert response.url.startswith(reverse("account_reauthenticate"))
    assert client.get(response.url).status_code == 200
    reauthenticate(client)
    response = client.get(SET_UP_TOTP)
    assert response.status_code == 200
    assert parse(response).find(id="totp-secret") is not None


def test_logging_in_an_editor_without_two_factor_leads_to_the_set_up_page(client, editor_without_totp):
    response = client.post(reverse("account_login"), {"login": editor_without_totp.email, "password": PASSWORD})
    assert client.get(response.url).url == SET_UP_TOTP


def test_an_editor_who_turns_two_factor_on_then_reaches_the_admin_and_is_asked_for_codes(client, editor_without_totp):
    log_in(client, editor_without_totp)
    reauthenticate(client)
    page = parse(client.get(SET_UP_TOTP))
    secret = page.find(id="totp-secret").get_text(strip=True)
    assert "needs a second factor" in page.find("main").get_text()

    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=editor_without_totp, type=Authenticator.Type.TOTP).exists()
    assert client.get("/admin/").status_code == 200

    client.post(reverse("account_logout"))
    response = client.post(reverse("account_login"), {"login": editor_without_totp.email, "password": PASSWORD})
    assert response.url == reverse("mfa_authenticate")
    assert client.get("/admin/").status_code == 302
    editor_without_totp.totp_secret = secret
    client.cookies.clear()
    log_in(client, editor_without_totp)
    assert client.get("/admin/").status_code == 200


def test_staff_cannot_turn_two_factor_off(client, editor):
    log_in(client, editor)
    reauthenticate(client)
    response = client.post(reverse("mfa_deactivate_totp"))
    assert response.status_code == 200
    assert "must keep two-factor authentication on" in response.content.decode()
    assert Authenticator.objects.filter(user=editor, type=Authenticator.Type.TOTP).exists()


def test_a_member_may_turn_two_factor_off(client, member):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    member.totp_secret = generate_totp_secret()
    TOTP.activate(member, member.totp_secret)
    log_in(client, member)
    reauthenticate(client)
    response = client.post(reverse("mfa_deactivate_totp"))
    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=member, type=Authenticator.Type.TOTP).exists()


@pytest.mark.parametrize("path", ["/admin/", "/admin/moderation/", "/admin/pages/", "/admin/login/"])
def test_a_member_at_the_admin_is_told_it_is_for_staff_instead_of_sent_round_in_circles(client, member, path):
    client.force_login(member)
    response = client.get(path)
    assert response.status_code == 403
    assert "The admin is for staff" in response.content.decode()


def test_a_member_following_the_redirects_from_the_admin_never_loops(client, member):
    client.force_login(member)
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403
    assert response.redirect_chain == []


def test_a_reader_at_the_admin_is_still_asked_to_log_in(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
