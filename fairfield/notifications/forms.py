from django import forms

from fairfield.notifications.models import NotificationKind


class PreferencesForm(forms.Form):
    """One checkbox per kind of mail."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in NotificationKind:
            self.fields[kind.value] = forms.BooleanField(label=kind.label, required=False)
