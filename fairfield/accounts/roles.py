"""The roles people hold on Fairfield, kept as Django groups.

The groups and their Wagtail permissions are created by the data migration
accounts/0002_roles; this module is how the rest of the project asks about them.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    MEMBER = "Members", _("Member")
    CONTRIBUTOR = "Contributors", _("Contributor")
    SURVIVOR_REVIEWER = "Survivor reviewers", _("Survivor reviewer")
    MODERATOR = "Moderators", _("Moderator")
    EDITOR = "Editors", _("Editor")
    ADMIN = "Admins", _("Admin")


# Roles whose holders act on other people's words or on the site itself:
# they must protect their account with a second factor.
MFA_REQUIRED_ROLES = frozenset({Role.MODERATOR, Role.EDITOR, Role.ADMIN})


def roles_of(user) -> frozenset[str]:
    """The role names the user holds, cached on the user object for the request. A superuser holds every role
    except survivor reviewer, which only membership of that group gives."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    cached = getattr(user, "_fairfield_roles", None)
    if cached is None:
        cached = frozenset(user.groups.filter(name__in=Role.values).values_list("name", flat=True))
        if user.is_superuser:
            # Every staff role, but not the survivor reviewers': that is lived experience, not a permission.
            cached = cached | (frozenset(Role.values) - {Role.SURVIVOR_REVIEWER})
        user._fairfield_roles = cached
    return cached


def has_role(user, role: Role) -> bool:
    return role in roles_of(user)


def requires_mfa(user) -> bool:
    return bool(roles_of(user) & MFA_REQUIRED_ROLES)
