from django.core.management.base import BaseCommand

from fairfield.donations import services


class Command(BaseCommand):
    help = "Send every receipt that has not gone out yet (for example after the mail server was down)."

    def handle(self, *args, **options):
        sent = services.receipts_send_unsent()
        self.stdout.write(f"{sent} receipts sent.")
