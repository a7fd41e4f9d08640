import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from fairfield.accounts.models import User
from fairfield.accounts.roles import Role, has_role
from fairfield.accounts.tests.pages import (
    assert_every_control_is_labelled,
    emailed_link,
    main_text,
    parse,
)

pytestmark = pytest.mark.django_db

SIGNUP = reverse("account_signup")
NEWCOMER = {
    "email": "sorrel@example.org",
    "pseudonym": "Sorrel",
    "password1": "a long and unusual passphrase",
    "password2": "a long and unusual passphrase",
}


def test_the_signup_page_asks_for_email_pseudonym_and_password_and_never_a_real_name(client):
    response = client.get(SIGNUP)
    page = parse(response)
    assert response.status_code == 200
    names = [control.get("name") for control in page.find("main").find_all(["input", "textarea", "select"])]
    assert [name for name in names if name not in {"csrfmiddlewaretoken", "next"}] == [
        "email",
        "pseudonym",
        "password1",
        "password2",
    ]
    assert "first_name" not in response.content.decode()
    assert "real name" in main_text(response)
    assert_every_control_is_labelled(page)


def test_the_signup_fields_tell_browsers_and_password_managers_what_they_are(client):
    page = parse(client.get(SIGNUP))
    autocomplete = {name: page.find(attrs={"name": name}).get("autocomplete") for name in NEWCOMER}
    assert autocomplete == {
        "email": "email",
        "pseudonym": "nickname",
        "password1": "new-password",
        "password2": "new-password",
    }
    assert page.find(attrs={"name": "email"})["type"] == "email"


def test_the_signup_page_is_part_of_the_site(client):
    page = parse(client.get(SIGNUP))
    assert page.find(class_="skip-link") is not None
    assert page.title.get_text().strip().endswith("· Fairfield")
    assert len(page.find_all("h1")) == 1


def test_signing_up_makes_an_unconfirmed_account_and_sends_a_confirmation_link(client):
    response = client.post(SIGNUP, NEWCOMER)
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    newcomer = User.objects.get(email="sorrel@example.org")
    assert newcomer.pseudonym == "Sorrel"
    assert (newcomer.first_name, newcomer.last_name) == ("", "")
    assert not EmailAddress.objects.get(user=newcomer).verified
    assert not has_role(newcomer, Role.MEMBER)
    assert emailed_link("/accounts/confirm-email/", to="sorrel@example.org")
    assert "Sorrel" in mail.outbox[-1].body


def test_the_verification_sent_page_says_to_check_the_mailbox(client):
    response = client.post(SIGNUP, NEWCOMER, follow=True)
    assert "Check your e-mail" in main_text(response)


def test_confirming_the_address_makes_a_member_and_logs_them_in(client):
    client.post(SIGNUP, NEWCOMER)
    link = emailed_link("/accounts/confirm-email/")

    page = client.get(link)
    assert page.status_code == 200
    assert "sorrel@example.org" in main_text(page)
    assert "Sorrel" in main_text(page)

    response = client.post(link)
    assert response.status_code == 302
    newcomer = User.objects.get(email="sorrel@example.org")
    assert EmailAddress.objects.get(user=newcomer).verified
    assert has_role(newcomer, Role.MEMBER)
    assert client.get(reverse("accounts:edit_profile")).status_code == 200


def test_an_unconfirmed_member_cannot_log_in_yet(client):
    client.post(SIGNUP, NEWCOMER)
    response = client.post(reverse("account_login"), {"login": "sorrel@example.org", "password": NEWCOMER["password1"]})
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert client.get(reverse("accounts:edit_profile")).status_code == 302


def test_an_expired_or_wrong_confirmation_link_says_so(client):
    response = client.get(reverse("account_confirm_email", args=["not-a-real-key"]))
    assert response.status_code == 404 or "expired or is not valid" in main_text(response)


def test_a_password_like_the_pseudonym_is_refused(client):
    response = client.post(SIGNUP, {**NEWCOMER, "pseudonym": "Marigold Sunshine", "password1": "marigoldsunshine"})
    assert response.status_code == 200
    assert "too similar" in " ".join(response.context["form"].errors["password1"])
    assert not User.objects.exists()


def test_the_signup_form_is_offered_to_logged_in_members_as_a_redirect(client, member):
    client.force_login(member)
    assert client.get(SIGNUP).status_code == 302
