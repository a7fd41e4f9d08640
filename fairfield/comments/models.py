from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

MAX_DEPTH = 4
EDIT_WINDOW = timedelta(minutes=15)


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for moderation")
    PUBLISHED = "published", _("Published")
    HELD = "held", _("Held by a moderator")
    REMOVED = "removed", _("Removed by a moderator")
    DELETED_BY_AUTHOR = "deleted_by_author", _("Removed by its author")


class CommentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=CommentStatus.PUBLISHED)


class Comment(models.Model):
    """One contribution to the discussion under an article.

    Top-level comments are numbered 1, 2, 3 … per article. Replies nest under their parent up to
    depth 4; a reply to a depth-4 comment is stored at depth 4 too (under the same parent) and
    `in_reply_to` keeps whom it answers.
    """

    article = models.ForeignKey(
        "publishing.ArticlePage", on_delete=models.CASCADE, related_name="comments", verbose_name=_("article")
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies", verbose_name=_("parent")
    )
    root = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="thread",
        verbose_name=_("thread"),
        help_text=_("The top-level comment this reply belongs to; empty on top-level comments."),
    )
    in_reply_to = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("in reply to"),
        help_text=_("The comment this reply answers; differs from the parent when the thread was too deep."),
    )
    depth = models.PositiveSmallIntegerField(_("depth"), default=1)
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
        verbose_name=_("author"),
    )
    author_name = models.CharField(
        _("author name"), max_length=200, blank=True, help_text=_("For imported and guest comments, shown as given.")
    )
    claim_key = models.CharField(
        _("claim key"),
        max_length=64,
        blank=True,
        db_index=True,
        help_text=_(
            "For an imported comment not yet claimed: a keyed hash of the address it was written with (never the "
            "address itself), so its writer can claim it by proving they read mail at that address."
        ),
    )
    body = models.TextField(_("body"), help_text=_("Plain text or Markdown source, kept exactly as written."))
    content_notes = models.JSONField(
        _("content notes"), default=list, blank=True, help_text=_("Notes the writer gave, as on articles.")
    )
    body_html = models.TextField(
        _("body as HTML"),
        blank=True,
        help_text=_("The body rendered and sanitised when it was saved; empty on imported comments."),
    )
    status = models.CharField(_("status"), max_length=20, choices=CommentStatus.choices, default=CommentStatus.PENDING)
    created_at = models.DateTimeField(_("written at"))
    edited_at = models.DateTimeField(_("last edited at"), null=True, blank=True)
    public_note = models.CharField(
        _("public note"),
        max_length=300,
        blank=True,
        help_text=_("Why moderators removed the comment, shown in the thread in its place."),
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [models.Index(fields=["article", "status", "created_at"], name="comments_article_status_date")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(depth__gte=1, depth__lte=MAX_DEPTH), name="comments_comment_depth_range"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=CommentStatus.values), name="comments_comment_status_valid"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(parent__isnull=True, depth=1, number__isnull=False, root__isnull=True)
                    | models.Q(parent__isnull=False, depth__gte=2, number__isnull=True, root__isnull=False)
                ),
                name="comments_comment_top_level_numbered",
            ),
            models.UniqueConstraint(
                fields=["article", "number"],
                condition=models.Q(parent__isnull=True),
                name="comments_comment_number_unique",
            ),
        ]

    def __str__(self):
        return f"{self.author_name or self.author} on {self.article_id} ({self.created_at:%Y-%m-%d})"

    @property
    def editable_until(self):
        return self.created_at + EDIT_WINDOW

    def is_editable_now(self) -> bool:
        return timezone.now() < self.editable_until

    @property
    def content_note_labels(self) -> list[str]:
        from fairfield.publishing.models import ContentNote

        labels = dict(ContentNote.choices)
        return [str(labels[note]) for note in self.content_notes if note in labels]


class CommentRevision(models.Model):
    """A body a comment had before its author edited it, kept for moderators."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("comment"))
    body = models.TextField(_("body"))
    saved_at = models.DateTimeField(_("written at"), help_text=_("When this version was saved."))

    class Meta:
        ordering = ["saved_at", "pk"]
        verbose_name = _("earlier version of a comment")
        verbose_name_plural = _("earlier versions of comments")

    def __str__(self):
        return f"{self.comment_id} at {self.saved_at:%Y-%m-%d %H:%M}"


class Mute(models.Model):
    """`muter` no longer wants to read `muted`: their comments fold away, for the muter only."""

    muter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mutes", verbose_name=_("member muting")
    )
    muted = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("member muted")
    )
    created_at = models.DateTimeField(_("muted at"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("mute")
        verbose_name_plural = _("mutes")
        constraints = [
            models.UniqueConstraint(fields=["muter", "muted"], name="comments_mute_once"),
            models.CheckConstraint(condition=~models.Q(muter=models.F("muted")), name="comments_mute_not_self"),
        ]

    def __str__(self):
        return f"{self.muter_id} mutes {self.muted_id}"


class ThreadFollow(models.Model):
    """A member who wants to hear of new comments on an article."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="thread_follows", verbose_name=_("member")
    )
    article = models.ForeignKey(
        "publishing.ArticlePage", on_delete=models.CASCADE, related_name="followers", verbose_name=_("article")
    )
    created_at = models.DateTimeField(_("followed at"), default=timezone.now)

    class Meta:
        verbose_name = _("followed discussion")
        verbose_name_plural = _("followed discussions")
        constraints = [models.UniqueConstraint(fields=["user", "article"], name="comments_follow_once")]

    def __str__(self):
        return f"{self.user_id} follows {self.article_id}"


@register_setting(icon="comment")
class CommentSettings(BaseSiteSetting):
    close_after_days = models.PositiveIntegerField(
        _("close discussions after (days)"),
        default=30,
        help_text=_("Counted from an article's first publication; 0 keeps discussions open for good."),
    )

    class Meta:
        verbose_name = _("comment settings")


class Helped(models.Model):
    """A member marked a comment as having helped them. Only the comment's writer ever sees how many did;
    the marks never order, rank or hide anything."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("member")
    )
    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, related_name="helped_marks", verbose_name=_("comment")
    )
    created_at = models.DateTimeField(_("marked at"), default=timezone.now)

    class Meta:
        verbose_name = _("“this helped” mark")
        verbose_name_plural = _("“this helped” marks")
        constraints = [models.UniqueConstraint(fields=["member", "comment"], name="comments_helped_once")]

    def __str__(self):
        return f"{self.member_id} helped by {self.comment_id}"
