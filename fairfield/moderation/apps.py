from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "fairfield.moderation"
    label = "moderation"
    verbose_name = "Moderation"
