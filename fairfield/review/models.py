from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Count, Q
from django.db.models.functions import Length
from django.db.models.lookups import GreaterThanOrEqual
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Site, Task, TaskState

from fairfield.audit.actions import AuditAction

USER = settings.AUTH_USER_MODEL
MIN_REFLECTION_LENGTH = 300


@register_setting(icon="group")
class ReviewSettings(BaseSiteSetting):
    endorsements_to_require = models.PositiveSmallIntegerField(
        _("endorsements that make a reading-list item required"),
        default=2,
        validators=[MinValueValidator(1)],
    )
    reviews_to_complete = models.PositiveSmallIntegerField(
        _("survivor reviews that complete a first read"), default=2, validators=[MinValueValidator(1)]
    )
    claims_per_reviewer = models.PositiveSmallIntegerField(
        _("drafts a reviewer may hold at once"), default=2, validators=[MinValueValidator(1)]
    )
    claim_days = models.PositiveSmallIntegerField(
        _("days a reviewer has for a claimed draft"), default=14, validators=[MinValueValidator(1)]
    )

    class Meta:
        verbose_name = _("survivor review settings")

    @classmethod
    def current(cls) -> "ReviewSettings":
        site = Site.objects.filter(is_default_site=True).first() or Site.objects.order_by("pk").first()
        return cls.for_site(site)


class ReadingItemQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(hidden_at__isnull=True)

    def with_endorsement_count(self):
        return self.annotate(endorsement_count=Count("endorsements", distinct=True))

    def required(self, threshold: int):
        return self.visible().with_endorsement_count().filter(endorsement_count__gte=threshold)


class ReadingItem(models.Model):
    """A book, article or talk that survivor reviewers ask contributors to read."""

    title = models.CharField(_("title"), max_length=200)
    author = models.CharField(_("author"), max_length=200)
    link = models.URLField(_("link"), max_length=500, blank=True)
    citation = models.CharField(_("citation"), max_length=500, blank=True)
    why = models.TextField(_("why survivors chose this"), max_length=1200)
    proposed_by = models.ForeignKey(
        USER, null=True, on_delete=models.SET_NULL, related_name="reading_items_proposed", verbose_name=_("proposed by")
    )
    created_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)
    hidden_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    hidden_reason = models.TextField(_("reason for hiding"), max_length=1000, blank=True)

    objects = ReadingItemQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("reading-list item")
        constraints = [
            models.CheckConstraint(condition=~Q(link="") | ~Q(citation=""), name="review_item_link_or_citation"),
            models.CheckConstraint(
                condition=Q(hidden_at__isnull=True) | ~Q(hidden_reason=""), name="review_item_hidden_with_reason"
            ),
        ]

    def __str__(self):
        return self.title


class Endorsement(models.Model):
    item = models.ForeignKey(ReadingItem, on_delete=models.CASCADE, related_name="endorsements")
    reviewer = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="reading_endorsements")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["item", "reviewer"], name="review_endorse_once")]

    def __str__(self):
        return f"{self.reviewer} endorses {self.item}"


class ItemRead(models.Model):
    """A contributor's word that they have read one item."""

    reader = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="reading_items_read")
    item = models.ForeignKey(ReadingItem, on_delete=models.CASCADE, related_name="reads")
    read_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["reader", "item"], name="review_read_once")]

    def __str__(self):
        return f"{self.reader} read {self.item}"


class ReadingReflection(models.Model):
    """What a contributor took from the list; private to reviewers and editors unless they publish it."""

    contributor = models.OneToOneField(USER, on_delete=models.CASCADE, related_name="reading_reflection")
    text = models.TextField(_("reflection"), max_length=10_000)
    is_public = models.BooleanField(_("show it on my author page"), default=False)
    worked_through_at = models.DateTimeField(_("worked through the list at"))

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=GreaterThanOrEqual(Length("text"), MIN_REFLECTION_LENGTH),
                name="review_reflection_long_enough",
            )
        ]

    def __str__(self):
        return f"Reflection by {self.contributor}"


class PositionalityStatement(models.Model):
    """One version of a professional's statement; versions are never edited, a new one is written."""

    # Empty once its author deleted their account but chose to leave the published version with its articles.
    author = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="positionality_statements"
    )
    version = models.PositiveIntegerField(_("version"))
    role = models.TextField(_("my role"), max_length=3000)
    power = models.TextField(_("the power it gives me"), max_length=3000)
    gain = models.TextField(_("what I gain from this writing"), max_length=3000)
    coercion = models.TextField(_("my relationship to coercive practice"), max_length=3000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["author", "-version"]
        constraints = [models.UniqueConstraint(fields=["author", "version"], name="review_statement_version_once")]

    def __str__(self):
        return f"Statement by {self.author}, version {self.version}"


class ArticleStatement(models.Model):
    """The statement version an article went to the editors with, and so is published with."""

    article = models.ForeignKey("publishing.ArticlePage", on_delete=models.CASCADE, related_name="statements")
    statement = models.ForeignKey(PositionalityStatement, on_delete=models.PROTECT, related_name="+")
    credit_name = models.CharField(max_length=120)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["article", "statement"], name="review_statement_once")]

    def __str__(self):
        return f"{self.statement} on article {self.article_id}"


class ConflictDeclaration(models.Model):
    """A reviewer will not be offered drafts by this member."""

    reviewer = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="conflicts_declared")
    member = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["reviewer", "member"], name="review_conflict_once"),
            models.CheckConstraint(condition=~Q(reviewer=models.F("member")), name="review_conflict_not_self"),
        ]

    def __str__(self):
        return f"{self.reviewer} declares a conflict"


class ClaimStatus(models.TextChoices):
    ACTIVE = "active", _("Reading")
    RELEASED = "released", _("Released")
    EXPIRED = "expired", _("Overdue, returned to the queue")
    DONE = "done", _("Reviewed")


class ClaimQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=ClaimStatus.ACTIVE)


class Claim(models.Model):
    article = models.ForeignKey("publishing.ArticlePage", on_delete=models.CASCADE, related_name="review_claims")
    reviewer = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="review_claims")
    status = models.CharField(max_length=10, choices=ClaimStatus.choices, default=ClaimStatus.ACTIVE)
    claimed_at = models.DateTimeField(auto_now_add=True)
    due_at = models.DateTimeField()
    reminded_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    objects = ClaimQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["article", "reviewer"], condition=Q(status="active"), name="review_one_active_claim"
            ),
            models.CheckConstraint(condition=Q(status__in=ClaimStatus.values), name="review_claim_status_valid"),
        ]

    def __str__(self):
        return f"Claim by {self.reviewer} on article {self.article_id} ({self.status})"


class Attribution(models.TextChoices):
    PSEUDONYM = "pseudonym", _("My pseudonym")
    REVIEWER = "reviewer", _("“A survivor reviewer”")
    ANONYMOUS = "anonymous", _("Anonymous")


class Verdict(models.TextChoices):
    LISTENS = "listens", _("Listens to survivors")
    RESERVATIONS = "reservations", _("Listens with reservations")
    NOT_YET = "not_yet", _("Does not yet listen")


class SurvivorCommentary(models.Model):
    """A survivor reviewer's public answer to a draft, published with the article."""

    article = models.ForeignKey("publishing.ArticlePage", on_delete=models.CASCADE, related_name="commentaries")
    # Empty once the reviewer deleted their account (privacy.services.account_erase); the commentary stays or is
    # withdrawn as they chose.
    reviewer = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="commentaries")
    attribution = models.CharField(_("shown as"), max_length=10, choices=Attribution.choices)
    body = models.TextField(_("public commentary"), max_length=20_000)
    private_note = models.TextField(_("private note to the author and editors"), max_length=10_000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    hidden_reason = models.TextField(max_length=1000, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("survivor commentary")
        verbose_name_plural = _("survivor commentaries")
        constraints = [
            models.UniqueConstraint(fields=["article", "reviewer"], name="review_one_commentary_per_reviewer"),
            models.CheckConstraint(condition=Q(attribution__in=Attribution.values), name="review_attribution_valid"),
            models.CheckConstraint(
                condition=Q(hidden_at__isnull=True) | ~Q(hidden_reason=""), name="review_commentary_hidden_reason"
            ),
        ]

    def __str__(self):
        return f"Commentary on article {self.article_id}"

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    @property
    def public_attribution(self) -> str:
        if self.attribution == Attribution.PSEUDONYM and self.reviewer is not None:
            return self.reviewer.pseudonym
        if self.attribution == Attribution.REVIEWER:
            return str(_("A survivor reviewer"))
        return str(_("Anonymous"))


class Assessment(models.Model):
    """One version of a reviewer's assessment; the newest is the current one."""

    commentary = models.ForeignKey(SurvivorCommentary, on_delete=models.CASCADE, related_name="assessments")
    verdict = models.CharField(_("assessment"), max_length=20, choices=Verdict.choices)
    reasons = models.TextField(_("reasons"), max_length=10_000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [models.CheckConstraint(condition=Q(verdict__in=Verdict.values), name="review_verdict_valid")]

    def __str__(self):
        return self.get_verdict_display()


class AuthorResponse(models.Model):
    commentary = models.OneToOneField(SurvivorCommentary, on_delete=models.CASCADE, related_name="response")
    author = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    body = models.TextField(_("your public response"), max_length=20_000)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Response to commentary {self.commentary_id}"


class ReviewEvent(models.Model):
    """The audit log of the review, and the source of each article's public timeline."""

    action = models.CharField(max_length=60)
    article = models.ForeignKey(
        "publishing.ArticlePage", null=True, blank=True, on_delete=models.CASCADE, related_name="review_events"
    )
    actor = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["article", "action"], name="review_event_article_action")]

    def __str__(self):
        return f"{self.action} at {self.at:%Y-%m-%d %H:%M}"


class SurvivorFirstReadTask(Task):
    """Survivor reviewers read the draft before the editors' approval; other drafts pass straight through.

    The task is approved when the author, with the required number of reviews in, sends the draft on to
    the editors (after responding and revising).
    """

    def start(self, workflow_state, user=None):
        from fairfield.review import services

        task_state = super().start(workflow_state, user=user)
        if not services.article_submitted(article=workflow_state.content_object.specific, user=user):
            task_state.approve(user=user, update=False, comment="Plain editorial path")
        return task_state

    def on_action(self, task_state, user, action_name, **kwargs):
        from fairfield.review import services

        if action_name == "approve":
            services.review_send_to_editors(author=user, article=task_state.workflow_state.content_object.specific)

    def user_can_access_editor(self, obj, user):
        return False

    def locked_for_user(self, obj, user):
        from fairfield.review import selectors

        return not selectors.reviews_complete(obj)

    def get_actions(self, obj, user):
        from fairfield.review import selectors

        if selectors.is_author(user, obj) and selectors.reviews_complete(obj):
            return [("approve", _("Send to the editors"), False)]
        return []

    def get_task_states_user_can_moderate(self, user, **kwargs):
        return TaskState.objects.none()

    @classmethod
    def get_description(cls):
        return _("Survivor reviewers read and answer the draft before the editors approve it.")

    class Meta:
        verbose_name = _("Survivor first read")
        verbose_name_plural = _("Survivor first reads")


class ReviewAction(AuditAction):
    FIRST_READ_OVERRIDDEN = "review.first_read.overridden", _("published without a survivor first read")


class FirstReadOverride(models.Model):
    """An editor's written decision to publish an article without the survivor first read it needs.

    Shown on the published article with its reason; it covers the article as it stood then, so a draft sent to
    the first read again afterwards needs the read (or a new override) again.
    """

    article = models.ForeignKey("publishing.ArticlePage", on_delete=models.CASCADE, related_name="first_read_overrides")
    editor = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.TextField(_("reason"), max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("publication without a survivor first read")
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="review_override_has_reason"),
        ]

    def __str__(self):
        return f"First read overridden on article {self.article_id}"
