from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "fairfield.publishing"
    label = "publishing"
    verbose_name = "Publishing"
