from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from fairfield.donations.reconcile import donations_reconcile


class Command(BaseCommand):
    help = "Compare card gifts with Stripe's charges over the last N days and print every difference (exit 1 if any)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=35, help="How far back to look (default 35).")

    def handle(self, *args, **options):
        if options["days"] < 1:
            raise CommandError("--days must be at least 1.")
        until = timezone.now()
        differences = donations_reconcile(since=until - timedelta(days=options["days"]), until=until)
        if not differences:
            self.stdout.write("No differences between our records and Stripe's.")
            return
        for line in differences:
            self.stdout.write(line)
        raise CommandError(f"{len(differences)} differences found.")
