"""Wagtail's member management, without real names and with Fairfield's pseudonym rules.

Wagtail's own user forms make first and last name required; Fairfield never asks for them.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet

from fairfield.accounts.models import User
from fairfield.accounts.pseudonyms import clean_pseudonym, pseudonym_key


class _PseudonymFormMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("first_name", "last_name"):
            if name in self.fields:
                self.fields[name].required = False
                self.fields[name].widget = forms.HiddenInput()

    def clean_pseudonym(self):
        pseudonym = clean_pseudonym(self.cleaned_data["pseudonym"])
        others = User.objects.filter(pseudonym_key=pseudonym_key(pseudonym))
        if self.instance.pk is not None:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(_("Another member already uses that pseudonym (or one that looks the same)."))
        return pseudonym


class MemberCreationForm(_PseudonymFormMixin, UserCreationForm):
    pass


class MemberEditForm(_PseudonymFormMixin, UserEditForm):
    pass


class MemberViewSet(UserViewSet):
    def get_form_class(self, for_update=False):
        return MemberEditForm if for_update else MemberCreationForm
