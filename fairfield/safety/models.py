from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index

from fairfield.safety.countries import country_choices


class MayCall(models.TextChoices):
    """Whether the line may send police or emergency services: the question many readers ask first."""

    NO = "no", _("Never sends police or emergency services")
    WITH_CONSENT = "with_consent", _("Only if the caller agrees")
    YES = "yes", _("May send police or emergency services without the caller's agreement")
    UNKNOWN = "unknown", _("Not known")


class Tracing(models.TextChoices):
    NO = "no", _("Does not trace or record calls")
    YES = "yes", _("May trace or record calls")
    UNKNOWN = "unknown", _("Not known")


PHONE = RegexValidator(
    r"^\+?[0-9][0-9 ()-]{1,24}$", _("Write the number with digits, spaces, brackets or dashes, like +44 20 7946 0000.")
)


class CrisisLine(index.Indexed, models.Model):
    """A helpline, text line or chat readers can reach in a crisis, with what it may do to them."""

    country = models.CharField(_("country"), max_length=2, db_index=True, choices=country_choices)
    name = models.CharField(_("name"), max_length=120)
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[PHONE])
    text = models.CharField(_("text message"), max_length=60, blank=True, help_text=_("A number or a short code."))
    chat_url = models.URLField(_("web chat"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    hours = models.CharField(
        _("hours"), max_length=120, help_text=_("When someone answers, e.g. “Every day, 24 hours”.")
    )
    languages = models.CharField(_("languages"), max_length=200, blank=True)
    peer_run = models.BooleanField(
        _("peer-run"), default=False, help_text=_("Answered by people with lived experience of crisis.")
    )
    may_call_emergency = models.CharField(
        _("may send police or emergency services"), max_length=16, choices=MayCall.choices, default=MayCall.UNKNOWN
    )
    traces_calls = models.CharField(
        _("traces or records calls"), max_length=8, choices=Tracing.choices, default=Tracing.UNKNOWN
    )
    notes = models.TextField(_("what else to know"), blank=True)
    checked_on = models.DateField(_("details last checked on"), null=True, blank=True)

    panels = [
        MultiFieldPanel([FieldPanel("country"), FieldPanel("name"), FieldPanel("hours"), FieldPanel("languages")]),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("text"), FieldPanel("chat_url"), FieldPanel("email")],
            heading=_("How to reach it"),
        ),
        MultiFieldPanel(
            [FieldPanel("peer_run"), FieldPanel("may_call_emergency"), FieldPanel("traces_calls"), FieldPanel("notes")],
            heading=_("What the line may do"),
        ),
        FieldPanel("checked_on"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.FilterField("country")]

    class Meta:
        ordering = ["country", "name"]
        verbose_name = _("crisis line")
        verbose_name_plural = _("crisis lines")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(may_call_emergency__in=MayCall.values), name="crisis_line_may_call"
            ),
            models.CheckConstraint(condition=models.Q(traces_calls__in=Tracing.values), name="crisis_line_tracing"),
        ]

    def __str__(self):
        return f"{self.name} ({self.country})"

    def clean(self):
        if not (self.phone or self.text or self.chat_url or self.email):
            raise ValidationError(_("Give at least one way to reach the line: a phone number, text, chat or e-mail."))
        if self.chat_url and not self.chat_url.startswith("https://"):
            raise ValidationError(
                {"chat_url": _("Chat links must start with https://, so the conversation is private.")}
            )

    @property
    def no_active_rescue(self) -> bool:
        return self.may_call_emergency == MayCall.NO

    @property
    def first_order(self) -> tuple:
        """Peer-run and no-active-rescue lines first, as readers who fear forced treatment ask."""
        return (not self.peer_run, not self.no_active_rescue, self.name.casefold())
