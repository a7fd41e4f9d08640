"""Text that cannot be stored, refused the same way by every form.

Broken UTF-8 reaches Django as U+FFFD, a NUL byte comes along with some pasted text, and an unpaired surrogate
cannot be stored in PostgreSQL at all. Each form that takes text mixes in `StorableTextMixin`, so such a field
gets one friendly message (never Django's "Null characters are not allowed." beside ours, nor "Enter a valid
e-mail address" after it) and the person's text comes back to them.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext_lazy as _

REPLACEMENT_CHARACTER = "\ufffd"

NULL_CHARACTER_MESSAGE = _(
    "This contains a hidden “null” character, which sometimes comes along when text is pasted. "
    "Please delete it or type the text again."
)
UNREADABLE_MESSAGE = _("Part of this could not be read (it arrived as “�”). Please type those characters again.")


def unstorable_text_message(value: str):
    """The message for text no database should keep, or None when it can be stored."""
    if "\x00" in value:
        return NULL_CHARACTER_MESSAGE
    if REPLACEMENT_CHARACTER in value or any(0xD800 <= ord(char) <= 0xDFFF for char in value):
        return UNREADABLE_MESSAGE
    return None


def refuse_unreadable_text(value: str) -> None:
    """A validator: broken UTF-8 and unpaired surrogates are refused."""
    if REPLACEMENT_CHARACTER in value or any(0xD800 <= ord(char) <= 0xDFFF for char in value):
        raise ValidationError(UNREADABLE_MESSAGE, code="unreadable")


def refuse_unstorable_text(value: str) -> None:
    """A validator: a NUL, broken UTF-8 or an unpaired surrogate is refused with one message."""
    message = unstorable_text_message(value)
    if message:
        raise ValidationError(message, code="unstorable")


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


class StorableTextMixin:
    """Put before `forms.Form`: a field whose submitted text cannot be stored gets exactly one friendly message
    (its own, when its validators already said one thing; ours otherwise) and leaves `cleaned_data`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            make_messages_friendly(field)

    def full_clean(self):
        super().full_clean()
        if not self.is_bound:
            return
        for name, field in self.fields.items():
            if field.disabled:
                continue
            raw = field.widget.value_from_datadict(self.data, self.files, self.add_prefix(name))
            values = raw if isinstance(raw, list | tuple) else [raw]
            message = next(
                (message for value in values if isinstance(value, str) if (message := unstorable_text_message(value))),
                None,
            )
            if message is None or len(self._errors.get(name, [])) == 1:
                continue
            self._errors[name] = self.error_class([message], renderer=self.renderer)
            self.cleaned_data.pop(name, None)
