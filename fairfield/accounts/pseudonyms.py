"""Pseudonyms: the only public name a member has.

A pseudonym is kept as typed, but compared through its *key* (Unicode NFKC,
case-folded, inner spaces collapsed), so "Ｒｉｖｅｒ", "river" and "RIVER" are
one name and nobody can impersonate another member with look-alike forms.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MIN_LENGTH = 2
MAX_LENGTH = 40

# Letters and digits of any script, joined by single spaces or . _ - '
_ALLOWED_PUNCTUATION = set(" ._-'")
_RESERVED = {"admin", "administrator", "moderator", "fairfield", "staff", "support", "anonymous", "deleted"}


def pseudonym_key(pseudonym: str) -> str:
    normalised = unicodedata.normalize("NFKC", pseudonym).casefold()
    return " ".join(normalised.split())


def clean_pseudonym(value: str) -> str:
    """The pseudonym as it will be stored, or a ValidationError saying what to change."""
    if "\x00" in value or any(0xD800 <= ord(char) <= 0xDFFF for char in value):
        raise ValidationError(_("Your pseudonym contains characters that cannot be stored."), code="invalid")
    pseudonym = " ".join(unicodedata.normalize("NFC", value).split())
    if not pseudonym:
        raise ValidationError(_("Please choose a pseudonym."), code="required")
    if len(pseudonym) > MAX_LENGTH:
        raise ValidationError(
            _("Pseudonyms can be at most %(max)d characters long (this one has %(length)d)."),
            code="max_length",
            params={"max": MAX_LENGTH, "length": len(pseudonym)},
        )
    if len(pseudonym) < MIN_LENGTH:
        raise ValidationError(
            _("Pseudonyms need at least %(min)d characters."), code="min_length", params={"min": MIN_LENGTH}
        )
    for char in pseudonym:
        category = unicodedata.category(char)
        if category.startswith(("L", "N", "M")) or char in _ALLOWED_PUNCTUATION:
            continue
        if category in {"Cf", "Cc", "Co", "Cn", "Cs"}:
            raise ValidationError(
                _("Your pseudonym contains invisible or control characters; please type it again."),
                code="invisible",
            )
        raise ValidationError(
            _("Pseudonyms can use letters and numbers in any language, spaces, and . _ - ' — not “%(char)s”."),
            code="invalid_character",
            params={"char": char},
        )
    if not unicodedata.category(pseudonym[0]).startswith(("L", "N")):
        raise ValidationError(_("Pseudonyms must start with a letter or a number."), code="start")
    if re.search(r"[ ._\-']{2}", pseudonym):
        raise ValidationError(_("Please don't put two punctuation marks or spaces in a row."), code="repeat")
    if pseudonym_key(pseudonym) in _RESERVED:
        raise ValidationError(_("That pseudonym is reserved; please choose another."), code="reserved")
    return pseudonym
