from django.apps import AppConfig


class DonationsConfig(AppConfig):
    name = "fairfield.donations"
    label = "donations"
    verbose_name = "Donations"
