from django.utils.translation import gettext_lazy as _

from fairfield.audit.actions import AuditAction


class CommentsAction(AuditAction):
    CLAIMED = "comments.imported.claimed", _("imported comments claimed")
