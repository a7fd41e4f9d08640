from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from fairfield.moderation.normalise import normalise

FLAG_TEXT_MAX_LENGTH = 2000
APPEAL_TEXT_MAX_LENGTH = 4000
REASON_MAX_LENGTH = 2000


class FlagReason(models.TextChoices):
    PERSONAL_ATTACK = "personal_attack", _("A personal attack")
    HARASSMENT = "harassment", _("Harassment")
    SPAM = "spam", _("Spam or advertising")
    PRIVATE_INDIVIDUAL = "private_individual", _("It names a private individual")
    SELF_HARM = "self_harm", _("I am worried the writer may harm themselves")
    OTHER = "other", _("Something else (please say what)")


class FlagQuerySet(models.QuerySet):
    def open(self):
        return self.filter(resolved_at__isnull=True)


class Flag(models.Model):
    """A member tells moderators that a comment needs a look, once per comment."""

    comment = models.ForeignKey("comments.Comment", on_delete=models.CASCADE, related_name="flags")
    flagged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("reason"), max_length=32, choices=FlagReason.choices)
    text = models.TextField(_("details"), blank=True, max_length=FLAG_TEXT_MAX_LENGTH)
    created_at = models.DateTimeField(_("flagged at"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    objects = FlagQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["comment", "flagged_by"], name="moderation_flag_once_per_member"),
            models.CheckConstraint(condition=models.Q(reason__in=FlagReason.values), name="moderation_flag_reason"),
            models.CheckConstraint(
                condition=~models.Q(reason=FlagReason.OTHER) | ~models.Q(text=""),
                name="moderation_flag_other_has_text",
            ),
        ]

    def __str__(self):
        return f"{self.get_reason_display()} on comment {self.comment_id}"


class WordAction(models.TextChoices):
    BLOCK = "block", _("Block: refuse the comment and say why")
    WATCH = "watch", _("Watch: publish, and queue for a moderator's look")
    HOLD = "hold", _("Method detail: show the writer safe-messaging guidance, then hold for a moderator")


class ListedWord(models.Model):
    """A word or phrase on the site's word lists, edited by moderators in the admin (Word lists)."""

    phrase = models.CharField(
        _("word or phrase"),
        max_length=200,
        help_text=_(
            "Matched as whole words, whatever the case, accents written as one or two characters, "
            "or invisible characters in between."
        ),
    )
    action = models.CharField(_("what happens"), max_length=8, choices=WordAction.choices)
    note = models.CharField(_("note for moderators"), max_length=300, blank=True)

    class Meta:
        ordering = ["action", "phrase"]
        verbose_name = _("listed word")
        verbose_name_plural = _("word lists")
        constraints = [
            models.CheckConstraint(condition=models.Q(action__in=WordAction.values), name="moderation_word_action"),
        ]

    def __str__(self):
        return self.phrase

    def clean(self):
        if "\x00" in self.phrase or not normalise(self.phrase).strip():
            raise ValidationError({"phrase": _("Please enter a word or phrase with at least one visible letter.")})
        if not any(char.isalnum() for char in self.phrase):
            raise ValidationError({"phrase": _("Please enter a word or phrase with at least one letter or digit.")})
        same = [
            word for word in ListedWord.objects.exclude(pk=self.pk) if normalise(word.phrase) == normalise(self.phrase)
        ]
        if same:
            raise ValidationError({"phrase": _("“%(phrase)s” is already on a list.") % {"phrase": same[0].phrase}})


class MemberStanding(models.Model):
    """What moderators have decided about one member: a suspension, a ban, pre-moderation."""

    member = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="standing")
    suspended_until = models.DateTimeField(_("suspended until"), null=True, blank=True)
    suspension_reason = models.TextField(_("reason for the suspension"), blank=True)
    banned_at = models.DateTimeField(_("banned at"), null=True, blank=True)
    ban_reason = models.TextField(_("reason for the ban"), blank=True)
    premoderated = models.BooleanField(_("every comment waits for a moderator"), default=False)

    def __str__(self):
        return f"Standing of {self.member}"


class PremoderatedArticle(models.Model):
    """Every comment on this article waits for a moderator while the row exists."""

    article = models.OneToOneField("publishing.ArticlePage", on_delete=models.CASCADE, related_name="+")
    since = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"Pre-moderation on {self.article_id}"


class WatchReviewQuerySet(models.QuerySet):
    def open(self):
        return self.filter(resolved_at__isnull=True)


class WatchReview(models.Model):
    """A comment whose text contains watched words, published and waiting for a moderator's look."""

    comment = models.ForeignKey("comments.Comment", on_delete=models.CASCADE, related_name="watch_reviews")
    words = models.CharField(max_length=1000)
    body_digest = models.CharField(max_length=64, help_text="SHA-256 of the body that was looked at.")
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    objects = WatchReviewQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["comment", "body_digest"], name="moderation_watch_once_per_body"),
        ]

    def __str__(self):
        return f"Watched words ({self.words}) in comment {self.comment_id}"


class AppealDecision(models.TextChoices):
    UPHELD = "upheld", _("Removal upheld")
    RESTORED = "restored", _("Comment restored")


class Appeal(models.Model):
    """The author of a removed comment asks, once, for a different moderator to look again."""

    comment = models.OneToOneField("comments.Comment", on_delete=models.CASCADE, related_name="appeal")
    text = models.TextField(_("why it should be looked at again"), max_length=APPEAL_TEXT_MAX_LENGTH)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decision = models.CharField(max_length=16, choices=AppealDecision.choices, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(decision="") | models.Q(decision__in=AppealDecision.values),
                name="moderation_appeal_decision",
            ),
            models.CheckConstraint(
                condition=models.Q(decided_by__isnull=True)
                | models.Q(removed_by__isnull=True)
                | ~models.Q(decided_by=models.F("removed_by")),
                name="moderation_appeal_decided_by_someone_else",
            ),
        ]

    def __str__(self):
        return f"Appeal on comment {self.comment_id}"


class AuditEntry(models.Model):
    """One moderation action: who did what, when, to which comment, member or article, and why.

    Foreign keys are kept loose (SET_NULL) and `summary` records what was acted on in words, so the
    log outlives the things it is about.
    """

    action = models.CharField(max_length=64)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    actor_name = models.CharField(max_length=150)
    comment = models.ForeignKey("comments.Comment", null=True, on_delete=models.SET_NULL, related_name="+")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    article = models.ForeignKey("publishing.ArticlePage", null=True, on_delete=models.SET_NULL, related_name="+")
    summary = models.CharField(max_length=300)
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "audit entries"

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_name} {self.action}"
