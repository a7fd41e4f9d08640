from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "fairfield.accounts"
    label = "accounts"
    verbose_name = "Accounts"
