from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DonationsConfig(AppConfig):
    name = "fairfield.donations"
    label = "donations"
    verbose_name = _("Donations")

    def ready(self):
        from django.db.models.signals import post_save

        from fairfield.donations import access  # noqa: F401 - registers the access rules
        from fairfield.donations.models import Campaign, Donation, DonationSettings
        from fairfield.publishing.page_cache import every_page_changed

        # The "Support us" block at the end of every article shows the campaign's progress.
        for model in (DonationSettings, Campaign, Donation):
            post_save.connect(every_page_changed, sender=model, dispatch_uid=f"page_cache_{model.__name__}")
