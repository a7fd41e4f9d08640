from django.core.management.base import BaseCommand

from fairfield.newsletter.services import deliveries_retry_due, subscriber_purge_unconfirmed


class Command(BaseCommand):
    help = "Queue again the newsletter deliveries whose retry time has come, and forget unconfirmed addresses."

    def handle(self, *args, **options):
        retried = deliveries_retry_due()
        purged = subscriber_purge_unconfirmed()
        self.stdout.write(f"Queued {retried} deliveries again; forgot {purged} unconfirmed records.")
