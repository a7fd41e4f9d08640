"""Form fields that say precisely what is wrong with what was typed, and never pass on text the database refuses."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext_lazy as _

from fairfield.accounts.pseudonyms import clean_pseudonym

REPLACEMENT_CHARACTER = "\ufffd"

# Shown instead of Django's "Null characters are not allowed.": the member did not type one on purpose.
NULL_CHARACTER_MESSAGE = _(
    "This contains a hidden “null” character, which sometimes comes along when text is pasted. "
    "Please delete it or type the text again."
)
UNREADABLE_MESSAGE = _("Part of this could not be read (it arrived as “�”). Please type those characters again.")


def refuse_unreadable_text(value: str) -> None:
    """Broken UTF-8 reaches Django as U+FFFD; unpaired surrogates cannot be stored in PostgreSQL at all."""
    if REPLACEMENT_CHARACTER in value or any(0xD800 <= ord(char) <= 0xDFFF for char in value):
        raise ValidationError(UNREADABLE_MESSAGE, code="unreadable")


def make_messages_friendly(field: forms.Field) -> None:
    """Give a field, ours or allauth's, Fairfield's wording for text that cannot be stored."""
    if isinstance(field, forms.CharField):
        field.error_messages["null_characters_not_allowed"] = NULL_CHARACTER_MESSAGE
        # Unstorable text is the first thing to mention; "not a valid address" would follow from it.
        others = [v for v in field.validators if not isinstance(v, ProhibitNullCharactersValidator)]
        nulls = [v for v in field.validators if isinstance(v, ProhibitNullCharactersValidator)]
        field.validators = [*nulls, refuse_unreadable_text, *(v for v in others if v is not refuse_unreadable_text)]
    if isinstance(field, forms.EmailField):
        field.error_messages["invalid"] = _("Please enter an e-mail address in the form name@example.org.")
        field.error_messages["max_length"] = _(
            "E-mail addresses can be at most %(limit_value)d characters long (this one has %(show_value)d)."
        )


class PseudonymField(forms.CharField):
    """A pseudonym, checked by pseudonyms.clean_pseudonym so every message comes from one place."""

    default_error_messages = {"required": _("Please choose a pseudonym.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Pseudonym"))
        kwargs.setdefault(
            "help_text",
            _(
                "The name other people see. It does not need to be, and should not be, your real name. "
                "Letters and numbers in any language, spaces, and . _ - ' are fine."
            ),
        )
        widget = forms.TextInput(attrs={"autocomplete": "nickname", "autocapitalize": "off", "spellcheck": "false"})
        super().__init__(widget=widget, strip=False, **kwargs)
        # clean_pseudonym already refuses what the database cannot store, in its own words.
        self.validators = []

    def clean(self, value):
        value = super().clean(value)
        return clean_pseudonym(value) if value else value
