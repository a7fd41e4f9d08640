"""Wagtail's member management, without real names and with Fairfield's pseudonym rules.

Wagtail's own user forms make first and last name required; Fairfield never asks for them.
"""

from django import forms
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet

from fairfield.accounts import selectors, services
from fairfield.accounts.pseudonyms import clean_pseudonym


class _PseudonymFormMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("first_name", "last_name"):
            if name in self.fields:
                self.fields[name].required = False
                self.fields[name].widget = forms.HiddenInput()

    def clean_pseudonym(self):
        pseudonym = clean_pseudonym(self.cleaned_data["pseudonym"])
        if selectors.pseudonym_in_use(pseudonym, excluding=self.instance if self.instance.pk else None):
            raise forms.ValidationError(services.PSEUDONYM_TAKEN)
        return pseudonym


class MemberCreationForm(_PseudonymFormMixin, UserCreationForm):
    pass


class MemberEditForm(_PseudonymFormMixin, UserEditForm):
    pass


class MemberViewSet(UserViewSet):
    def get_form_class(self, for_update=False):
        return MemberEditForm if for_update else MemberCreationForm
