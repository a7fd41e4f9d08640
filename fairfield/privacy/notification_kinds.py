"""The mail this app sends: only the link to a member's own export, which they asked for."""

from django.utils.translation import gettext_lazy as _

from fairfield.notifications import kinds

EXPORT_READY = kinds.register("privacy.export_ready", _("Your data export is ready"), transactional=True)
