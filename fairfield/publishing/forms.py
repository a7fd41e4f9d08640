from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from fairfield.accounts.roles import Role, roles_of


class ArticlePageForm(WagtailAdminPageForm):
    """Content notes as a list of checkboxes rather than raw JSON; a contributor credits only themselves."""

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
        self._limit_bylines()

    def clean(self):
        from fairfield.publishing.models import AUDIO_TYPES, audio_type

        cleaned = super().clean()
        audio = cleaned.get("audio")
        if audio is not None and not audio_type(audio):
            self.add_error(
                "audio",
                _("“%(name)s” is not a recording browsers can play; please upload one of: %(types)s.")
                % {"name": audio.filename, "types": ", ".join(sorted(AUDIO_TYPES))},
            )
        if audio is not None and not (cleaned.get("transcript") or "").strip():
            self.add_error(
                "transcript", _("Please add the transcript: readers who cannot hear the recording read it instead.")
            )
        return cleaned

    def _limit_bylines(self):
        """Editors credit anyone. A contributor chooses among their own bylines (and keeps the credits an editor
        already gave the piece), from a plain list instead of the chooser that lists every contributor."""
        from fairfield.publishing.models import Contributor

        user = getattr(self, "for_user", None)
        formset = self.formsets.get("article_contributors") if hasattr(self, "formsets") else None
        if formset is None or user is None or user.is_superuser or roles_of(user) & {Role.EDITOR, Role.ADMIN}:
            return
        credited = [credit.contributor_id for credit in self.instance.article_contributors.all()]
        choices = Contributor.objects.filter(Q(account=user) | Q(pk__in=credited)).order_by("display_name")
        base = formset.form

        class OwnBylineForm(base):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                field = self.fields["contributor"]
                field.queryset = choices
                field.widget = forms.Select(choices=field.choices)

        OwnBylineForm.__name__ = base.__name__
        formset.form = OwnBylineForm
        formset.__dict__.pop("forms", None)
