from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "fairfield.moderation"
    label = "moderation"
    verbose_name = _("Moderation")

    def ready(self):
        from fairfield.comments.signals import comment_changed
        from fairfield.moderation import access  # noqa: F401 - registers the access rules
        from fairfield.moderation.handlers import queue_watched_comment

        comment_changed.connect(queue_watched_comment, dispatch_uid="moderation_queue_watched")
