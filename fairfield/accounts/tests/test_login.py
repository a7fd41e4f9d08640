import pytest
from django.urls import reverse

from fairfield.accounts.tests.conftest import log_in
from fairfield.accounts.tests.factories import PASSWORD, UserFactory
from fairfield.accounts.tests.pages import assert_every_control_is_labelled, main_text, parse

pytestmark = pytest.mark.django_db

LOGIN = reverse("account_login")
LOGOUT = reverse("account_logout")


def test_the_login_page_labels_its_fields_and_names_them_for_password_managers(client):
    page = parse(client.get(LOGIN))
    assert_every_control_is_labelled(page)
    assert page.find(attrs={"name": "login"}).get("autocomplete") == "email"
    assert page.find(attrs={"name": "password"}).get("autocomplete") == "current-password"
    assert page.find("a", href=reverse("account_reset_password")) is not None
    assert page.find("a", href=reverse("account_signup")) is not None


def test_the_login_page_uses_fairfields_words_with_the_fairfield_forms(client):
    page = parse(client.get(LOGIN))
    assert page.find("label", attrs={"for": "id_login"}).get_text(strip=True) == "E-mail address"
    assert page.find(attrs={"name": "login"}).get("placeholder") is None


def test_a_member_logs_in_with_email_and_password(client, member):
    response = log_in(client, member)
    assert response.status_code == 302
    assert response.url == "/"
    assert client.get(reverse("accounts:edit_profile")).status_code == 200


def test_the_email_address_is_not_case_sensitive_at_login(client, member):
    response = client.post(LOGIN, {"login": "WREN@Example.org", "password": PASSWORD})
    assert response.status_code == 302


def test_a_wrong_password_keeps_the_member_out_and_says_why(client, member):
    response = client.post(LOGIN, {"login": member.email, "password": "not it"})
    assert response.status_code == 200
    assert "do not match an account" in main_text(response)
    assert client.get(reverse("accounts:edit_profile")).status_code == 302


def test_an_inactive_member_cannot_log_in(client):
    suspended = UserFactory(email="gone@example.org", is_active=False)
    response = client.post(LOGIN, {"login": suspended.email, "password": PASSWORD})
    assert client.get(reverse("accounts:edit_profile")).status_code == 302
    assert response.status_code in {200, 302}


def test_login_returns_to_the_page_that_asked_for_it(client, member):
    response = client.post(
        f"{LOGIN}?next=/members/me/", {"login": member.email, "password": PASSWORD, "next": "/members/me/"}
    )
    assert response.url == "/members/me/"


def test_login_never_returns_to_another_site(client, member):
    response = client.post(LOGIN, {"login": member.email, "password": PASSWORD, "next": "https://evil.example/"})
    assert response.url == "/"


def test_logout_asks_first_and_then_logs_out(client, member):
    client.force_login(member)
    confirm = client.get(LOGOUT)
    assert confirm.status_code == 200
    assert "Do you want to log out" in main_text(confirm)
    assert client.get(reverse("accounts:edit_profile")).status_code == 200

    response = client.post(LOGOUT)
    assert response.status_code == 302
    assert client.get(reverse("accounts:edit_profile")).status_code == 302


def test_a_moderator_with_two_factor_is_asked_for_a_code_after_the_password(client, moderator):
    response = client.post(LOGIN, {"login": moderator.email, "password": PASSWORD})
    assert response.url == reverse("mfa_authenticate")
    page = parse(client.get(response.url))
    assert page.find(attrs={"name": "code"}).get("autocomplete") == "one-time-code"
    assert client.get(reverse("accounts:edit_profile")).status_code == 302


def test_a_wrong_code_keeps_the_moderator_out(client, moderator):
    client.post(LOGIN, {"login": moderator.email, "password": PASSWORD})
    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert response.status_code == 200
    assert "code is not right" in main_text(response)
    assert client.get(reverse("accounts:edit_profile")).status_code == 302


def test_the_right_code_lets_the_moderator_in(client, moderator):
    response = log_in(client, moderator)
    assert response.status_code == 302
    assert client.get(reverse("accounts:edit_profile")).status_code == 200


def test_too_many_log_ins_get_a_styled_page_that_says_to_wait(client, member, settings):
    settings.ACCOUNT_RATE_LIMITS = {"login": "3/m/ip"}
    for _attempt in range(5):
        response = client.post("/accounts/login/", {"login": member.email, "password": "not the password"})
        if response.status_code == 429:
            break
    assert response.status_code == 429
    page = response.content.decode()
    assert "Please wait a moment" in page
    assert "Too Many Requests" not in page
    assert 'rel="stylesheet"' in page
