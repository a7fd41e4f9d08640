import pytest
from django.core.exceptions import PermissionDenied
from wagtail.models import Page

from fairfield.accounts.access import may, require, rule
from fairfield.accounts.models import ProfileVisibility
from fairfield.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_an_unknown_action_is_an_error_not_a_silent_yes(member):
    with pytest.raises(LookupError):
        may(member, "accounts.profile.teleport", member)


def test_a_rule_cannot_be_registered_twice():
    with pytest.raises(ValueError, match="already registered"):
        rule("accounts.profile.view")(lambda user, obj: True)


def test_require_raises_permission_denied_on_no(reader, member):
    with pytest.raises(PermissionDenied):
        require(reader, "accounts.profile.edit", member)
    require(member, "accounts.profile.edit", member)


def test_an_inactive_member_may_do_nothing_even_to_their_own_profile():
    suspended = UserFactory(is_active=False)
    assert not may(suspended, "accounts.profile.edit", suspended)
    assert not may(suspended, "accounts.email.view", suspended)


def test_anyone_may_view_an_active_members_profile(reader, other_member, member):
    assert may(reader, "accounts.profile.view", member)
    assert may(other_member, "accounts.profile.view", member)


def test_nobody_may_view_an_inactive_members_profile(reader, admin_user):
    suspended = UserFactory(is_active=False)
    assert not may(reader, "accounts.profile.view", suspended)
    assert not may(admin_user, "accounts.profile.view", suspended)


def test_a_private_self_description_is_for_its_owner_only(reader, member, other_member, admin_user):
    assert member.profile_visibility == ProfileVisibility.PRIVATE
    assert may(member, "accounts.profile.view_self_description", member)
    assert not may(other_member, "accounts.profile.view_self_description", member)
    assert not may(admin_user, "accounts.profile.view_self_description", member)
    assert not may(reader, "accounts.profile.view_self_description", member)


def test_a_members_only_self_description_is_for_signed_in_members(reader, member, other_member):
    member.profile_visibility = ProfileVisibility.MEMBERS
    assert may(other_member, "accounts.profile.view_self_description", member)
    assert not may(reader, "accounts.profile.view_self_description", member)


def test_a_public_self_description_is_for_everyone(reader, member):
    member.profile_visibility = ProfileVisibility.PUBLIC
    assert may(reader, "accounts.profile.view_self_description", member)


def test_only_the_member_may_edit_their_profile(reader, member, other_member, admin_user):
    assert may(member, "accounts.profile.edit", member)
    assert not may(other_member, "accounts.profile.edit", member)
    assert not may(admin_user, "accounts.profile.edit", member)
    assert not may(reader, "accounts.profile.edit", member)


def test_an_email_address_is_shown_to_its_owner_only_whatever_the_role(reader, member, moderator, admin_user):
    assert may(member, "accounts.email.view", member)
    assert not may(moderator, "accounts.email.view", member)
    assert not may(admin_user, "accounts.email.view", member)
    assert not may(reader, "accounts.email.view", member)


def test_staff_roles_reach_the_admin_and_members_do_not(reader, member, contributor, moderator, editor):
    assert may(editor, "admin.access")
    assert may(moderator, "admin.access")
    assert may(contributor, "admin.access")
    assert not may(member, "admin.access")
    assert not may(reader, "admin.access")


def test_only_survivor_reviewers_write_survivor_commentary(reader, survivor_reviewer, contributor, editor):
    assert may(survivor_reviewer, "review.commentary.write")
    assert not may(contributor, "review.commentary.write")
    assert not may(editor, "review.commentary.write")
    assert not may(reader, "review.commentary.write")


def test_editors_publish_pages_and_contributors_and_readers_do_not(reader, editor, contributor):
    home = Page.objects.get(depth=2)
    assert may(editor, "publishing.page.publish", home)
    assert not may(contributor, "publishing.page.publish", home)
    assert not may(reader, "publishing.page.publish", home)
