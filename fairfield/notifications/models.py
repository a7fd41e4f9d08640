from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    REPLIES = "replies", _("Replies to my comments")
    FOLLOWS = "follows", _("New comments in discussions I follow (at most hourly)")
    MODERATION = "moderation", _("Moderators’ decisions about my comments")


class NotificationPreference(models.Model):
    """A member's choice for one kind of mail; without a row, every kind is on."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("member"),
    )
    kind = models.CharField(_("kind"), max_length=40)
    enabled = models.BooleanField(_("send"), default=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notifications_preference_once"),
        ]

    def __str__(self):
        return f"{self.user_id} {self.kind}: {'on' if self.enabled else 'off'}"


class Notification(models.Model):
    """One e-mail to one person, recorded before the worker sends it, so a failing mail server loses nothing.

    The person is a member (`user`) or, for mail to someone without an account yet, an address (`email`).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("member"),
    )
    email = models.EmailField(_("address"), blank=True, help_text=_("Only for someone without an account."))
    kind = models.CharField(_("kind"), max_length=40)
    subject = models.CharField(_("subject"), max_length=200)
    text = models.TextField(_("text"))
    url = models.CharField(_("link"), max_length=500, blank=True)
    comment = models.ForeignKey(
        "comments.Comment",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("comment"),
        help_text=_("The comment this is about, so the same news is never sent twice."),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["user", "kind", "created_at"], name="notifications_user_kind_date")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(user__isnull=False) | ~models.Q(email=""), name="notifications_has_recipient"
            ),
            models.UniqueConstraint(
                fields=["user", "kind", "comment"],
                condition=models.Q(comment__isnull=False),
                name="notifications_once_per_comment",
            ),
        ]

    def __str__(self):
        return f"{self.kind} to {self.user_id or self.email}: {self.subject}"


class FollowEvent(models.Model):
    """A new comment in a discussion `user` follows, waiting for their next hourly digest."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follow_events", verbose_name=_("member")
    )
    comment = models.ForeignKey(
        "comments.Comment", on_delete=models.CASCADE, related_name="+", verbose_name=_("comment")
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    digest = models.ForeignKey(
        Notification,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        verbose_name=_("digest"),
        help_text=_("The digest that told the member; empty while waiting."),
    )

    class Meta:
        verbose_name = _("followed discussion event")
        verbose_name_plural = _("followed discussion events")
        constraints = [models.UniqueConstraint(fields=["user", "comment"], name="notifications_follow_event_once")]

    def __str__(self):
        return f"{self.comment_id} for {self.user_id}"


class SuppressionReason(models.TextChoices):
    HARD_BOUNCE = "hard_bounce", _("The address does not exist or refuses our mail")
    COMPLAINT = "complaint", _("The person marked our mail as spam")


class MailSuppression(models.Model):
    """An address we no longer mail, because mail to it bounced for good or its owner complained.

    Every mail the site sends (notifications and the newsletter) checks this list first."""

    email = models.EmailField(_("address"), unique=True, help_text=_("Stored in lower case."))
    reason = models.CharField(_("reason"), max_length=16, choices=SuppressionReason.choices)
    detail = models.CharField(_("detail"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("since"), default=timezone.now)
    member_told_at = models.DateTimeField(_("member told at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("suppressed address")
        verbose_name_plural = _("suppressed addresses")
        constraints = [
            models.CheckConstraint(condition=models.Q(reason__in=SuppressionReason.values), name="suppression_reason"),
            models.CheckConstraint(condition=models.Q(email=Lower("email")), name="suppression_lower"),
        ]

    def __str__(self):
        return f"{self.email} ({self.reason})"
