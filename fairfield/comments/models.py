from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_DEPTH = 4


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
    body = models.TextField(_("body"), help_text=_("Plain text or Markdown source, kept exactly as written."))
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
