"""What people type by accident or on purpose: every form answers with a specific message,
keeps what was typed (passwords aside), and stores nothing half-made."""

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from fairfield.accounts.models import User
from fairfield.accounts.tests.factories import PASSWORD, UserFactory
from fairfield.accounts.tests.pages import (
    assert_error_is_tied_to_field,
    error_summary,
    field_errors,
    parse,
    profile_form_data,
    typed_value,
)

pytestmark = pytest.mark.django_db

SIGNUP = reverse("account_signup")
LOGIN = reverse("account_login")
PROFILE = reverse("accounts:edit_profile")
GOOD_SIGNUP = {
    "email": "sorrel@example.org",
    "pseudonym": "Sorrel",
    "password1": "a long and unusual passphrase",
    "password2": "a long and unusual passphrase",
}
LONG = "x" * 10_000


def _nothing_was_created():
    return (
        not User.objects.filter(email__in=["sorrel@example.org", ""]).exists()
        and not EmailAddress.objects.filter(email="sorrel@example.org").exists()
    )


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("email", "", "Please enter your e-mail address."),
        ("pseudonym", "", "Please choose a pseudonym."),
        ("password1", "", "Please choose a password."),
        ("password2", "", "Please type your password a second time."),
        ("email", LONG + "@example.org", "at most 320 characters"),
        ("pseudonym", LONG, "at most 40 characters long (this one has 10000)"),
        ("email", "<script>alert(1)</script>@example.org", "in the form name@example.org"),
        ("pseudonym", "<script>alert(1)</script>", "not “<”"),
        ("pseudonym", '<img src=x onerror="alert(1)">', "not “<”"),
        ("email", "x'; DROP TABLE accounts_user;--@example.org", "in the form name@example.org"),
        ("pseudonym", "Robert'); DROP TABLE accounts_user;--", "not “)”"),
        ("pseudonym", "1 OR 1=1", "not “=”"),
        ("email", "sorrel\x00@example.org", "hidden “null” character"),
        ("pseudonym", "Sor\x00rel", "hidden “null” character"),
        ("password1", "a long and\x00 unusual passphrase", "hidden “null” character"),
        ("pseudonym", "\u202eleros", "invisible or control characters"),
        ("pseudonym", "Sor\u200brel", "invisible or control characters"),
        ("pseudonym", "🌿 Sorrel", "emoji or symbols such as “🌿”"),
        ("pseudonym", "🌿🌿🌿", "emoji or symbols"),
        ("pseudonym", "Wr\u0435n", "mixes Cyrillic and Latin"),
    ],
)
def test_signup_refuses_bad_input_specifically_and_keeps_what_was_typed(client, field, typed, message):
    data = {**GOOD_SIGNUP, field: typed}
    response = client.post(SIGNUP, data)
    page = parse(response)

    assert response.status_code == 200
    assert any(message in error for error in field_errors(page, f"id_{field}")), field_errors(page, f"id_{field}")
    assert_error_is_tied_to_field(page, f"id_{field}")
    assert typed_value(page, "email") == data["email"].strip()
    assert typed_value(page, "pseudonym") == data["pseudonym"]
    assert typed_value(page, "password1") == ""
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert _nothing_was_created()


def test_signup_with_everything_empty_lists_every_problem_at_the_top(client):
    page = parse(client.post(SIGNUP, {}))
    assert [target for target, _ in error_summary(page)] == [
        "#id_email",
        "#id_pseudonym",
        "#id_password1",
        "#id_password2",
    ]
    assert not User.objects.exists()


@pytest.mark.parametrize(
    "taken",
    ["wren", "WREN", "Ｗｒｅｎ", "W.ren", " Wren "],
    ids=["lower case", "upper case", "full width", "punctuated", "spaced"],
)
def test_signup_refuses_a_pseudonym_that_reads_like_an_existing_one(client, member, taken):
    page = parse(client.post(SIGNUP, {**GOOD_SIGNUP, "pseudonym": taken}))
    assert "already uses that pseudonym" in field_errors(page, "id_pseudonym")[0]
    assert typed_value(page, "pseudonym") == taken
    assert _nothing_was_created()


@pytest.mark.parametrize(
    ("existing", "typed"),
    [("\u00e9lan", "e\u0301lan"), ("e\u0301lan", "\u00e9lan")],
    ids=["decomposed against composed", "composed against decomposed"],
)
def test_signup_refuses_the_same_accented_pseudonym_in_another_unicode_form(client, existing, typed):
    UserFactory(pseudonym=existing)
    page = parse(client.post(SIGNUP, {**GOOD_SIGNUP, "pseudonym": typed}))
    assert "already uses that pseudonym" in field_errors(page, "id_pseudonym")[0]
    assert _nothing_was_created()


@pytest.mark.parametrize("pseudonym", ["سارا", "שרה כהן", "山田たろう", "Nguyễn Văn"])
def test_signup_accepts_pseudonyms_in_any_script_including_right_to_left(client, pseudonym):
    response = client.post(SIGNUP, {**GOOD_SIGNUP, "pseudonym": pseudonym})
    assert response.status_code == 302
    assert User.objects.get(email="sorrel@example.org").pseudonym == pseudonym


@pytest.mark.parametrize("field", ["email", "pseudonym", "password1"])
def test_signup_answers_broken_utf8_with_a_message_and_creates_nothing(client, field):
    # A lone surrogate (U+D800) as the browser would send it: bytes no UTF-8 decoder accepts.
    fields = {
        "email": b"sorrel%40example.org",
        "pseudonym": b"Sorrel",
        "password1": b"a+long+and+unusual+passphrase",
        "password2": b"a+long+and+unusual+passphrase",
    }
    fields[field] = fields[field] + b"%ED%A0%80"
    body = b"&".join(name.encode() + b"=" + value for name, value in fields.items())
    response = client.post(SIGNUP, data=body, content_type="application/x-www-form-urlencoded")
    page = parse(response)
    assert response.status_code == 200
    assert any("could not be read" in error for error in field_errors(page, f"id_{field}"))
    assert _nothing_was_created()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"login": "", "password": ""}, "login", "Please enter your e-mail address."),
        ({"login": "", "password": ""}, "password", "Please enter your password."),
        ({"login": LONG + "@example.org", "password": "x"}, "login", "at most 320 characters"),
        ({"login": "<script>alert(1)</script>", "password": "x"}, "login", "in the form name@example.org"),
        ({"login": "' OR 1=1 --", "password": "' OR 1=1 --"}, "login", "in the form name@example.org"),
        ({"login": "wren\x00@example.org", "password": "x"}, "login", "hidden “null” character"),
        ({"login": "wren@example.org", "password": "pass\x00word"}, "password", "hidden “null” character"),
    ],
)
def test_login_refuses_bad_input_specifically_and_keeps_the_address(client, member, data, field, message):
    response = client.post(LOGIN, data)
    page = parse(response)
    assert response.status_code == 200
    assert any(message in error for error in field_errors(page, f"id_{field}")), field_errors(page, f"id_{field}")
    assert_error_is_tied_to_field(page, f"id_{field}")
    assert typed_value(page, "login") == data["login"].strip()
    assert not typed_value(page, "password")
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_login_answers_broken_utf8_with_a_message(client, member):
    body = b"login=wren%40example.org%ED%A0%80&password=x"
    response = client.post(LOGIN, data=body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    assert any("could not be read" in error for error in field_errors(parse(response), "id_login"))


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("pseudonym", "", "Please choose a pseudonym."),
        ("pseudonym", LONG, "this one has 10000"),
        ("pseudonym", "<b>Wren</b>", "not “<”"),
        ("pseudonym", "Wren\x00", "hidden “null” character"),
        ("pseudonym", "Alder", "already uses that pseudonym"),
        ("pseudonym", "ＡＬＤＥＲ", "already uses that pseudonym"),
        ("pseudonym", "🐦", "emoji or symbols"),
        ("about", LONG, "2000 characters or fewer (it has 10000)"),
        ("about", "I was\x00 here", "hidden “null” character"),
        ("profile_visibility", "", "Please choose who can see your self-description."),
        ("profile_visibility", "friends", "“friends” is not one of the choices"),
        ("relationships", ["survivor", "jailer"], "“jailer” is not one of the choices"),
    ],
)
def test_profile_refuses_bad_input_specifically_and_keeps_what_was_typed(
    profile_client, member, other_member, field, typed, message
):
    data = profile_form_data(member, **{"about": "Kept as typed.", field: typed})
    response = profile_client.post(PROFILE, data)
    page = parse(response)

    assert response.status_code == 200
    assert any(message in error for error in field_errors(page, f"id_{field}")), field_errors(page, f"id_{field}")
    assert_error_is_tied_to_field(page, f"id_{field}")
    if field in {"pseudonym", "about"}:
        assert typed_value(page, field) == typed
    else:
        assert typed_value(page, "about") == "Kept as typed."
    member.refresh_from_db()
    assert (member.pseudonym, member.about) == ("Wren", "")


@pytest.mark.parametrize("field", ["pseudonym", "about"])
def test_profile_answers_broken_utf8_with_a_message_and_saves_nothing(profile_client, member, field):
    fields = {"pseudonym": b"Wren", "about": b"About", "profile_visibility": b"public"}
    fields[field] = fields[field] + b"%ED%A0%80"
    body = b"&".join(name.encode() + b"=" + value for name, value in fields.items())
    response = profile_client.post(PROFILE, data=body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    assert any("could not be read" in error for error in field_errors(parse(response), f"id_{field}"))
    member.refresh_from_db()
    assert (member.about, member.profile_visibility) == ("", "private")


def test_a_correct_login_after_bad_attempts_still_works(client, member):
    client.post(LOGIN, {"login": "wren\x00@example.org", "password": "x"})
    response = client.post(LOGIN, {"login": "wren@example.org", "password": PASSWORD})
    assert response.status_code == 302
