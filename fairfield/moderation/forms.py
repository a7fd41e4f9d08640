from django import forms
from django.utils.translation import gettext_lazy as _

from fairfield.accounts.fields import make_messages_friendly
from fairfield.lib.forms import StorableTextMixin
from fairfield.moderation.models import (
    APPEAL_TEXT_MAX_LENGTH,
    FLAG_TEXT_MAX_LENGTH,
    REASON_MAX_LENGTH,
    AppealDecision,
    FlagReason,
)


def text_field(*, label, max_length, required=True, help_text="", rows=5, required_message=None) -> forms.CharField:
    """Free text kept exactly as typed, with Fairfield's words for what cannot be stored."""
    field = forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        strip=False,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={
            "max_length": _("Please keep this to %(limit_value)d characters (it has %(show_value)d)."),
            "required": required_message or _("Please fill this in."),
        },
    )
    make_messages_friendly(field)
    return field


class FlagForm(StorableTextMixin, forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong with this comment?"),
        choices=FlagReason.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Please choose a reason."),
            "invalid_choice": _("Please choose one of the reasons listed."),
        },
    )
    text = text_field(
        label=_("Anything moderators should know"),
        max_length=FLAG_TEXT_MAX_LENGTH,
        required=False,
        help_text=_("Needed if you chose “Something else”. Only moderators read this; the writer does not."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reason") == FlagReason.OTHER and "text" in cleaned and not cleaned["text"].strip():
            self.add_error("text", _("Please say what is wrong with the comment."))
        return cleaned


class AppealForm(StorableTextMixin, forms.Form):
    text = text_field(
        label=_("Why should another moderator look at it again?"),
        max_length=APPEAL_TEXT_MAX_LENGTH,
        help_text=_("A moderator who did not remove it will read this, decide, and tell you by e-mail."),
        rows=8,
        required_message=_("Please say why the comment should be looked at again."),
    )

    def clean_text(self):
        text = self.cleaned_data["text"]
        if not text.strip():
            raise forms.ValidationError(_("Please say why the comment should be looked at again."))
        return text


# The queue's forms, in Wagtail's admin.


class ReasonForm(StorableTextMixin, forms.Form):
    reason = text_field(label=_("Reason (kept in the audit log)"), max_length=REASON_MAX_LENGTH, required=False, rows=2)


class RemoveForm(StorableTextMixin, forms.Form):
    reason = text_field(
        label=_("Reason, sent to the author"),
        max_length=REASON_MAX_LENGTH,
        rows=3,
        required_message=_("Please give the reason the author will read."),
    )
    public_note = forms.CharField(
        label=_("Short public note, shown in the thread as “removed by moderators: …”"),
        max_length=300,
        required=False,
        help_text=_("Leave empty to show only “removed by moderators”."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        make_messages_friendly(self.fields["public_note"])


class CrisisMessageForm(StorableTextMixin, forms.Form):
    text = text_field(label=_("Message to the writer"), max_length=REASON_MAX_LENGTH, rows=6)


class SuspendForm(StorableTextMixin, forms.Form):
    until = forms.DateTimeField(
        label=_("Suspended until"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={
            "required": _("Please give the end of the suspension."),
            "invalid": _("Please give a date and time."),
        },
    )
    reason = text_field(
        label=_("Reason, sent to the member"),
        max_length=REASON_MAX_LENGTH,
        rows=3,
        required_message=_("Please give the reason the member will read."),
    )


class BanForm(StorableTextMixin, forms.Form):
    reason = text_field(
        label=_("Reason, sent to the member"),
        max_length=REASON_MAX_LENGTH,
        rows=3,
        required_message=_("Please give the reason the member will read."),
    )


class AppealDecisionForm(StorableTextMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=AppealDecision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose a decision.")},
    )
    note = text_field(label=_("Note to the author"), max_length=REASON_MAX_LENGTH, required=False, rows=3)
