from django.core.management.base import BaseCommand

from fairfield.privacy.services import exports_purge


class Command(BaseCommand):
    help = "Delete the files of data exports whose link expired, and re-queue any the worker never built."

    def handle(self, *args, **options):
        purged = exports_purge()
        self.stdout.write(f"{purged} expired export(s) deleted.")
