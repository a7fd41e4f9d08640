from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "fairfield.notifications"
    label = "notifications"
    verbose_name = "Notifications"
