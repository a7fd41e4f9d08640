from django.apps import AppConfig


class BaseConfig(AppConfig):
    name = "fairfield.base"
    label = "base"
    verbose_name = "Site"
