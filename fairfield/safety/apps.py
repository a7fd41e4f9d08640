from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "fairfield.safety"
    label = "safety"
    verbose_name = "Safety"
