import secrets

from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.models import Orderable


def new_token() -> str:
    return secrets.token_urlsafe(32)


class SubscriberQuerySet(models.QuerySet):
    def active(self):
        """Confirmed and not unsubscribed: the only people who get anything but a confirmation mail."""
        return self.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)


class Subscriber(models.Model):
    """A reader who asked for the newsletter by e-mail; no account needed, no IP address kept."""

    email = models.EmailField(_("e-mail address"), max_length=254)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)
    wants_digest = models.BooleanField(_("weekly digest"), default=False)
    sections = models.ManyToManyField(
        "publishing.SectionPage", blank=True, related_name="+", verbose_name=_("new articles in")
    )

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("subscriber")
        constraints = [models.UniqueConstraint(Lower("email"), name="newsletter_subscriber_email_unique_ci")]

    def __str__(self):
        return f"Subscriber {self.pk}"

    @property
    def is_active(self) -> bool:
        return self.confirmed_at is not None and self.unsubscribed_at is None


class IssueStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Sent")


class NewsletterIssue(ClusterableModel):
    """An issue an editor writes in the admin, previews, and sends once to every active subscriber."""

    subject = models.CharField(_("subject"), max_length=150)
    intro = models.TextField(_("introduction"), max_length=4000, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=IssueStatus.choices, default=IssueStatus.DRAFT)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("subject"),
        FieldPanel("intro"),
        InlinePanel("issue_articles", label=_("Articles")),
    ]

    class Meta:
        verbose_name = _("newsletter issue")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=IssueStatus.values), name="newsletter_issue_status"),
            models.CheckConstraint(
                condition=models.Q(status=IssueStatus.DRAFT) | models.Q(sent_at__isnull=False),
                name="newsletter_issue_sent_has_date",
            ),
        ]

    def __str__(self):
        return self.subject


class IssueArticle(Orderable):
    issue = ParentalKey(NewsletterIssue, on_delete=models.CASCADE, related_name="issue_articles")
    article = models.ForeignKey(
        "publishing.ArticlePage", on_delete=models.CASCADE, related_name="+", verbose_name=_("article")
    )

    panels = [PageChooserPanel("article", "publishing.ArticlePage")]


class DeliveryKind(models.TextChoices):
    CONFIRMATION = "confirmation", _("Confirmation")
    ALREADY_SUBSCRIBED = "already_subscribed", _("Already subscribed")
    NEW_ARTICLE = "new_article", _("New article")
    DIGEST = "digest", _("Weekly digest")
    ISSUE = "issue", _("Issue")


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")


class DeliveryQuerySet(models.QuerySet):
    def due_for_retry(self, now):
        """Failed deliveries whose backoff has passed, and those a dead worker left sending."""
        return self.filter(status__in=[DeliveryStatus.FAILED, DeliveryStatus.SENDING], next_attempt_at__lte=now)


class Delivery(models.Model):
    """One message to one subscriber; the record survives a failed send, which is retried with backoff.

    A failed delivery with next_attempt_at will be tried again; without it, it has been given up.
    """

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    kind = models.CharField(max_length=24, choices=DeliveryKind.choices)
    article = models.ForeignKey(
        "publishing.ArticlePage", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    issue = models.ForeignKey(NewsletterIssue, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    period = models.DateField(null=True, blank=True, help_text="First day of the week a digest was sent in.")
    status = models.CharField(max_length=16, choices=DeliveryStatus.choices, default=DeliveryStatus.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="newsletter_delivery_retry")]
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=DeliveryKind.values), name="newsletter_delivery_kind"),
            models.CheckConstraint(
                condition=models.Q(status__in=DeliveryStatus.values), name="newsletter_delivery_status"
            ),
            models.CheckConstraint(
                condition=~models.Q(status=DeliveryStatus.SENT) | models.Q(sent_at__isnull=False),
                name="newsletter_delivery_sent_has_date",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind=DeliveryKind.NEW_ARTICLE) | models.Q(article__isnull=False),
                name="newsletter_delivery_article_given",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind=DeliveryKind.ISSUE) | models.Q(issue__isnull=False),
                name="newsletter_delivery_issue_given",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind=DeliveryKind.DIGEST) | models.Q(period__isnull=False),
                name="newsletter_delivery_period_given",
            ),
            # Nobody gets the same article, issue or week's digest twice, however often the work is repeated.
            models.UniqueConstraint(
                fields=["subscriber", "article"],
                condition=models.Q(kind=DeliveryKind.NEW_ARTICLE),
                name="newsletter_article_once_per_subscriber",
            ),
            models.UniqueConstraint(
                fields=["subscriber", "issue"],
                condition=models.Q(kind=DeliveryKind.ISSUE),
                name="newsletter_issue_once_per_subscriber",
            ),
            models.UniqueConstraint(
                fields=["subscriber", "period"],
                condition=models.Q(kind=DeliveryKind.DIGEST),
                name="newsletter_digest_once_per_subscriber",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} to subscriber {self.subscriber_id}"
