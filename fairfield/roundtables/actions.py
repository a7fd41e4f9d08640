from django.utils.translation import gettext_lazy as _

from fairfield.audit.actions import AuditAction


class RoundTableAction(AuditAction):
    SEAT_INVITED = "roundtables.seat.invited", _("seat invitation sent")
    SEAT_ACCEPTED = "roundtables.seat.accepted", _("seat invitation accepted")
    TABLE_STARTED = "roundtables.table.started", _("round table started")
    TABLE_PAUSED = "roundtables.table.paused", _("round table paused")
    TABLE_RESUMED = "roundtables.table.resumed", _("round table resumed")
    TABLE_CLOSED = "roundtables.table.closed", _("round table closed")
    ROUND_CLOSED = "roundtables.round.closed", _("round closed")
    TURN_POSTED = "roundtables.turn.posted", _("turn posted")
    TURN_PASSED = "roundtables.turn.passed", _("turn passed")
    TURN_MISSED = "roundtables.turn.missed", _("turn missed its deadline")
    TURN_HELD = "roundtables.turn.held", _("turn held for review")
    TURN_REVISED = "roundtables.turn.revised", _("held turn revised")
    TURN_REMINDED = "roundtables.turn.reminded", _("rules reminder added to a turn")
    NOTE_POSTED = "roundtables.note.posted", _("framing note posted")
    QUESTION_PUT = "roundtables.question.put", _("observer question put to the table")
    STATEMENT_PROPOSED = "roundtables.statement.proposed", _("statement proposed")
