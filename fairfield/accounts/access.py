"""One answer to "may this user do X to this object?" for the whole project.

Apps register a rule per action with ``@rule("app.thing.verb")``; views,
templates and services ask ``may(user, "app.thing.verb", obj)`` or
``require(...)``, which raises PermissionDenied. An unknown action is an error,
never a silent "yes".
"""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied

from fairfield.accounts.models import ProfileVisibility
from fairfield.accounts.roles import Role, has_role

Rule = Callable[..., bool]
_RULES: dict[str, Rule] = {}


def rule(action: str) -> Callable[[Rule], Rule]:
    def register(predicate: Rule) -> Rule:
        if action in _RULES:
            raise ValueError(f"A rule for {action!r} is already registered.")
        _RULES[action] = predicate
        return predicate

    return register


def may(user, action: str, obj=None) -> bool:
    try:
        predicate = _RULES[action]
    except KeyError:
        raise LookupError(f"No access rule is registered for {action!r}.") from None
    if not user.is_active and user.is_authenticated:
        return False
    return bool(predicate(user, obj))


def require(user, action: str, obj=None) -> None:
    if not may(user, action, obj):
        raise PermissionDenied(action)


@rule("accounts.profile.view")
def _view_profile(user, member) -> bool:
    return member.is_active


@rule("accounts.profile.view_self_description")
def _view_self_description(user, member) -> bool:
    if user.is_authenticated and user.pk == member.pk:
        return True
    if member.profile_visibility == ProfileVisibility.PUBLIC:
        return True
    return member.profile_visibility == ProfileVisibility.MEMBERS and user.is_authenticated


@rule("accounts.profile.edit")
def _edit_profile(user, member) -> bool:
    return user.is_authenticated and user.pk == member.pk


@rule("accounts.email.view")
def _view_email(user, member) -> bool:
    """E-mail addresses are never shown to other members, whatever their role."""
    return user.is_authenticated and user.pk == member.pk


@rule("admin.access")
def _access_admin(user, _obj) -> bool:
    return user.is_authenticated and user.has_perm("wagtailadmin.access_admin")


@rule("review.commentary.write")
def _write_commentary(user, _obj) -> bool:
    return has_role(user, Role.SURVIVOR_REVIEWER)


@rule("publishing.page.publish")
def _publish_page(user, page) -> bool:
    return user.is_authenticated and page.permissions_for_user(user).can_publish()
