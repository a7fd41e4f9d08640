from django.core.management.base import BaseCommand

from fairfield.testimony.services import figures_rebuild


class Command(BaseCommand):
    help = "Recount the public figures from the testimonies themselves (after an import or a repair)."

    def handle(self, *args, **options):
        self.stdout.write(f"Rebuilt {figures_rebuild()} figure cells.")
