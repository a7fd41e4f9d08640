from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from fairfield.accounts import selectors, services
from fairfield.accounts.pseudonyms import clean_pseudonym
from fairfield.accounts.roles import requires_mfa


class AccountAdapter(DefaultAccountAdapter):
    """Pseudonyms instead of user names; no real name is ever asked for."""

    error_messages = {
        **DefaultAccountAdapter.error_messages,
        # The same words whether or not the address has an account, so the form tells nobody who is a member.
        "email_password_mismatch": _(
            "That e-mail address and password do not match an account. Please check both and try again."
        ),
        "enter_current_password": _("That is not your current password; please type it again."),
        "incorrect_password": _("That password is not right; please type it again."),
        "too_many_login_attempts": _("Too many attempts to log in. Please wait a few minutes and try again."),
        "duplicate_email": _("This e-mail address is already part of your account."),
        "invalid_password_reset": _("This password reset link has expired or has already been used."),
    }

    def clean_username(self, username, shallow=False):
        pseudonym = clean_pseudonym(username)
        if not shallow and selectors.pseudonym_in_use(pseudonym):
            raise forms.ValidationError(services.PSEUDONYM_TAKEN, code="taken")
        return pseudonym

    def populate_username(self, request, user):
        """Pseudonyms are always chosen by the member, never generated from an e-mail address."""

    def save_user(self, request, user, form, commit=True):
        data = form.cleaned_data
        if not commit:
            user = super().save_user(request, user, form, commit=False)
            user.pseudonym = data["pseudonym"]
            return user
        return services.member_create(
            email=data["email"],
            pseudonym=data["pseudonym"],
            password=data.get("password1"),
        )

    def confirm_email(self, request, email_address):
        with transaction.atomic():
            confirmed = super().confirm_email(request, email_address)
            if confirmed:
                services.member_join(member=email_address.user)
        return confirmed


class MFAAdapter(DefaultMFAAdapter):
    """Two-factor authentication in Fairfield's words; staff cannot turn it off."""

    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "incorrect_code": _("That code is not right. Codes change every 30 seconds; please type the newest one."),
        "cannot_delete_authenticator": _(
            "Moderators, editors and admins must keep two-factor authentication on, so it cannot be turned off."
        ),
    }

    def can_delete_authenticator(self, authenticator):
        return not requires_mfa(authenticator.user)
