from django import forms
from django.utils.translation import gettext_lazy as _

from fairfield.accounts.fields import make_messages_friendly
from fairfield.lib.forms import StorableTextMixin
from fairfield.newsletter import selectors


class SectionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.title


class PreferencesForm(StorableTextMixin, forms.Form):
    wants_digest = forms.BooleanField(
        label=_("The weekly digest: every new article of the past week, on Mondays"), required=False
    )
    sections = SectionChoiceField(
        label=_("Each new article, as it is published, in these sections"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("One of the sections you chose is no longer available; please choose again."),
            "invalid_pk_value": _("One of the sections you chose is no longer available; please choose again."),
            "invalid_list": _("Please choose sections from the list."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sections"].queryset = selectors.sections_offered()


class SubscribeForm(PreferencesForm):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        error_messages={"required": _("Please enter your e-mail address.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        help_text=_("We use it for the newsletter only, never show it to anyone, and store no IP address."),
    )

    field_order = ["email", "wants_digest", "sections"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        make_messages_friendly(self.fields["email"])
