from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TestimonyConfig(AppConfig):
    name = "fairfield.testimony"
    label = "testimony"
    verbose_name = _("Testimony archive")

    def ready(self):
        from fairfield.testimony import actions, services  # noqa: F401 - audit actions and mail kinds
        from fairfield.testimony.cache import archive_forget
        from fairfield.testimony.signals import testimony_changed

        testimony_changed.connect(archive_forget, dispatch_uid="testimony_archive_cache")
