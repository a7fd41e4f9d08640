from django.core.management.base import BaseCommand

from fairfield.roundtables.tasks import tables_tick_task


class Command(BaseCommand):
    help = "Queue the round-table clock: start due tables, close turns whose time ran out, warn a day ahead."

    def handle(self, *args, **options):
        result = tables_tick_task.enqueue()
        self.stdout.write(f"Queued the round-table clock ({result.id}).")
