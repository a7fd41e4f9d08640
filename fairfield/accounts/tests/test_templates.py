"""Every account page, allauth's included, is a Fairfield page with forms anyone can fill in."""

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.template.loader import render_to_string
from django.urls import reverse

from fairfield.accounts.forms import ProfileForm
from fairfield.accounts.tests.conftest import log_in, reauthenticate
from fairfield.accounts.tests.factories import PASSWORD, UserFactory
from fairfield.accounts.tests.pages import assert_every_control_is_labelled, controls, parse, parse_fragment

pytestmark = pytest.mark.django_db


def _confirm_email_page(client):
    newcomer = UserFactory(email="new@example.org", verified=False)
    address = EmailAddress.objects.create(user=newcomer, email=newcomer.email, primary=True, verified=False)
    return client.get(reverse("account_confirm_email", args=[EmailConfirmationHMAC(address).key]))


def _reset_from_key_page(client, member):
    url = reverse(
        "account_reset_password_from_key",
        kwargs={"uidb36": user_pk_to_url_str(member), "key": default_token_generator.make_token(member)},
    )
    return client.get(url, follow=True)


def _signed_in(client, user):
    log_in(client, user)
    reauthenticate(client)
    return client


def _with_recovery_codes(client, member):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    member.totp_secret = generate_totp_secret()
    TOTP.activate(member, member.totp_secret)
    RecoveryCodes.activate(member)
    return _signed_in(client, member)


PAGES = {
    "login": lambda client, member: client.get(reverse("account_login")),
    "signup": lambda client, member: client.get(reverse("account_signup")),
    "verification sent": lambda client, member: client.get(reverse("account_email_verification_sent")),
    "confirm e-mail": lambda client, member: _confirm_email_page(client),
    "confirm e-mail with a bad key": lambda client, member: client.get(
        reverse("account_confirm_email", args=["bad-key"])
    ),
    "password reset": lambda client, member: client.get(reverse("account_reset_password")),
    "password reset done": lambda client, member: client.get(reverse("account_reset_password_done")),
    "password reset from key": _reset_from_key_page,
    "password reset from a bad key": lambda client, member: client.get(
        reverse("account_reset_password_from_key", kwargs={"uidb36": "zz", "key": "bad"}), follow=True
    ),
    "password reset from key done": lambda client, member: client.get(reverse("account_reset_password_from_key_done")),
    "inactive account": lambda client, member: client.get(reverse("account_inactive")),
    "logout": lambda client, member: (client.force_login(member), client.get(reverse("account_logout")))[1],
    "e-mail addresses": lambda client, member: (client.force_login(member), client.get(reverse("account_email")))[1],
    "password change": lambda client, member: _signed_in(client, member).get(reverse("account_change_password")),
    "reauthenticate": lambda client, member: (
        client.force_login(member),
        client.get(reverse("account_reauthenticate")),
    )[1],
    "two-factor overview": lambda client, member: (client.force_login(member), client.get(reverse("mfa_index")))[1],
    "activate authenticator app": lambda client, member: _signed_in(client, member).get(reverse("mfa_activate_totp")),
    "two-factor code at login": lambda client, member: (
        _with_recovery_codes(client, member),
        client.post(reverse("account_logout")),
        client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD}),
        client.get(reverse("mfa_authenticate")),
    )[-1],
    "two-factor reauthenticate": lambda client, member: _with_recovery_codes(client, member).get(
        reverse("mfa_reauthenticate")
    ),
    "deactivate authenticator app": lambda client, member: _with_recovery_codes(client, member).get(
        reverse("mfa_deactivate_totp")
    ),
    "recovery codes": lambda client, member: _with_recovery_codes(client, member).get(
        reverse("mfa_view_recovery_codes")
    ),
    "new recovery codes": lambda client, member: _with_recovery_codes(client, member).get(
        reverse("mfa_generate_recovery_codes")
    ),
    "edit profile": lambda client, member: (client.force_login(member), client.get(reverse("accounts:edit_profile")))[
        1
    ],
    "public profile": lambda client, member: client.get(reverse("accounts:profile", args=[member.pseudonym])),
}


@pytest.fixture(params=PAGES, ids=list(PAGES))
def account_page(request, client, member):
    response = PAGES[request.param](client, member)
    assert response.status_code == 200, f"{request.param}: {response.status_code} {response.get('Location')}"
    return parse(response)


def test_every_account_page_is_inside_the_site_layout(account_page):
    assert account_page.find(class_="skip-link") is not None
    assert account_page.find("main", id="main") is not None
    assert account_page.find(class_="site-header") is not None
    assert " ".join(account_page.title.get_text().split()).endswith("· Fairfield")


def test_every_account_page_has_one_main_heading(account_page):
    assert len(account_page.find_all("h1")) == 1
    assert account_page.find("h1").get_text(strip=True)


def test_every_field_on_every_account_page_has_a_label(account_page):
    assert_every_control_is_labelled(account_page)


def test_no_account_page_needs_javascript_or_inline_styles(account_page):
    assert account_page.find("main").find("script") is None
    assert account_page.find(attrs={"style": True}) is None


def test_no_account_page_uses_allauths_own_wording(account_page):
    text = account_page.find("main").get_text(" ")
    for allauth_phrase in ("Sign In", "Sign Up", "Sign Out", "Menu:", "Email Addresses"):
        assert allauth_phrase not in text


def test_every_text_field_says_what_it_holds_for_autofill(account_page):
    typed = [
        control
        for control in controls(account_page)
        if control.name == "input" and control.get("type") in {"text", "email", "password"} and control.get("name")
    ]
    for field in typed:
        assert field.get("autocomplete") in {
            "email",
            "nickname",
            "new-password",
            "current-password",
            "one-time-code",
        }, str(field)


def test_a_field_with_help_points_at_it():
    page = parse_fragment(render_to_string("accounts/includes/form.html", {"form": ProfileForm(member=UserFactory())}))
    pseudonym = page.find(id="id_pseudonym")
    assert pseudonym.get("aria-describedby") == "id_pseudonym_helptext"
    assert page.find(id="id_pseudonym_helptext") is not None
    group = page.find(id="id_relationships").find_parent("fieldset")
    assert group.get("aria-describedby") == "id_relationships_helptext"


def test_a_form_without_errors_has_no_error_summary():
    page = parse_fragment(render_to_string("accounts/includes/form.html", {"form": ProfileForm(member=UserFactory())}))
    assert page.find(class_="error-summary") is None


def test_errors_that_belong_to_no_field_are_listed_and_linked_to_the_first_field(client, member):
    response = client.post(reverse("account_login"), {"login": member.email, "password": "wrong"})
    summary = parse(response).find(class_="error-summary")
    assert summary["role"] == "alert"
    assert summary.find("a")["href"] == "#id_login"
