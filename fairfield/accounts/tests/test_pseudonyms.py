import pytest
from django.core.exceptions import ValidationError

from fairfield.accounts.pseudonyms import KEY_MAX_LENGTH, MAX_LENGTH, clean_pseudonym, pseudonym_key


def _refusal(value: str) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        clean_pseudonym(value)
    return caught.value


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Wren", "Wren"),
        ("  Wren  ", "Wren"),
        ("River   Song", "River Song"),
        ("Dr. Lark", "Dr. Lark"),
        ("O'Neil", "O'Neil"),
        ("ana-maria_2", "ana-maria_2"),
        ("e\u0301lan", "\u00e9lan"),  # decomposed é is stored composed
        ("Ｗｒｅｎ", "Ｗｒｅｎ"),
        ("سارا", "سارا"),
        ("שרה כהן", "שרה כהן"),
        ("山田たろう", "山田たろう"),
        ("김민준", "김민준"),
        ("Nguyễn Văn", "Nguyễn Văn"),
        ("देवनागरी", "देवनागरी"),
        ("x" * MAX_LENGTH, "x" * MAX_LENGTH),
    ],
)
def test_clean_pseudonym_keeps_what_was_typed_tidied(typed, stored):
    assert clean_pseudonym(typed) == stored


@pytest.mark.parametrize(
    ("typed", "code", "words"),
    [
        ("", "required", "choose a pseudonym"),
        ("   \t ", "required", "choose a pseudonym"),
        ("x", "min_length", "at least 2"),
        ("x" * 10_000, "max_length", "this one has 10000"),
        ("x" * (MAX_LENGTH + 1), "max_length", "at most 40"),
        ("<script>alert(1)</script>", "invalid_character", "“<”"),
        ("Robert'); DROP TABLE users;--", "invalid_character", "“)”"),
        ("a\x00b", "null_character", "hidden “null” character"),
        ("ab\ud800", "unreadable", "could not be read"),
        ("ab\ufffd", "unreadable", "could not be read"),
        ("\u202eevil", "invisible", "invisible or control"),
        ("Wr\u200ben", "invisible", "invisible or control"),
        ("🦊 Fox", "symbol", "emoji or symbols such as “🦊”"),
        ("Fox ❤", "symbol", "“❤”"),
        ("_wren", "start", "start with a letter or a number"),
        ("wren..x", "repeat", "two punctuation marks"),
        ("Wr\u0435n", "mixed_scripts", "mixes Cyrillic and Latin"),
        ("Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o", "stacked_marks", "too many accents"),
        ("\ufdfa" * 9, "max_length", "too long once written out"),
        ("Admin", "reserved", "reserved"),
        ("ad.min", "reserved", "reserved"),
        ("ＭＥ", "reserved", "reserved"),
    ],
)
def test_clean_pseudonym_refuses_with_a_specific_message(typed, code, words):
    refusal = _refusal(typed)
    assert refusal.code == code
    assert words in refusal.messages[0]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Wren", "wren"),
        ("Wren", "WREN"),
        ("Wren", "Ｗｒｅｎ"),
        ("\u00e9lan", "e\u0301lan"),
        ("Dr Lark", "Dr. Lark"),
        ("Dr Lark", "drlark"),
        ("Strasse", "STRASSE"),
        ("Straße", "strasse"),
        ("River  Song", "River Song"),
    ],
)
def test_pseudonyms_that_read_the_same_share_one_key(first, second):
    assert pseudonym_key(first) == pseudonym_key(second)


@pytest.mark.parametrize(("first", "second"), [("Wren", "Wrens"), ("Lark", "Dr Lark"), ("سارا", "سارة")])
def test_different_pseudonyms_have_different_keys(first, second):
    assert pseudonym_key(first) != pseudonym_key(second)


def test_the_key_of_any_accepted_pseudonym_fits_its_column():
    longest = clean_pseudonym("\ufb03" * MAX_LENGTH)  # the ligature "ﬃ" becomes "ffi"
    assert len(pseudonym_key(longest)) <= KEY_MAX_LENGTH


def test_japanese_may_mix_kanji_and_kana_but_latin_may_not_mix_with_greek():
    assert clean_pseudonym("東京タワー") == "東京タワー"
    assert _refusal("Alpha\u03b2").code == "mixed_scripts"
