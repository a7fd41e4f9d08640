from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DonationsConfig(AppConfig):
    name = "fairfield.donations"
    label = "donations"
    verbose_name = _("Donations")

    def ready(self):
        from django.db.models.signals import post_save

        from fairfield.donations import access, emails  # noqa: F401 - register the access rules and kinds of mail
        from fairfield.donations.models import Campaign, Donation, DonationSettings, Status
        from fairfield.publishing.page_cache import every_page_changed

        # The "Support us" block at the end of every article shows the campaign and its progress.
        for model in (DonationSettings, Campaign):
            post_save.connect(every_page_changed, sender=model, dispatch_uid=f"page_cache_{model.__name__}")

        def progress_changed(sender, instance, update_fields=None, **kwargs):
            # Progress counts succeeded gifts; a gift still being made (or one that failed) shows nowhere.
            if update_fields is not None and "status" not in update_fields:
                return
            if instance.status in {Status.SUCCEEDED, Status.REFUNDED}:
                every_page_changed()

        post_save.connect(progress_changed, sender=Donation, weak=False, dispatch_uid="page_cache_Donation")
