from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "fairfield.review"
    label = "review"
    verbose_name = "Review"
