"""Who may do what at a round table; every view and service asks `may(user, "roundtables.…", obj)`."""

from fairfield.accounts.access import rule
from fairfield.accounts.roles import Role, has_role
from fairfield.roundtables.models import TableStatus


def is_facilitator(user, table) -> bool:
    return user.is_authenticated and table.facilitator_id == user.pk


@rule("roundtables.table.view")
def _view_table(user, table) -> bool:
    if table.status != TableStatus.SETTING_UP:
        return True
    return is_facilitator(user, table) or has_role(user, Role.EDITOR)


@rule("roundtables.table.manage")
def _manage_table(user, table) -> bool:
    """Set up tables and seats in the admin."""
    return has_role(user, Role.EDITOR)


@rule("roundtables.table.facilitate")
def _facilitate(user, table) -> bool:
    return is_facilitator(user, table)


@rule("roundtables.seat.speak")
def _speak(user, seat) -> bool:
    """Only the member bound to a seat speaks, marks and proposes for it."""
    return user.is_authenticated and seat.holder_id == user.pk


@rule("roundtables.table.ask")
def _ask(user, table) -> bool:
    """Observers are members who hold no seat and do not facilitate."""
    if not user.is_authenticated or table.status in (TableStatus.SETTING_UP, TableStatus.CLOSED):
        return False
    if is_facilitator(user, table):
        return False
    return not table.seats.filter(holder=user).exists()


@rule("roundtables.table.read_current_round")
def _read_current_round(user, table) -> bool:
    """The round in progress is read by those at the table; readers see finished rounds only."""
    if not user.is_authenticated:
        return False
    return is_facilitator(user, table) or table.seats.filter(holder=user).exists()
