from django.core.management.base import BaseCommand

from fairfield.donations import services, webhooks


class Command(BaseCommand):
    help = (
        "Every 5 minutes: process Stripe events whose retry time has come, and send receipts the mail server refused."
    )

    def handle(self, *args, **options):
        events = webhooks.events_retry_due()
        receipts = services.receipts_send_unsent()
        self.stdout.write(f"{events} Stripe events retried, {receipts} receipts sent.")
