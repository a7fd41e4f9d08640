from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DonationsConfig(AppConfig):
    name = "fairfield.donations"
    label = "donations"
    verbose_name = _("Donations")

    def ready(self):
        from fairfield.donations import access  # noqa: F401 - registers the access rules
