from django.core.management.base import BaseCommand

from fairfield.notifications.services import digests_send


class Command(BaseCommand):
    help = "Mail followers the new comments in discussions they follow (at most hourly each); retry failed mail."

    def handle(self, *args, **options):
        made = digests_send()
        self.stdout.write(f"{made} digest(s) queued.")
