from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "fairfield.comments"
    label = "comments"
    verbose_name = "Comments"

    def ready(self):
        from fairfield.comments import access, handlers  # noqa: F401 - registers the access rules, connects receivers
