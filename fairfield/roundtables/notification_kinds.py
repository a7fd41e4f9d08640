"""The mail round tables send, registered with the notifications service."""

from django.utils.translation import gettext_lazy as _

from fairfield.notifications import kinds

INVITATION = kinds.register("roundtables.invitation", _("Round-table invitations"), transactional=True)
TURN_OPEN = kinds.register("roundtables.turn_open", _("Round tables: your turn is open"))
DEADLINE_SOON = kinds.register("roundtables.deadline_soon", _("Round tables: your turn closes within a day"))
ROUND_ENDED = kinds.register("roundtables.round_ended", _("Round tables: a round has ended"))
TABLE_CLOSED = kinds.register("roundtables.table_closed", _("Round tables: a table has closed"))
