from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "fairfield.comments"
    label = "comments"
    verbose_name = "Comments"

    def ready(self):
        from fairfield.comments import handlers  # noqa: F401 - connects the receivers
