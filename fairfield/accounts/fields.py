"""Form fields that say precisely what is wrong with what was typed, and never pass on text the database refuses."""

from django import forms
from django.utils.translation import gettext_lazy as _

from fairfield.accounts.pseudonyms import clean_pseudonym
from fairfield.lib.forms import (
    NULL_CHARACTER_MESSAGE,
    REPLACEMENT_CHARACTER,
    UNREADABLE_MESSAGE,
    make_messages_friendly,
    refuse_unreadable_text,
)

# Kept here for the apps that import them from accounts; they live in fairfield.lib.forms.
__all__ = [
    "NULL_CHARACTER_MESSAGE",
    "REPLACEMENT_CHARACTER",
    "UNREADABLE_MESSAGE",
    "PseudonymField",
    "make_messages_friendly",
    "refuse_unreadable_text",
]


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
