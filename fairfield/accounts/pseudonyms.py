"""Pseudonyms: the only public name a member has.

A pseudonym is stored as typed, tidied (Unicode NFC, runs of spaces made one),
but compared through its *key*: compatibility-normalised (NFKC), case-folded,
with spaces and the allowed punctuation left out. So "Ｗｒｅｎ", "wren", "W.ren"
and "WREN" are one name, and so are an "é" typed as one character or as "e"
plus an accent. Letters from two alphabets in one pseudonym are refused, so a
Cyrillic "е" cannot stand in for a Latin "e".
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MIN_LENGTH = 2
MAX_LENGTH = 40
# The key column holds three characters per pseudonym character: NFKC can expand
# one character into several (ligatures, "㎒"), and the database must never be
# handed a longer key than it stores.
KEY_MAX_LENGTH = MAX_LENGTH * 3
# Enough for the stacked vowel signs of Indic scripts or Vietnamese, too few for "Zalgo" text.
MAX_STACKED_MARKS = 4

_SEPARATORS = frozenset(" ._-'")
_REPEATED_PUNCTUATION = re.compile(r"[._\-']{2}")
# Words a member could use to pass for the site or its staff, and "me", which is the profile editor's address.
_RESERVED = frozenset(
    {"admin", "administrator", "moderator", "fairfield", "staff", "support", "anonymous", "deleted", "me", "editor"}
)
# Scripts that are written together: Japanese mixes kanji and both kana, Korean may mix hangul and hanja.
_SCRIPT_FAMILIES = (
    frozenset({"CJK", "HIRAGANA", "KATAKANA", "KATAKANA-HIRAGANA"}),
    frozenset({"HANGUL", "CJK"}),
)
_REPLACEMENT_CHARACTER = "\ufffd"


def pseudonym_key(pseudonym: str) -> str:
    """The form two pseudonyms share when people would read them as the same name."""
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", pseudonym).casefold())
    return "".join(char for char in folded if char not in _SEPARATORS and not char.isspace())


def clean_pseudonym(value: str) -> str:
    """The pseudonym as it will be stored, or a ValidationError saying what to change."""
    _refuse_unstorable(value)
    pseudonym = " ".join(unicodedata.normalize("NFC", value).split())
    if not pseudonym:
        raise ValidationError(_("Please choose a pseudonym."), code="required")
    if len(pseudonym) > MAX_LENGTH:
        raise ValidationError(
            _("Pseudonyms can be at most %(max)d characters long (this one has %(length)d)."),
            code="max_length",
            params={"max": MAX_LENGTH, "length": len(pseudonym)},
        )
    for char in pseudonym:
        _check_character(char)
    if len(pseudonym) < MIN_LENGTH:
        raise ValidationError(
            _("Pseudonyms need at least %(min)d characters."), code="min_length", params={"min": MIN_LENGTH}
        )
    if not unicodedata.category(pseudonym[0]).startswith(("L", "N")):
        raise ValidationError(_("Pseudonyms must start with a letter or a number."), code="start")
    if _REPEATED_PUNCTUATION.search(pseudonym):
        raise ValidationError(_("Please don't put two punctuation marks in a row."), code="repeat")
    if _longest_run_of_marks(pseudonym) > MAX_STACKED_MARKS:
        raise ValidationError(
            _("Your pseudonym stacks too many accents on one letter; please simplify it."), code="stacked_marks"
        )
    _refuse_mixed_scripts(pseudonym)
    key = pseudonym_key(pseudonym)
    if len(key) > KEY_MAX_LENGTH:
        raise ValidationError(
            _("Your pseudonym uses characters that are too long once written out; please shorten it."),
            code="max_length",
        )
    if key in _RESERVED:
        raise ValidationError(_("That pseudonym is reserved; please choose another."), code="reserved")
    return pseudonym


def _refuse_unstorable(value: str) -> None:
    if "\x00" in value:
        raise ValidationError(
            _(
                "Your pseudonym contains a hidden “null” character, which sometimes comes along when text is pasted. "
                "Please type it again."
            ),
            code="null_character",
        )
    if any(0xD800 <= ord(char) <= 0xDFFF for char in value) or _REPLACEMENT_CHARACTER in value:
        raise ValidationError(
            _("Part of your pseudonym could not be read (it arrived as “�”). Please type it again."),
            code="unreadable",
        )


def _check_character(char: str) -> None:
    category = unicodedata.category(char)
    if category.startswith(("L", "N", "M")) or char in _SEPARATORS:
        return
    if category in {"Cf", "Cc", "Co", "Cn", "Zl", "Zp"}:
        raise ValidationError(
            _("Your pseudonym contains invisible or control characters; please type it again."),
            code="invisible",
        )
    if category == "So":
        raise ValidationError(
            _(
                "Pseudonyms can't contain emoji or symbols such as “%(char)s”; "
                "please use letters and numbers in any language, spaces, and . _ - '"
            ),
            code="symbol",
            params={"char": char},
        )
    raise ValidationError(
        _("Pseudonyms can use letters and numbers in any language, spaces, and . _ - ' — not “%(char)s”."),
        code="invalid_character",
        params={"char": char},
    )


def _longest_run_of_marks(text: str) -> int:
    longest = run = 0
    for char in text:
        run = run + 1 if unicodedata.category(char).startswith("M") else 0
        longest = max(longest, run)
    return longest


def _script(char: str) -> str | None:
    """The script a letter belongs to, read from the first word of its Unicode name (after NFKC, so "Ｗ" is LATIN)."""
    if not unicodedata.category(char).startswith("L"):
        return None
    name = unicodedata.name(unicodedata.normalize("NFKC", char)[0], "")
    first_word = name.split(" ", 1)[0]
    if first_word in {"", "MODIFIER"}:
        return None
    return first_word


def _refuse_mixed_scripts(pseudonym: str) -> None:
    scripts = {script for char in pseudonym if (script := _script(char))}
    if len(scripts) < 2 or any(scripts <= family for family in _SCRIPT_FAMILIES):
        return
    names = sorted(scripts)
    raise ValidationError(
        _("Please use letters from one alphabet only; this pseudonym mixes %(first)s and %(second)s letters."),
        code="mixed_scripts",
        params={"first": names[0].title(), "second": names[1].title()},
    )
