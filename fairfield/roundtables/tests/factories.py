"""Tables for tests: `make_table` builds a table whose seats are all taken, ready to start."""

from datetime import timedelta

from django.utils import timezone

from fairfield.accounts.roles import Role
from fairfield.accounts.tests.factories import UserFactory
from fairfield.roundtables import services
from fairfield.roundtables.models import Seat, Stakeholder

FOUR = [Stakeholder.SURVIVOR, Stakeholder.PSYCHIATRIST, Stakeholder.SURVIVOR, Stakeholder.POLICE]


def make_table(*, stakeholders=None, facilitator=None, slug="crisis", start=False, now=None, **fields) -> tuple:
    """A table with one member bound to each seat; returns (table, seats in position order)."""
    now = now or timezone.now()
    stakeholders = stakeholders or FOUR
    facilitator = facilitator or UserFactory(pseudonym=f"Facilitator {slug}", roles=[Role.MEMBER])
    table = services.table_create(
        question=fields.pop("question", "Who decides what counts as a crisis?"),
        slug=slug,
        framing="How the table works.",
        facilitator=facilitator,
        starts_at=fields.pop("starts_at", now),
        seats=[{"stakeholder": stakeholder} for stakeholder in stakeholders],
        **fields,
    )
    seats = list(table.seats.order_by("position"))
    for seat in seats:
        holder = UserFactory(pseudonym=f"{slug} holder {seat.position}", roles=[Role.MEMBER])
        Seat.objects.filter(pk=seat.pk).update(
            holder=holder, display_name=f"Name {seat.position}", accepted_at=now, consented_to_publication=True
        )
        seat.refresh_from_db()
    if start:
        services.table_start(table=table, now=now)
        table.refresh_from_db()
    return table, seats


def later(now, **delta):
    return now + timedelta(**delta)
