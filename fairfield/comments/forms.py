from django import forms
from django.utils.translation import gettext_lazy as _

from fairfield.comments.services import MAX_BODY_LENGTH

BOT_TRAP = _("Your comment could not be posted. If you are a person, please leave the last box empty and try again.")


class CommentForm(forms.Form):
    """What a member writes. The body's rules (length, readable text) live in services.body_check,
    so the text always comes back to the writer, however it was refused."""

    body = forms.CharField(
        label=_("Your comment"),
        strip=False,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": MAX_BODY_LENGTH, "data-comment-draft": ""}),
        help_text=_(
            "Plain text; a blank line starts a new paragraph. You can use *emphasis*, **strong**, "
            "> quotes and - lists. Links become clickable."
        ),
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    # Hidden from people by the stylesheet; simple bots fill every box they find.
    website = forms.CharField(
        label=_("Leave this empty"),
        required=False,
        strip=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A body with a null character must still come back to the writer, so validation happens in the service.
        self.fields["body"].validators = []

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))

    def body_value(self) -> str:
        return self.data.get("body", "")

    def notes_choices(self) -> list[tuple[str, str, bool]]:
        """Every content note with whether it is ticked, for the form's checkboxes."""
        from fairfield.publishing.models import ContentNote

        chosen = set(self.notes_value() if self.is_bound else self.initial.get("content_notes", ()))
        return [(value, label, value in chosen) for value, label in ContentNote.choices]

    @property
    def has_notes(self) -> bool:
        return any(ticked for _value, _label, ticked in self.notes_choices())

    def notes_value(self) -> list[str]:
        """The content notes ticked, keeping only real ones (a tampered form loses nothing else)."""
        from fairfield.publishing.models import ContentNote

        return [note for note in dict.fromkeys(self.data.getlist("content_notes")) if note in ContentNote.values]

    def has_read_safe_messaging(self) -> bool:
        return self.data.get("safe_messaging_read") in {"on", "true", "1"}


class ClaimForm(forms.Form):
    email = forms.EmailField(
        label=_("The e-mail address you used when you commented on the old site"),
        max_length=254,
        error_messages={"invalid": _("Please enter an e-mail address, like name@example.org.")},
    )
