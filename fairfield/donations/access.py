"""Who may see and change donations in the admin: Admins only, since gifts carry donors' names and addresses."""

from fairfield.accounts.access import rule
from fairfield.accounts.roles import Role, has_role


@rule("donations.manage")
def _manage(user, _obj) -> bool:
    if not user.is_authenticated:
        return False
    return has_role(user, Role.ADMIN)
