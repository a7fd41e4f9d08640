from django.core.management.base import BaseCommand

from fairfield.testimony.models import DRAFT_DAYS
from fairfield.testimony.services import drafts_expire


class Command(BaseCommand):
    help = f"Delete testimony drafts nobody has saved for {DRAFT_DAYS} days, as the form promises."

    def handle(self, *args, **options):
        self.stdout.write(f"Deleted {drafts_expire()} expired drafts.")
