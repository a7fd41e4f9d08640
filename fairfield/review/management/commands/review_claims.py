from django.core.management.base import BaseCommand

from fairfield.review.tasks import claims_housekeeping_task


class Command(BaseCommand):
    help = "Queue the review housekeeping task: remind reviewers of claims due soon, return overdue ones to the queue."

    def handle(self, *args, **options):
        result = claims_housekeeping_task.enqueue()
        self.stdout.write(f"Queued review housekeeping ({result.id}).")
