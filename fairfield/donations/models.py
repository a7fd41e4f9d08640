"""Gifts, the campaigns they count towards, recurring gifts, receipts, the ledger and Stripe's events.

Every amount is an integer number of cents in the gift's currency; `*_amount` properties give Decimals.
"""

import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page

from fairfield.donations.money import CURRENCY_CHOICES, cents_to_decimal, money_format


def _positive(field: str, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=Q(**{f"{field}__gt": 0}), name=name)


@register_setting(icon="pick")
class DonationSettings(BaseSiteSetting):
    """What receipts say about the organisation, the site's currency and the card fee; edited by admins."""

    currency = models.CharField(_("currency"), max_length=3, choices=CURRENCY_CHOICES, default="USD")
    legal_name = models.CharField(_("legal name"), max_length=200, blank=True)
    tax_id = models.CharField(_("tax id"), max_length=60, blank=True, help_text=_("For example an EIN: 12-3456789."))
    address = models.TextField(_("postal address"), max_length=1000, blank=True)
    tax_statement = models.TextField(
        _("tax-deductibility statement"),
        max_length=2000,
        blank=True,
        help_text=_("Printed on every receipt and annual statement."),
    )
    receipts_need_address = models.BooleanField(
        _("ask donors for their postal address"), default=False, help_text=_("Only if your receipts must show it.")
    )
    fee_percent = models.DecimalField(_("card fee, percent"), max_digits=4, decimal_places=2, default=Decimal("2.90"))
    fee_fixed_cents = models.PositiveIntegerField(_("card fee, fixed part in cents"), default=30)
    offline_instructions = models.TextField(
        _("cheque and bank transfer instructions"),
        max_length=3000,
        blank=True,
        help_text=_("Sent to donors who choose to give by cheque or bank transfer: payee, address, bank details."),
    )
    show_support_block = models.BooleanField(_('show "Support us" after articles'), default=True)
    support_page = models.ForeignKey(
        "donations.SupportPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_('Support page the "Support us" block links to'),
    )

    panels = [
        FieldPanel("currency"),
        MultiFieldPanel(
            [FieldPanel("legal_name"), FieldPanel("tax_id"), FieldPanel("address"), FieldPanel("tax_statement")],
            heading=_("Receipts"),
        ),
        FieldPanel("receipts_need_address"),
        MultiFieldPanel([FieldPanel("fee_percent"), FieldPanel("fee_fixed_cents")], heading=_("Card fee")),
        FieldPanel("offline_instructions"),
        MultiFieldPanel([FieldPanel("show_support_block"), FieldPanel("support_page")], heading=_("Support us")),
    ]

    class Meta:
        verbose_name = _("donations")


class Campaign(models.Model):
    """A fundraising appeal with a goal and dates; gifts made on its Support page count towards it."""

    name = models.CharField(_("name"), max_length=120)
    goal = models.PositiveIntegerField(_("goal"), help_text=_("In whole units of the site's currency."))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    preset_amounts = models.CharField(
        _("suggested amounts"),
        max_length=100,
        default="10,20,50,100",
        help_text=_("Whole amounts, separated by commas."),
    )
    default_amount = models.PositiveIntegerField(_("amount chosen at first"), default=20)
    minimum_cents = models.PositiveIntegerField(_("smallest gift, in cents"), default=100)
    maximum_cents = models.PositiveIntegerField(_("largest gift, in cents"), default=1_000_000)

    panels = [
        FieldPanel("name"),
        FieldPanel("goal"),
        FieldPanel("starts_on"),
        FieldPanel("ends_on"),
        FieldPanel("preset_amounts"),
        FieldPanel("default_amount"),
        FieldPanel("minimum_cents"),
        FieldPanel("maximum_cents"),
    ]

    class Meta:
        verbose_name = _("campaign")
        ordering = ["-starts_on"]
        constraints = [
            _positive("goal", "donations_campaign_goal_positive"),
            _positive("minimum_cents", "donations_campaign_minimum_positive"),
            models.CheckConstraint(
                condition=Q(maximum_cents__gte=models.F("minimum_cents")), name="donations_campaign_bounds"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="donations_campaign_dates",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def presets(self) -> list[int]:
        """Suggested amounts in cents, ignoring anything that is not a whole number within the bounds."""
        amounts = []
        for part in self.preset_amounts.split(","):
            part = part.strip()
            if part.isdigit() and self.minimum_cents <= int(part) * 100 <= self.maximum_cents:
                amounts.append(int(part) * 100)
        return amounts

    @property
    def goal_cents(self) -> int:
        return self.goal * 100

    def is_open(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.starts_on <= today and (self.ends_on is None or today <= self.ends_on)


class SupportPage(Page):
    """An appeal and the donation form for one campaign."""

    appeal = RichTextField(_("appeal"), features=["bold", "italic", "link", "h2", "h3", "ol", "ul"], blank=True)
    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="support_pages")
    show_donor_wall = models.BooleanField(
        _("show the donor wall"), default=True, help_text=_("Only donors who asked to be listed appear.")
    )

    content_panels = [*Page.content_panels, FieldPanel("appeal"), FieldPanel("campaign"), FieldPanel("show_donor_wall")]
    parent_page_types = ["base.HomePage"]
    subpage_types = []
    template = "donations/support_page.html"

    class Meta:
        verbose_name = _("support page")

    def serve(self, request, *args, **kwargs):
        from fairfield.donations.views import support_page_serve

        return support_page_serve(request, self)


class Frequency(models.TextChoices):
    ONE_TIME = "one_time", _("One time")
    MONTHLY = "monthly", _("Monthly")
    YEARLY = "yearly", _("Yearly")


class Method(models.TextChoices):
    CARD = "card", _("Card")
    CHEQUE = "cheque", _("Cheque")
    BANK_TRANSFER = "bank_transfer", _("Bank transfer")
    TEST = "test", _("Test mode (no money moves)")
    CASH = "cash", _("Cash or other, entered by staff")


OFFLINE_METHODS = {Method.CHEQUE, Method.BANK_TRANSFER, Method.CASH}


class Status(models.TextChoices):
    CREATED = "created", _("Created")
    PENDING = "pending", _("Pending")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed")
    REFUNDED = "refunded", _("Refunded")
    CANCELLED = "cancelled", _("Cancelled")


class Dedication(models.TextChoices):
    NONE = "", _("No dedication")
    HONOUR = "honour", _("In honour of")
    MEMORY = "memory", _("In memory of")


class RecurringStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the first payment")
    ACTIVE = "active", _("Active")
    PAUSED = "paused", _("Paused")
    CANCELLED = "cancelled", _("Cancelled")


class DonorDetails(models.Model):
    """Who gave, as they told us; shared by one-off gifts and recurring gifts."""

    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("e-mail address"))
    address = models.TextField(_("postal address"), max_length=1000, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        abstract = True

    @property
    def donor_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class RecurringGift(DonorDetails):
    """A monthly or yearly gift; each payment Stripe collects for it becomes a Donation."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    campaign = models.ForeignKey(Campaign, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    amount_cents = models.PositiveIntegerField(_("amount per payment, in cents"))
    fee_cents = models.PositiveIntegerField(_("fee covered, in cents"), default=0)
    currency = models.CharField(_("currency"), max_length=3, choices=CURRENCY_CHOICES)
    frequency = models.CharField(_("frequency"), max_length=10, choices=Frequency.choices)
    method = models.CharField(_("method"), max_length=16, choices=Method.choices)
    status = models.CharField(_("status"), max_length=10, choices=RecurringStatus.choices)
    stripe_customer_id = models.CharField(max_length=100, blank=True)
    stripe_subscription_id = models.CharField(max_length=100, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("recurring gift")
        ordering = ["-created_at"]
        constraints = [
            _positive("amount_cents", "donations_recurring_amount_positive"),
            models.CheckConstraint(condition=~Q(frequency=Frequency.ONE_TIME), name="donations_recurring_is_recurring"),
        ]

    def __str__(self):
        return f"{self.get_frequency_display()} {money_format(self.total_cents, self.currency)}"

    @property
    def total_cents(self) -> int:
        return self.amount_cents + self.fee_cents


class DonationQuerySet(models.QuerySet):
    def succeeded(self):
        return self.filter(status=Status.SUCCEEDED)

    def for_user(self, user):
        """Gifts given with any of the member's verified addresses, or linked to them already."""
        from allauth.account.models import EmailAddress

        emails = EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
        query = Q(user=user)
        for email in emails:
            query |= Q(email__iexact=email)
        return self.filter(query)


class Donation(DonorDetails):
    """One gift of money: a one-off payment, one payment of a recurring gift, or an offline gift."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    campaign = models.ForeignKey(
        Campaign, null=True, blank=True, on_delete=models.SET_NULL, related_name="donations", verbose_name=_("campaign")
    )
    recurring_gift = models.ForeignKey(
        RecurringGift, null=True, blank=True, on_delete=models.PROTECT, related_name="donations"
    )
    amount_cents = models.PositiveIntegerField(_("gift, in cents"))
    fee_cents = models.PositiveIntegerField(_("fee covered, in cents"), default=0)
    currency = models.CharField(_("currency"), max_length=3, choices=CURRENCY_CHOICES)
    frequency = models.CharField(_("frequency"), max_length=10, choices=Frequency.choices, default=Frequency.ONE_TIME)
    method = models.CharField(_("method"), max_length=16, choices=Method.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.CREATED)
    dedication = models.CharField(_("dedication"), max_length=10, choices=Dedication.choices, blank=True)
    dedication_name = models.CharField(_("dedicated to"), max_length=200, blank=True)
    dedication_email = models.EmailField(_("notify this address of the dedication"), blank=True)
    dedication_message = models.TextField(_("dedication message"), max_length=1000, blank=True)
    anonymous = models.BooleanField(_("anonymous"), default=False)
    on_donor_wall = models.BooleanField(_("listed on the donor wall"), default=False)
    offline_reference = models.CharField(_("cheque number or transfer reference"), max_length=100, blank=True)
    stripe_checkout_session_id = models.CharField(max_length=100, null=True, blank=True, unique=True)
    stripe_payment_intent_id = models.CharField(max_length=100, null=True, blank=True, unique=True)
    stripe_invoice_id = models.CharField(max_length=100, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    succeeded_at = models.DateTimeField(_("received"), null=True, blank=True)

    objects = DonationQuerySet.as_manager()

    class Meta:
        verbose_name = _("donation")
        ordering = ["-created_at", "-pk"]
        constraints = [
            _positive("amount_cents", "donations_donation_amount_positive"),
            models.CheckConstraint(condition=Q(status__in=Status.values), name="donations_donation_status"),
            models.CheckConstraint(
                condition=~Q(status=Status.SUCCEEDED) | Q(succeeded_at__isnull=False),
                name="donations_donation_succeeded_has_date",
            ),
            models.CheckConstraint(
                condition=Q(anonymous=False) | Q(on_donor_wall=False), name="donations_donation_anonymous_not_listed"
            ),
        ]
        indexes = [models.Index(fields=["status", "succeeded_at"])]

    def __str__(self):
        return f"{money_format(self.total_cents, self.currency)} ({self.get_status_display()})"

    @property
    def total_cents(self) -> int:
        return self.amount_cents + self.fee_cents

    @property
    def total(self) -> Decimal:
        return cents_to_decimal(self.total_cents)

    @property
    def total_display(self) -> str:
        return money_format(self.total_cents, self.currency)

    @property
    def is_offline(self) -> bool:
        return self.method in OFFLINE_METHODS


class LedgerKind(models.TextChoices):
    PAYMENT = "payment", _("Payment")
    REFUND = "refund", _("Refund")


class LedgerEntry(models.Model):
    """Money in or out, once per payment or refund, whatever the number of events that told us about it."""

    donation = models.ForeignKey(Donation, on_delete=models.PROTECT, related_name="ledger_entries")
    kind = models.CharField(max_length=10, choices=LedgerKind.choices)
    amount_cents = models.IntegerField(help_text=_("Positive for money in, negative for refunds."))
    currency = models.CharField(max_length=3, choices=CURRENCY_CHOICES)
    occurred_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        ordering = ["occurred_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["donation", "kind"], name="donations_ledger_once_per_kind")]

    def __str__(self):
        return f"{self.kind} {money_format(self.amount_cents, self.currency)}"


class Receipt(models.Model):
    """The receipt for one successful gift; sending is retried until the mail server takes it."""

    donation = models.OneToOneField(Donation, on_delete=models.PROTECT, related_name="receipt")
    number = models.CharField(max_length=30, unique=True)
    issued_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = _("receipt")
        ordering = ["-issued_at"]

    def __str__(self):
        return self.number


class StatementSending(models.Model):
    """An annual giving statement mailed to one address for one year, at most once."""

    email = models.EmailField()
    year = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["email", "year"], name="donations_statement_once_a_year")]

    def __str__(self):
        return f"Statement {self.year} #{self.pk}"


class WebhookStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    PROCESSED = "processed", _("Processed")
    FAILED = "failed", _("Failed, will be retried")
    IGNORED = "ignored", _("Not a kind we act on")


class WebhookEvent(models.Model):
    """A Stripe event exactly as it arrived, stored before anything acts on it."""

    event_id = models.CharField(max_length=100, unique=True)
    type = models.CharField(max_length=100)
    payload = models.JSONField()
    status = models.CharField(max_length=10, choices=WebhookStatus.choices, default=WebhookStatus.RECEIVED)
    received_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-received_at"]

    def __str__(self):
        return f"{self.type} {self.event_id}"
