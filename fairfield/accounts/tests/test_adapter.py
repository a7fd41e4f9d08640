import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import ValidationError

from fairfield.accounts.adapter import AccountAdapter, MFAAdapter
from fairfield.accounts.roles import Role, has_role
from fairfield.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_clean_username_tidies_a_pseudonym():
    assert AccountAdapter().clean_username("  Sorrel  Green ") == "Sorrel Green"


def test_clean_username_refuses_a_pseudonym_that_reads_like_anothers(member):
    with pytest.raises(ValidationError, match="already uses that pseudonym"):
        AccountAdapter().clean_username("W.R.E.N")


def test_a_shallow_clean_username_only_checks_the_form(member):
    assert AccountAdapter().clean_username("wren", shallow=True) == "wren"


def test_no_pseudonym_is_ever_made_up_from_an_email_address():
    user = UserFactory.build(pseudonym="")
    AccountAdapter().populate_username(None, user)
    assert user.pseudonym == ""


def test_confirming_an_address_makes_the_owner_a_member(rf):
    newcomer = UserFactory(verified=False)
    address = EmailAddress.objects.create(user=newcomer, email=newcomer.email, primary=True, verified=False)
    request = rf.post("/")
    request.user = newcomer
    request.session = {}
    request._messages = FallbackStorage(request)

    assert AccountAdapter(request).confirm_email(request, address)

    address.refresh_from_db()
    assert address.verified
    assert has_role(newcomer, Role.MEMBER)


def test_staff_may_not_remove_their_authenticator_but_members_may(editor, member):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(member, generate_totp_secret())
    adapter = MFAAdapter()
    assert not adapter.can_delete_authenticator(Authenticator.objects.get(user=editor, type="totp"))
    assert adapter.can_delete_authenticator(Authenticator.objects.get(user=member, type="totp"))
