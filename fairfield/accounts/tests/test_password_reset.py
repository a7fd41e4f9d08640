import pytest
from django.urls import reverse

from fairfield.accounts.tests.factories import PASSWORD
from fairfield.accounts.tests.pages import assert_every_control_is_labelled, emailed_link, main_text, parse

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a brand new long passphrase"


def _reset_link(client, member):
    client.post(reverse("account_reset_password"), {"email": member.email})
    return emailed_link("/accounts/password/reset/key/", to=member.email)


def test_the_reset_page_asks_for_the_email_address(client):
    page = parse(client.get(reverse("account_reset_password")))
    assert_every_control_is_labelled(page)
    assert page.find(attrs={"name": "email"}).get("autocomplete") == "email"


def test_a_member_chooses_a_new_password_through_the_emailed_link(client, member):
    link = _reset_link(client, member)
    form_page = client.get(link, follow=True)
    page = parse(form_page)
    assert_every_control_is_labelled(page)
    assert page.find(attrs={"name": "password1"}).get("autocomplete") == "new-password"

    response = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else link,
        {
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 302
    assert response.url == reverse("account_reset_password_from_key_done")
    assert "Your password is changed" in main_text(client.get(response.url))

    member.refresh_from_db()
    assert member.check_password(NEW_PASSWORD)
    assert not member.check_password(PASSWORD)


def test_mismatched_new_passwords_are_refused_and_not_shown_again(client, member):
    link = _reset_link(client, member)
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    response = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD + "!"})
    assert response.status_code == 200
    assert NEW_PASSWORD not in response.content.decode()
    member.refresh_from_db()
    assert member.check_password(PASSWORD)


def test_a_reset_link_works_only_once(client, member):
    link = _reset_link(client, member)
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    client.logout()
    again = client.get(link, follow=True)
    assert "This link no longer works" in main_text(again)


def test_a_made_up_reset_link_says_it_does_not_work(client, member):
    response = client.get(
        reverse("account_reset_password_from_key", kwargs={"uidb36": "zz", "key": "made-up"}), follow=True
    )
    assert "This link no longer works" in main_text(response)


def test_a_member_changes_their_password_by_giving_the_current_one(client, member):
    client.force_login(member)
    wrong = client.post(
        reverse("account_change_password"),
        {"oldpassword": "not it", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert "not your current password" in main_text(wrong)
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password(NEW_PASSWORD)
