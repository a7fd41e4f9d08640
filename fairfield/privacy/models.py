import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fairfield.audit.actions import AuditAction


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("Being prepared")
    READY = "ready", _("Ready to download")
    FAILED = "failed", _("Could not be prepared")
    EXPIRED = "expired", _("Link expired")


class DataExport(models.Model):
    """A member's request for a copy of everything Fairfield holds about them, and the ZIP the worker built.

    The archive lives in the database, not in the media folder, so nothing the web server publishes can ever
    hold it, and it goes with the account (CASCADE) or when its link expires (`privacy_purge_exports`).
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_exports", verbose_name=_("member")
    )
    status = models.CharField(_("status"), max_length=10, choices=ExportStatus.choices, default=ExportStatus.QUEUED)
    requested_at = models.DateTimeField(_("asked for at"), auto_now_add=True)
    ready_at = models.DateTimeField(_("ready at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("link expires at"), null=True, blank=True)
    archive = models.BinaryField(_("ZIP archive"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("data export")
        verbose_name_plural = _("data exports")
        constraints = [
            models.CheckConstraint(condition=Q(status__in=ExportStatus.values), name="privacy_export_status_valid"),
            models.CheckConstraint(
                condition=~Q(status=ExportStatus.READY) | Q(archive__isnull=False, expires_at__isnull=False),
                name="privacy_export_ready_has_archive",
            ),
            models.UniqueConstraint(
                fields=["user"], condition=Q(status=ExportStatus.QUEUED), name="privacy_one_export_in_progress"
            ),
        ]

    def __str__(self):
        return f"Data export {self.public_id} ({self.status})"


class PrivacyAction(AuditAction):
    EXPORT_REQUESTED = "privacy.export.requested", _("data export asked for")
    EXPORT_READY = "privacy.export.ready", _("data export ready")
    ACCOUNT_ERASED = "privacy.account.erased", _("account deleted by its member")
