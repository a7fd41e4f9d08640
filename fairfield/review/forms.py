from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from fairfield.accounts.fields import make_messages_friendly
from fairfield.accounts.selectors import member_by_pseudonym
from fairfield.lib.forms import StorableTextMixin
from fairfield.review.models import MIN_REFLECTION_LENGTH, Attribution, Verdict


class Text(forms.CharField):
    """Text kept exactly as typed, refused when blank, null-carrying or unreadable, with a friendly message."""

    def __init__(self, *, max_length, multiline=True, required=True, **kwargs):
        widget = forms.Textarea(attrs={"rows": 6}) if multiline else forms.TextInput
        super().__init__(max_length=max_length, strip=False, widget=widget, required=required, **kwargs)
        make_messages_friendly(self)
        self.error_messages["max_length"] = _(
            "This can be at most %(limit_value)d characters long (it has %(show_value)d)."
        )

    def clean(self, value):
        value = super().clean(value)
        if self.required and not value.strip():
            raise ValidationError(self.error_messages["required"], code="required")
        return value


class ReadingItemForm(StorableTextMixin, forms.Form):
    title = Text(label=_("Title"), max_length=200, multiline=False)
    author = Text(label=_("Author"), max_length=200, multiline=False)
    link = forms.URLField(
        label=_("Link"),
        max_length=500,
        required=False,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("A web address starting with https:// — or give a citation instead."),
    )
    citation = Text(
        label=_("Citation"), max_length=500, required=False, multiline=False, help_text=_("For books and print.")
    )
    why = Text(label=_("Why survivors chose this"), max_length=1200)

    def clean(self):
        data = super().clean()
        if not data.get("link") and not (data.get("citation") or "").strip() and not self.errors:
            raise ValidationError(_("Give a link or a citation, so contributors can find it."))
        return data


class HideForm(StorableTextMixin, forms.Form):
    reason = Text(
        label=_("Reason"),
        max_length=1000,
        help_text=_("Logged, and shown in its place to everyone who would have seen it."),
    )


class OverrideForm(StorableTextMixin, forms.Form):
    reason = Text(
        label=_("Why publish it without a survivor first read?"),
        max_length=2000,
        help_text=_("Logged, and shown on the published article for every reader to see."),
    )


class ReadingProgressForm(StorableTextMixin, forms.Form):
    items = forms.ModelMultipleChoiceField(
        label=_("I have read"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    reflection = Text(
        label=_("What I took from the reading list"),
        max_length=10_000,
        help_text=_(
            "At least %(count)d characters. Survivor reviewers and editors read it; nobody else does unless you "
            "choose to show it on your author page."
        )
        % {"count": MIN_REFLECTION_LENGTH},
    )
    publish = forms.BooleanField(label=_("Show my reflection on my author page"), required=False)

    def __init__(self, *args, required_items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["items"].queryset = required_items
        self.fields["items"].label_from_instance = lambda item: f"{item.title} — {item.author}"

    def clean_items(self):
        chosen = set(self.cleaned_data["items"])
        if chosen != set(self.fields["items"].queryset):
            raise ValidationError(_("Mark every required item as read."))
        return list(chosen)

    def clean_reflection(self):
        reflection = self.cleaned_data["reflection"]
        if len(reflection.strip()) < MIN_REFLECTION_LENGTH:
            raise ValidationError(
                _("Your reflection needs at least %(count)d characters; it has %(length)d.")
                % {"count": MIN_REFLECTION_LENGTH, "length": len(reflection.strip())}
            )
        return reflection


class PositionalityForm(StorableTextMixin, forms.Form):
    role = Text(label=_("My role"), max_length=3000, help_text=_("What you do, and where."))
    power = Text(
        label=_("The power it gives me"),
        max_length=3000,
        help_text=_("Over people like those you write about."),
    )
    gain = Text(label=_("What I gain from this writing"), max_length=3000)
    coercion = Text(
        label=_("My relationship to coercive practice"),
        max_length=3000,
        help_text=_("Detention, forced treatment, restraint, seclusion, police involvement — what part you have had."),
    )


class CommentaryForm(StorableTextMixin, forms.Form):
    body = Text(label=_("Public commentary"), max_length=20_000, help_text=_("Published with the article, beside it."))
    private_note = Text(label=_("Private note to the author and editors"), max_length=10_000, required=False)
    verdict = forms.ChoiceField(label=_("Assessment"), choices=Verdict.choices, widget=forms.RadioSelect)
    reasons = Text(label=_("Reasons for your assessment"), max_length=10_000)
    attribution = forms.ChoiceField(
        label=_("Show my commentary as by"),
        choices=Attribution.choices,
        widget=forms.RadioSelect,
        help_text=_("Authors never see who wrote an anonymous commentary."),
    )


class ResponseForm(StorableTextMixin, forms.Form):
    body = Text(label=_("Your public response"), max_length=20_000)


class ConflictForm(StorableTextMixin, forms.Form):
    pseudonym = Text(
        label=_("Pseudonym of the member"),
        max_length=150,
        multiline=False,
        help_text=_("You will not be offered drafts they wrote or co-wrote."),
    )

    def clean_pseudonym(self):
        member = member_by_pseudonym(self.cleaned_data["pseudonym"])
        if member is None:
            raise ValidationError(_("No member has that pseudonym."))
        return member
