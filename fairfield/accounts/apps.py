from django.apps import AppConfig
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    name = "fairfield.accounts"
    label = "accounts"
    verbose_name = "Accounts"


class FairfieldUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's member management, with Fairfield's forms (see accounts/wagtail_users.py)."""

    user_viewset = "fairfield.accounts.wagtail_users.MemberViewSet"
