"""Nobody can learn from Fairfield's answers whether an e-mail address belongs to a member."""

import pytest
from django.core import mail
from django.urls import reverse

from fairfield.accounts.models import User
from fairfield.accounts.tests.pages import main_text

pytestmark = pytest.mark.django_db

KNOWN = "wren@example.org"
UNKNOWN = "nobody-here@example.org"


def _same_answer(first, second, first_address, second_address):
    assert first.status_code == second.status_code
    assert first.get("Location") == second.get("Location")
    first_text = main_text(first).replace(first_address, "<address>")
    second_text = main_text(second).replace(second_address, "<address>")
    assert first_text == second_text


def _signup(client, email, pseudonym):
    data = {
        "email": email,
        "pseudonym": pseudonym,
        "password1": "a long and unusual passphrase",
        "password2": "a long and unusual passphrase",
    }
    return client.post(reverse("account_signup"), data, follow=True)


def test_signing_up_with_a_members_address_looks_like_signing_up_with_a_new_one(client, member):
    with_known = _signup(client, KNOWN, "Sorrel")
    client.logout()
    with_unknown = _signup(client, UNKNOWN, "Bramble")
    _same_answer(with_known, with_unknown, KNOWN, UNKNOWN)
    assert not User.objects.filter(pseudonym="Sorrel").exists()
    assert User.objects.filter(pseudonym="Bramble").exists()


def test_signing_up_with_a_members_address_tells_the_member_by_email_only(client, member):
    _signup(client, KNOWN.upper(), "Sorrel")
    assert [message.to for message in mail.outbox] == [[KNOWN]]
    assert "already belongs to a Fairfield account" in mail.outbox[0].body


def test_a_failed_login_reads_the_same_for_known_and_unknown_addresses(client, member):
    login = reverse("account_login")
    wrong_password = client.post(login, {"login": KNOWN, "password": "not the password"})
    unknown_address = client.post(login, {"login": UNKNOWN, "password": "not the password"})
    _same_answer(wrong_password, unknown_address, KNOWN, UNKNOWN)
    assert "do not match an account" in main_text(wrong_password)


def test_a_failed_login_reads_the_same_with_the_fairfield_forms(client, member):
    test_a_failed_login_reads_the_same_for_known_and_unknown_addresses(client, member)


def test_a_password_reset_reads_the_same_for_known_and_unknown_addresses(client, member):
    reset = reverse("account_reset_password")
    for_known = client.post(reset, {"email": KNOWN}, follow=True)
    for_unknown = client.post(reset, {"email": UNKNOWN}, follow=True)
    _same_answer(for_known, for_unknown, KNOWN, UNKNOWN)
    assert for_known.redirect_chain == [(reverse("account_reset_password_done"), 302)]


def test_a_password_reset_mails_a_link_to_members_and_a_notice_to_strangers(client, member):
    reset = reverse("account_reset_password")
    client.post(reset, {"email": KNOWN})
    client.post(reset, {"email": UNKNOWN})
    to_member, to_stranger = mail.outbox
    assert to_member.to == [KNOWN]
    assert "/accounts/password/reset/key/" in to_member.body
    assert to_stranger.to == [UNKNOWN]
    assert "No Fairfield account uses this address" in to_stranger.body
