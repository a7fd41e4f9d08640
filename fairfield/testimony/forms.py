from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fairfield.testimony.models import (
    ConsentLevel,
    ContentNote,
    Experience,
    Help,
    InvolvedRole,
    Period,
    Region,
    Setting,
)

CHECKBOXES = forms.CheckboxSelectMultiple


class Form(forms.Form):
    """Labels without a trailing colon, like the rest of the site's forms."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class NarrativeForm(Form):
    title = forms.CharField(
        label=_("A title, if you want one"), required=False, help_text=_("It is shown above your testimony.")
    )
    # No maxlength in the page: a long text gets a clear message and is kept, never cut off while typing.
    narrative = forms.CharField(
        label=_("What happened"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_(
            "In your own words, as much or as little as you want. Please leave out the names of people and "
            "places: a moderator removes any that remain before anyone else reads it."
        ),
    )


class CircumstancesForm(Form):
    settings = forms.MultipleChoiceField(
        label=_("Where it happened"), choices=Setting.choices, required=False, widget=CHECKBOXES
    )
    experiences = forms.MultipleChoiceField(
        label=_("What happened"), choices=Experience.choices, required=False, widget=CHECKBOXES
    )
    helped = forms.MultipleChoiceField(label=_("What helped"), choices=Help.choices, required=False, widget=CHECKBOXES)
    roles = forms.MultipleChoiceField(
        label=_("Who was involved (their role only, never a name)"),
        choices=InvolvedRole.choices,
        required=False,
        widget=CHECKBOXES,
    )


class TimePlaceForm(Form):
    period = forms.ChoiceField(label=_("When"), choices=[("", _("Choose…")), *Period.choices], required=False)
    region = forms.ChoiceField(label=_("Where"), choices=[("", _("Choose…")), *Region.choices], required=False)
    content_notes = forms.MultipleChoiceField(
        label=_("Content notes readers should see first"),
        choices=ContentNote.choices,
        required=False,
        widget=CHECKBOXES,
    )


class ConsentForm(Form):
    consent = forms.ChoiceField(
        label=_("Who may read it"), choices=ConsentLevel.choices, widget=forms.RadioSelect, initial=ConsentLevel.RECORD
    )
    pseudonym = forms.CharField(
        label=_("Pseudonym"), required=False, help_text=_("Only if you chose “public, under a pseudonym”.")
    )
    count_in_figures = forms.BooleanField(
        label=_("Count it in the public figures (for “record only”; the other levels are always counted)"),
        required=False,
    )
    closure_date = forms.DateField(
        label=_("Keep it sealed until (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Until this date nobody but you and the moderators reads it, whatever you chose above."),
    )

    def clean_closure_date(self):
        date = self.cleaned_data.get("closure_date")
        if date and date <= timezone.localdate():
            raise forms.ValidationError(_("Please choose a date in the future, or leave it empty."))
        return date


class ChangeConsentForm(Form):
    consent = forms.ChoiceField(label=_("Who may read it"), choices=ConsentLevel.choices, widget=forms.RadioSelect)
    count_in_figures = forms.BooleanField(label=_("Count it in the public figures"), required=False)


class ResumeForm(Form):
    code = forms.CharField(
        label=_("Your resume code"),
        max_length=40,
        help_text=_("Sixteen letters and numbers, such as ABCD-EFGH-JKLM-NPQR."),
    )


class ReviewForm(Form):
    redacted = forms.CharField(
        label=_("The copy readers and researchers will see"), strip=False, widget=forms.Textarea(attrs={"rows": 18})
    )
    redaction_note = forms.CharField(
        label=_("What you removed, in words for the writer"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ResearcherApplicationForm(Form):
    purpose = forms.CharField(label=_("What your research is for"), widget=forms.Textarea(attrs={"rows": 6}))


STEPS = [
    (1, _("What happened"), NarrativeForm),
    (2, _("Where, what and who"), CircumstancesForm),
    (3, _("When, where and content notes"), TimePlaceForm),
    (4, _("Who may read it"), ConsentForm),
]
LAST_STEP = len(STEPS) + 1  # the check before sending


class ResearcherDecisionForm(Form):
    purpose = forms.CharField(label=_("Purpose, as agreed"), widget=forms.Textarea(attrs={"rows": 3}))
    ends_on = forms.DateField(label=_("Access ends on"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
