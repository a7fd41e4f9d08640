"""Who may do what with the magazine's pages, beyond Wagtail's own page permissions."""

from fairfield.accounts.access import rule
from fairfield.accounts.roles import Role, has_role


@rule("publishing.calendar.view")
def _view_calendar(user, _obj) -> bool:
    """The editorial calendar shows every draft's title, so only editors and admins see it."""
    return user.is_authenticated and (has_role(user, Role.EDITOR) or has_role(user, Role.ADMIN))
