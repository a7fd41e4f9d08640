"""The donation form: every amount, fee and total is worked out here on the server from what the donor chose."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator as ProhibitNull
from django.utils.translation import gettext_lazy as _

from fairfield.donations.models import Campaign, Dedication, DonationSettings, Frequency, Method
from fairfield.donations.money import amount_parse, money_format, processing_fee
from fairfield.donations.services import GiftChoice
from fairfield.lib.forms import StorableTextMixin, refuse_unstorable_text

OTHER = "other"
BLANK = _("Please fill this in; spaces alone are not enough.")


def available_methods() -> list[tuple[str, str]]:
    methods = []
    if settings.DONATIONS_CARD_GATEWAY:
        methods.append((Method.CARD, _("Card (you will pay on Stripe's secure page)")))
    methods += [(Method.CHEQUE, _("Cheque")), (Method.BANK_TRANSFER, _("Bank transfer"))]
    if settings.DONATIONS_TEST_GATEWAY:
        methods.append((Method.TEST, _("Test mode: no money moves (demo only)")))
    return methods


class ExactTextField(forms.CharField):
    """A text field that stores what was typed byte for byte, refusing only what no database can keep."""

    def __init__(self, *, required=True, **kwargs):
        super().__init__(strip=False, required=required, **kwargs)
        # One message for a NUL, broken UTF-8 or a lone surrogate, in place of Django's null-character check.
        self.validators = [refuse_unstorable_text, *(v for v in self.validators if not isinstance(v, ProhibitNull))]

    def clean(self, value):
        value = super().clean(value)
        if self.required and not value.strip():
            raise ValidationError(BLANK, code="blank")
        return value


class DonationForm(StorableTextMixin, forms.Form):
    amount_choice = forms.ChoiceField(label=_("Amount"), widget=forms.RadioSelect)
    custom_amount = forms.CharField(
        label=_("Other amount"), required=False, max_length=40, widget=forms.TextInput(attrs={"inputmode": "decimal"})
    )
    frequency = forms.ChoiceField(
        label=_("How often"), choices=Frequency.choices, initial=Frequency.ONE_TIME, widget=forms.RadioSelect
    )
    cover_fee = forms.BooleanField(label=_("Cover the card processing fee"), required=False)
    dedication = forms.ChoiceField(
        label=_("Dedicate this gift"), choices=Dedication.choices, required=False, initial="", widget=forms.RadioSelect
    )
    dedication_name = ExactTextField(label=_("Name of the person"), required=False, max_length=200)
    dedication_email = forms.EmailField(
        label=_("Tell them by e-mail"),
        required=False,
        help_text=_("We send them a short note that a gift was made in their name, without the amount."),
    )
    dedication_message = ExactTextField(
        label=_("Message for them"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    anonymous = forms.BooleanField(label=_("Give anonymously (never listed anywhere)"), required=False)
    on_donor_wall = forms.BooleanField(label=_("List my first name on the donor wall"), required=False)
    first_name = ExactTextField(
        label=_("First name"), max_length=100, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = ExactTextField(
        label=_("Last name"), max_length=100, widget=forms.TextInput(attrs={"autocomplete": "family-name"})
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_("For your receipt. We never show it to anyone."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    address = ExactTextField(
        label=_("Postal address"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
        help_text=_("Our receipts must show it."),
    )
    method = forms.ChoiceField(label=_("Payment method"), widget=forms.RadioSelect)

    def __init__(self, *args, campaign: Campaign, site_settings: DonationSettings, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound and str(self.data.get(self.add_prefix("custom_amount")) or "").strip():
            # Typing an amount chooses it: a donor who types 35 and forgets the radio button means 35, not 20.
            self.data = self.data.copy()
            self.data[self.add_prefix("amount_choice")] = OTHER
        self.campaign = campaign
        self.site_settings = site_settings
        self.currency = site_settings.currency
        presets = campaign.presets
        self.fields["amount_choice"].choices = [
            *[(str(cents), money_format(cents, self.currency)) for cents in presets],
            (OTHER, _("Another amount")),
        ]
        default = campaign.default_amount * 100
        self.fields["amount_choice"].initial = str(default) if default in presets else OTHER
        self.fields["custom_amount"].help_text = _("From %(min)s to %(max)s, in %(currency)s.") % {
            "min": money_format(campaign.minimum_cents, self.currency),
            "max": money_format(campaign.maximum_cents, self.currency),
            "currency": self.currency,
        }
        self.fields["cover_fee"].help_text = _("Adds %(percent)s%% + %(fixed)s so that we receive your whole gift.") % {
            "percent": site_settings.fee_percent.normalize(),
            "fixed": money_format(site_settings.fee_fixed_cents, self.currency),
        }
        methods = available_methods()
        self.fields["method"].choices = methods
        self.fields["method"].initial = methods[0][0]
        if not site_settings.receipts_need_address:
            del self.fields["address"]

    def clean_custom_amount(self):
        value = self.cleaned_data["custom_amount"]
        if self.data.get(self.add_prefix("amount_choice")) != OTHER:
            return None
        cents = amount_parse(value, currency=self.currency)
        if cents < self.campaign.minimum_cents:
            raise ValidationError(
                _("The smallest gift we can take is %(min)s.")
                % {"min": money_format(self.campaign.minimum_cents, self.currency)},
                code="below_minimum",
            )
        if cents > self.campaign.maximum_cents:
            raise ValidationError(
                _("The largest gift we can take here is %(max)s; please write to us for larger gifts.")
                % {"max": money_format(self.campaign.maximum_cents, self.currency)},
                code="above_maximum",
            )
        return cents

    def clean(self):
        data = super().clean()
        if data.get("dedication") and not (data.get("dedication_name") or "").strip():
            self.add_error("dedication_name", _("Please give the name of the person this gift honours."))
        if not data.get("dedication"):
            data["dedication_name"] = data["dedication_email"] = data["dedication_message"] = ""
        if data.get("anonymous"):
            data["on_donor_wall"] = False
        method = data.get("method")
        if method in {Method.CHEQUE, Method.BANK_TRANSFER} and data.get("frequency") not in {None, Frequency.ONE_TIME}:
            self.add_error("frequency", _("Monthly and yearly gifts are by card; please choose one time for a cheque."))
        return data

    @property
    def amount_cents(self) -> int | None:
        choice = self.cleaned_data.get("amount_choice")
        if choice == OTHER:
            return self.cleaned_data.get("custom_amount")
        return int(choice) if choice else None

    def choice(self) -> GiftChoice:
        """What the donor chose, with the fee recomputed; call only on a valid form."""
        data = self.cleaned_data
        amount = self.amount_cents
        fee = 0
        if data["cover_fee"] and data["method"] in {Method.CARD, Method.TEST}:
            fee = processing_fee(
                amount, percent=self.site_settings.fee_percent, fixed_cents=self.site_settings.fee_fixed_cents
            )
        return GiftChoice(
            amount_cents=amount,
            fee_cents=fee,
            currency=self.currency,
            frequency=data["frequency"],
            method=data["method"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data["email"],
            address=data.get("address", ""),
            dedication=data["dedication"],
            dedication_name=data["dedication_name"],
            dedication_email=data["dedication_email"],
            dedication_message=data["dedication_message"],
            anonymous=data["anonymous"],
            on_donor_wall=data["on_donor_wall"],
        )


class AmountChangeForm(StorableTextMixin, forms.Form):
    amount = forms.CharField(label=_("New amount"), max_length=40)

    def __init__(self, *args, currency: str, minimum_cents: int, maximum_cents: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.currency, self.minimum_cents, self.maximum_cents = currency, minimum_cents, maximum_cents

    def clean_amount(self):
        cents = amount_parse(self.cleaned_data["amount"], currency=self.currency)
        if not self.minimum_cents <= cents <= self.maximum_cents:
            raise ValidationError(
                _("Choose an amount from %(min)s to %(max)s.")
                % {
                    "min": money_format(self.minimum_cents, self.currency),
                    "max": money_format(self.maximum_cents, self.currency),
                }
            )
        return cents
