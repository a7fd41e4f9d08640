"""Forms only carry the person's text back to the page; the services decide what is allowed."""

from django import forms
from django.utils.translation import gettext_lazy as _

from fairfield.roundtables.models import NOTE_MAX_LENGTH, STATEMENT_MAX_LENGTH, MarkChoice

# Generous bounds that only stop absurd posts; the services give the real, friendly limits.
_HUGE = 100_000


class TurnForm(forms.Form):
    body = forms.CharField(
        label=_("Your turn"), widget=forms.Textarea(attrs={"rows": 12}), required=False, max_length=_HUGE
    )


class AcceptForm(forms.Form):
    display_name = forms.CharField(
        label=_("Your name at this table"),
        help_text=_("Shown with your seat on every turn. No titles, degrees or ranks: the table is credential-blind."),
        required=False,
        max_length=_HUGE,
    )
    consent = forms.BooleanField(
        label=_("I agree that my turns and marks at this table are published on Fairfield."), required=False
    )


class StatementForm(forms.Form):
    text = forms.CharField(
        label=_("Propose a statement"),
        help_text=_("One short sentence the seats might share, at most %(max)s characters.")
        % {"max": STATEMENT_MAX_LENGTH},
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=_HUGE,
    )


class MarkForm(forms.Form):
    choice = forms.ChoiceField(
        label=_("Your mark"), choices=MarkChoice.choices, widget=forms.RadioSelect, required=False
    )
    reason = forms.CharField(label=_("Reason (optional)"), required=False, max_length=_HUGE)


class QuestionForm(forms.Form):
    body = forms.CharField(
        label=_("Your question for the facilitator"),
        help_text=_("At most %(max)s characters. The facilitator may put it to the table between rounds.")
        % {"max": NOTE_MAX_LENGTH},
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=_HUGE,
    )
    credit = forms.BooleanField(label=_("Credit me by my pseudonym if it is put to the table"), required=False)


class NoteForm(forms.Form):
    body = forms.CharField(
        label=_("Framing note"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=_HUGE
    )


class HoldForm(forms.Form):
    reason = forms.CharField(label=_("Reason, shown to the writer"), required=False, max_length=_HUGE)
