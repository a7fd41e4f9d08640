from django.core.management.base import BaseCommand
from django.utils import timezone

from fairfield.newsletter.services import digest_period
from fairfield.newsletter.tasks import digest_send_task


class Command(BaseCommand):
    help = "Queue this week's digest of the past seven days' articles (run weekly, on Monday; twice is harmless)."

    def handle(self, *args, **options):
        period = digest_period(timezone.localdate())
        digest_send_task.enqueue(period.isoformat())
        self.stdout.write(f"Queued the digest for the week of {period.isoformat()}.")
