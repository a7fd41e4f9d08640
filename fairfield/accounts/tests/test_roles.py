import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupApprovalTask, Page

from fairfield.accounts.roles import Role, has_role, requires_mfa, roles_of
from fairfield.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_every_role_exists_as_a_group():
    assert set(Group.objects.values_list("name", flat=True)) >= set(Role.values)


def test_editors_can_publish_pages_and_contributors_cannot(editor, contributor):
    home = Page.objects.get(depth=2)
    assert home.permissions_for_user(editor).can_publish()
    assert not home.permissions_for_user(contributor).can_publish()
    assert home.permissions_for_user(contributor).can_add_subpage()


def test_moderators_reach_the_admin_but_not_the_page_tree(moderator):
    home = Page.objects.get(depth=2)
    assert moderator.has_perm("wagtailadmin.access_admin")
    assert not home.permissions_for_user(moderator).can_edit()


def test_members_do_not_reach_the_admin(member):
    assert not member.has_perm("wagtailadmin.access_admin")


def test_only_admins_manage_members(admin_user, editor):
    assert admin_user.has_perm("accounts.change_user")
    assert not editor.has_perm("accounts.change_user")


def test_page_approval_is_done_by_editors_not_moderators():
    task_groups = {group.name for task in GroupApprovalTask.objects.all() for group in task.groups.all()}
    assert "Editors" in task_groups
    assert "Moderators" not in task_groups


def test_roles_of_lists_the_groups_a_member_holds(moderator, member):
    assert roles_of(moderator) == {Role.MEMBER, Role.MODERATOR}
    assert has_role(moderator, Role.MODERATOR)
    assert not has_role(member, Role.MODERATOR)


def test_superusers_hold_every_staff_role_but_are_survivor_reviewers_only_in_that_group():
    root = UserFactory(is_superuser=True)
    assert roles_of(root) == set(Role.values) - {Role.SURVIVOR_REVIEWER}
    reviewer_root = UserFactory(is_superuser=True, roles=[Role.SURVIVOR_REVIEWER])
    assert roles_of(reviewer_root) == set(Role.values)


def test_inactive_members_hold_no_role():
    suspended = UserFactory(roles=[Role.EDITOR], is_active=False)
    assert roles_of(suspended) == frozenset()


@pytest.mark.parametrize(
    ("role", "needed"),
    [
        (Role.MEMBER, False),
        (Role.CONTRIBUTOR, False),
        (Role.SURVIVOR_REVIEWER, False),
        (Role.MODERATOR, True),
        (Role.EDITOR, True),
        (Role.ADMIN, True),
    ],
)
def test_second_factor_is_required_for_moderators_editors_and_admins(role, needed):
    assert requires_mfa(UserFactory(roles=[role])) is needed
