"""The round-table clock, run by the task worker; `roundtables_tick` queues it."""

from django.tasks import task

from fairfield.roundtables import services


@task
def tables_tick_task() -> dict:
    return services.tables_tick()
