from django import forms

from fairfield.notifications import kinds


class PreferencesForm(forms.Form):
    """One checkbox per kind of mail."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in kinds.optional_kinds():
            self.fields[kind.value] = forms.BooleanField(label=kind.label, required=False)
