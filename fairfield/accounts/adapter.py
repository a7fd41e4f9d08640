from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.utils.translation import gettext_lazy as _

from fairfield.accounts.models import User
from fairfield.accounts.pseudonyms import clean_pseudonym, pseudonym_key


class AccountAdapter(DefaultAccountAdapter):
    """Pseudonyms instead of user names; no real name is ever asked for."""

    def clean_username(self, username, shallow=False):
        try:
            pseudonym = clean_pseudonym(username)
        except forms.ValidationError:
            raise
        if not shallow and User.objects.filter(pseudonym_key=pseudonym_key(pseudonym)).exists():
            raise forms.ValidationError(
                _("Someone already uses that pseudonym (or one that looks the same); please choose another."),
                code="taken",
            )
        return pseudonym

    def populate_username(self, request, user):
        """Pseudonyms are always chosen by the member, never generated from an e-mail address."""
