"""The account forms: allauth's, in Fairfield's words, and the profile form.

allauth picks its forms from settings.ACCOUNT_FORMS (see fairfield/settings).
Every form renders with accounts/includes/form.html: labels, help and errors
tied to their fields, and an error summary at the top.
"""

from allauth.account import forms as allauth_forms
from django import forms
from django.contrib.auth.password_validation import UserAttributeSimilarityValidator
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from fairfield.accounts import selectors
from fairfield.accounts.fields import PseudonymField, make_messages_friendly
from fairfield.accounts.models import ProfileVisibility, Relationship, User
from fairfield.accounts.services import ABOUT_MAX_LENGTH, PSEUDONYM_TAKEN
from fairfield.lib.forms import StorableTextMixin


class FairfieldFormMixin(StorableTextMixin):
    template_name = "accounts/includes/form.html"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            make_messages_friendly(field)
            # Labels say what to type; a placeholder repeating them only disappears when typing starts.
            field.widget.attrs.pop("placeholder", None)

    def _relabel(self, name, label, *, required=None, help_text=None):
        field = self.fields[name]
        field.label = label
        if required is not None:
            field.error_messages["required"] = required
        if help_text is not None:
            field.help_text = help_text


class SignupForm(FairfieldFormMixin, allauth_forms.SignupForm):
    """Sign-up: e-mail, pseudonym and password, nothing else — never a real name."""

    pseudonym = PseudonymField()
    field_order = ["email", "pseudonym", "password1", "password2"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._relabel(
            "email",
            _("E-mail address"),
            required=_("Please enter your e-mail address."),
            help_text=_("We send you a link to confirm it. Nobody else ever sees your address."),
        )
        self._relabel("password1", _("Password"), required=_("Please choose a password."))
        self._relabel(
            "password2",
            _("Password again"),
            required=_("Please type your password a second time."),
            help_text=_("Type the same password again, to be sure it is the one you meant."),
        )

    def clean_pseudonym(self):
        pseudonym = self.cleaned_data["pseudonym"]
        if selectors.pseudonym_in_use(pseudonym):
            raise ValidationError(PSEUDONYM_TAKEN, code="taken")
        return pseudonym

    def clean(self):
        cleaned_data = super().clean()
        # allauth compares the password with the e-mail address; the pseudonym is just as public.
        pseudonym = cleaned_data.get("pseudonym")
        password = cleaned_data.get("password1")
        if pseudonym and password and "password1" not in self.errors:
            similarity = UserAttributeSimilarityValidator(user_attributes=("pseudonym",))
            try:
                similarity.validate(password, User(pseudonym=pseudonym))
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned_data


class LoginForm(FairfieldFormMixin, allauth_forms.LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._relabel("login", _("E-mail address"), required=_("Please enter your e-mail address."))
        # The "Forgot your password?" link sits below the form instead.
        self._relabel("password", _("Password"), required=_("Please enter your password."), help_text="")
        if "remember" in self.fields:
            self._relabel("remember", _("Keep me logged in on this device"))


class ResetPasswordForm(FairfieldFormMixin, allauth_forms.ResetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._relabel("email", _("E-mail address"), required=_("Please enter your e-mail address."))


class ResetPasswordKeyForm(FairfieldFormMixin, allauth_forms.ResetPasswordKeyForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._relabel("password1", _("New password"), required=_("Please choose a new password."))
        self._relabel("password2", _("New password again"), required=_("Please type the new password a second time."))


class ChangePasswordForm(FairfieldFormMixin, allauth_forms.ChangePasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._relabel(
            "oldpassword", _("Current password"), required=_("Please enter your current password."), help_text=""
        )
        self._relabel("password1", _("New password"), required=_("Please choose a new password."))
        self._relabel("password2", _("New password again"), required=_("Please type the new password a second time."))


class AddEmailForm(FairfieldFormMixin, allauth_forms.AddEmailForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._relabel(
            "email",
            _("New e-mail address"),
            required=_("Please enter the e-mail address to add."),
            help_text=_("We send a link to it; it is added once you open the link."),
        )


class ReauthenticateForm(FairfieldFormMixin, allauth_forms.ReauthenticateForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._relabel("password", _("Password"), required=_("Please enter your password."), help_text="")


class ProfileForm(FairfieldFormMixin, forms.Form):
    """A member's public name and their optional, private-by-default self-description."""

    pseudonym = PseudonymField(
        help_text=_(
            "The name other people see, in your profile address too. It should not be your real name. "
            "Letters and numbers in any language, spaces, and . _ - ' are fine."
        )
    )
    relationships = forms.MultipleChoiceField(
        label=_("My relationship to psychiatry"),
        help_text=_("Tick any that fit, or none. This is how you describe yourself; nobody checks it."),
        choices=Relationship.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": _("“%(value)s” is not one of the choices.")},
    )
    about = forms.CharField(
        label=_("About me"),
        help_text=format_lazy(
            _("Up to {max} characters. Please leave out anything that could identify you or other people."),
            max=ABOUT_MAX_LENGTH,
        ),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=ABOUT_MAX_LENGTH,
        required=False,
        error_messages={
            "max_length": _("Please keep this to %(limit_value)d characters or fewer (it has %(show_value)d).")
        },
    )
    profile_visibility = forms.ChoiceField(
        label=_("Who can see my relationship to psychiatry and “About me”"),
        help_text=_("Your pseudonym and the month you joined are always public."),
        choices=ProfileVisibility.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Please choose who can see your self-description."),
            "invalid_choice": _("“%(value)s” is not one of the choices."),
        },
    )

    def __init__(self, *args, member: User, **kwargs):
        self.member = member
        kwargs.setdefault(
            "initial",
            {
                "pseudonym": member.pseudonym,
                "relationships": member.relationships,
                "about": member.about,
                "profile_visibility": member.profile_visibility,
            },
        )
        super().__init__(*args, **kwargs)
        # A browser would cut a long text off silently; the error message says what to do instead.
        self.fields["about"].widget.attrs.pop("maxlength", None)

    def clean_pseudonym(self):
        pseudonym = self.cleaned_data["pseudonym"]
        if selectors.pseudonym_in_use(pseudonym, excluding=self.member):
            raise ValidationError(PSEUDONYM_TAKEN, code="taken")
        return pseudonym
