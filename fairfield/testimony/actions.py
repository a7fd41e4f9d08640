from django.utils.translation import gettext_lazy as _

from fairfield.audit.actions import AuditAction


class TestimonyAction(AuditAction):
    SUBMITTED = "testimony.testimony.submitted", _("testimony submitted")
    PUBLISHED = "testimony.testimony.published", _("testimony accepted into the archive")
    REDACTION_AGREED = "testimony.testimony.redaction_agreed", _("writer agreed with the redaction")
    CONSENT_CHANGED = "testimony.testimony.consent_changed", _("testimony consent changed")
    WITHDRAWN = "testimony.testimony.withdrawn", _("testimony withdrawn")
    EXPORTED = "testimony.research.exported", _("research export downloaded")
    RESEARCHER_DECIDED = "testimony.research.decided", _("researcher access decided")
    KEYS_ROTATED = "testimony.keys.rotated", _("testimony keys rotated")
