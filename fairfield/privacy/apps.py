from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "fairfield.privacy"
    label = "privacy"
    verbose_name = "Privacy"

    def ready(self):
        from fairfield.privacy import access, notification_kinds  # noqa: F401 - registers rules and mail kinds
