from django.core.management.base import BaseCommand

from fairfield.testimony.services import keys_rotate


class Command(BaseCommand):
    help = "Re-encrypt every kept testimony under the newest of FAIRFIELD_TESTIMONY_KEYS (put the new key first)."

    def handle(self, *args, **options):
        count = keys_rotate()
        self.stdout.write(f"Re-encrypted {count} testimonies under the newest key; older keys can now be removed.")
