"""Typed audit actions: each app declares its own enum, a subclass of `AuditAction`.

    class RoundtableAction(AuditAction):
        TURN_HELD = "roundtables.turn.held", _("turn held for review")

Values are dotted `app.thing.verb`; the first part names the app the report filters by.
"""

from django.db import models


class AuditAction(models.TextChoices):
    """The base of every app's audit actions; it has none of its own."""


def all_actions() -> list[AuditAction]:
    """Every action of every app that declared some (their modules are imported by the app registry)."""
    return [action for enum in AuditAction.__subclasses__() for action in enum]


def action_label(value: str) -> str:
    for action in all_actions():
        if action.value == value:
            return str(action.label)
    return value
