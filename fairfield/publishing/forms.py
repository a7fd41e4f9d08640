from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


class ArticlePageForm(WagtailAdminPageForm):
    """Content notes as a list of checkboxes rather than raw JSON."""

    def __init__(self, *args, **kwargs):
        from fairfield.publishing.models import ContentNote

        super().__init__(*args, **kwargs)
        if "content_notes" in self.fields:
            self.fields["content_notes"] = forms.MultipleChoiceField(
                label=_("Content notes"),
                choices=ContentNote.choices,
                widget=forms.CheckboxSelectMultiple,
                required=False,
                initial=self.instance.content_notes,
                help_text=_("Choosing “Suicide” or “Self-harm” shows the safe-messaging guidance when you save."),
            )
