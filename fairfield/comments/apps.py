from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "fairfield.comments"
    label = "comments"
    verbose_name = "Comments"
