from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from fairfield.donations import services


class Command(BaseCommand):
    help = "Mail every donor their annual giving statement (PDF); run in January for the year before. Safe to repeat."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="The year to report (default: last year).")

    def handle(self, *args, **options):
        year = options["year"] or timezone.localdate().year - 1
        if not 2000 <= year <= timezone.localdate().year:
            raise CommandError("--year must be a past or the current year.")
        sent = services.statements_send(year=year)
        self.stdout.write(f"{sent} statements for {year} sent.")
