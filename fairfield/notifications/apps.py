from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "fairfield.notifications"
    label = "notifications"
    verbose_name = "Notifications"

    def ready(self):
        from fairfield.notifications import handlers  # noqa: F401 - connects the receivers
