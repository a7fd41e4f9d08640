"""Forms staff use in the admin: filtering the list and recording a gift that arrived offline."""

from django import forms
from django.utils.translation import gettext_lazy as _

from fairfield.donations.forms import ExactTextField
from fairfield.donations.models import Campaign, Method, Status
from fairfield.donations.money import amount_parse
from fairfield.lib.forms import StorableTextMixin


class DonationFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("Any")), *Status.choices], required=False)
    method = forms.ChoiceField(label=_("Method"), choices=[("", _("Any")), *Method.choices], required=False)
    campaign = forms.ModelChoiceField(label=_("Campaign"), queryset=Campaign.objects.all(), required=False)
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def filter(self, queryset):
        data = self.cleaned_data
        if data.get("status"):
            queryset = queryset.filter(status=data["status"])
        if data.get("method"):
            queryset = queryset.filter(method=data["method"])
        if data.get("campaign"):
            queryset = queryset.filter(campaign=data["campaign"])
        if data.get("since"):
            queryset = queryset.filter(created_at__date__gte=data["since"])
        if data.get("until"):
            queryset = queryset.filter(created_at__date__lte=data["until"])
        return queryset


class OfflineGiftForm(StorableTextMixin, forms.Form):
    method = forms.ChoiceField(
        label=_("Method"),
        choices=[
            (Method.CHEQUE, Method.CHEQUE.label),
            (Method.BANK_TRANSFER, Method.BANK_TRANSFER.label),
            (Method.CASH, Method.CASH.label),
        ],
    )
    amount = forms.CharField(label=_("Amount"), max_length=40)
    campaign = forms.ModelChoiceField(label=_("Campaign"), queryset=Campaign.objects.all(), required=False)
    first_name = ExactTextField(label=_("First name"), max_length=100)
    last_name = ExactTextField(label=_("Last name"), max_length=100)
    email = forms.EmailField(label=_("E-mail address (for the receipt)"))
    address = ExactTextField(label=_("Postal address"), max_length=1000, required=False, widget=forms.Textarea)
    reference = ExactTextField(label=_("Cheque number or transfer reference"), max_length=100, required=False)

    def __init__(self, *args, currency: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.currency = currency

    def clean_amount(self):
        cents = amount_parse(self.cleaned_data["amount"], currency=self.currency)
        if cents > 100_000_000:
            raise forms.ValidationError(_("That is more than any single gift we record here."))
        return cents


class RefundForm(StorableTextMixin, forms.Form):
    amount = forms.CharField(
        label=_("Amount refunded"), max_length=40, required=False, help_text=_("Leave empty for the whole gift.")
    )

    def __init__(self, *args, donation, **kwargs):
        super().__init__(*args, **kwargs)
        self.donation = donation

    def clean_amount(self):
        text = self.cleaned_data["amount"]
        if not text.strip():
            return None
        cents = amount_parse(text, currency=self.donation.currency)
        if cents > self.donation.total_cents:
            raise forms.ValidationError(_("A refund cannot be more than the gift."))
        return cents
