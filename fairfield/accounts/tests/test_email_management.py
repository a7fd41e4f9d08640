import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from fairfield.accounts.tests.pages import assert_every_control_is_labelled, emailed_link, main_text, parse

pytestmark = pytest.mark.django_db

EMAIL = reverse("account_email")


def test_the_email_page_shows_the_members_own_address_only(client, member, other_member):
    client.force_login(member)
    response = client.get(EMAIL)
    text = main_text(response)
    assert "wren@example.org" in text
    assert "alder@example.org" not in response.content.decode()
    assert_every_control_is_labelled(parse(response))


def test_the_email_page_needs_a_login(client):
    assert client.get(EMAIL).url.startswith(reverse("account_login"))


def test_a_member_adds_an_address_and_confirms_it(client, member):
    client.force_login(member)
    response = client.post(EMAIL, {"action_add": "", "email": "wren.new@example.org"})
    assert response.status_code == 302
    added = EmailAddress.objects.get(email="wren.new@example.org")
    assert not added.verified
    client.post(emailed_link("/accounts/confirm-email/", to="wren.new@example.org"))
    added.refresh_from_db()
    assert added.verified


def test_adding_an_address_twice_says_it_is_already_there(client, member):
    client.force_login(member)
    response = client.post(EMAIL, {"action_add": "", "email": "WREN@example.org"})
    assert response.status_code == 200
    assert "already part of your account" in main_text(response)


def test_adding_another_members_address_does_not_reveal_that_it_is_taken(client, member, other_member):
    client.force_login(member)
    taken = client.post(EMAIL, {"action_add": "", "email": "alder@example.org"})
    free = client.post(EMAIL, {"action_add": "", "email": "nobody-yet@example.org"})
    assert taken.status_code == free.status_code == 302
    assert not EmailAddress.objects.filter(user=member, email="alder@example.org", verified=True).exists()
