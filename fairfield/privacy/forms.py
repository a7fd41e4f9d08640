from django import forms
from django.core.cache import cache
from django.db import models
from django.utils.translation import gettext_lazy as _

from fairfield.accounts.forms import FairfieldFormMixin
from fairfield.privacy import selectors

MAX_FAILURES = 5
FAILURE_WINDOW_SECONDS = 15 * 60


class PublicWords(models.TextChoices):
    DELETE = "delete", _("Delete them")
    KEEP = "keep", _("Keep them, shown as by “a former member”")


class EraseForm(FairfieldFormMixin, forms.Form):
    """Deleting an account asks for the password again, and the second factor when the member has one."""

    words = forms.ChoiceField(
        label=_("Your comments and other public words"),
        choices=PublicWords.choices,
        widget=forms.RadioSelect,
        help_text=_("Kept words no longer show your pseudonym. Replies others wrote stay either way."),
        error_messages={"required": _("Please choose what happens to your public words.")},
    )
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Please enter your password.")},
    )
    code = forms.CharField(
        label=_("Code from your authenticator app, or a recovery code"),
        max_length=64,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        error_messages={"required": _("Please enter the code from your authenticator app.")},
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account is deleted for good and cannot be brought back."),
        error_messages={"required": _("Please tick the box to confirm.")},
    )

    def __init__(self, *args, member, **kwargs):
        super().__init__(*args, **kwargs)
        self.member = member
        self.needs_code = selectors.has_second_factor(member)
        if not self.needs_code:
            del self.fields["code"]

    @property
    def _failures_key(self) -> str:
        return f"privacy:erase-failures:{self.member.pk}"

    def _too_many_failures(self) -> bool:
        return cache.get(self._failures_key, 0) >= MAX_FAILURES

    def _count_failure(self) -> None:
        cache.add(self._failures_key, 0, FAILURE_WINDOW_SECONDS)
        try:
            cache.incr(self._failures_key)
        except ValueError:
            cache.set(self._failures_key, 1, FAILURE_WINDOW_SECONDS)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if self._too_many_failures():
            raise forms.ValidationError(_("Too many wrong attempts. Please wait a quarter of an hour and try again."))
        if not self.member.check_password(password):
            self._count_failure()
            raise forms.ValidationError(_("That is not your password."))
        return password

    def clean_code(self):
        from allauth.mfa.models import Authenticator

        code = self.cleaned_data["code"].strip().replace(" ", "")
        if self._too_many_failures():
            raise forms.ValidationError(_("Too many wrong attempts. Please wait a quarter of an hour and try again."))
        authenticators = Authenticator.objects.filter(user=self.member).exclude(type=Authenticator.Type.WEBAUTHN)
        for authenticator in authenticators:
            if authenticator.wrap().validate_code(code):
                return code
        self._count_failure()
        raise forms.ValidationError(_("That code is not right. Codes change every 30 seconds."))

    @property
    def keep_words(self) -> bool:
        return self.cleaned_data["words"] == PublicWords.KEEP
