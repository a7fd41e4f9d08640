"""The donations admin in Wagtail: list with filters and CSV export, monthly totals, manual entry, confirm, refund."""

import csv
from datetime import timedelta

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.models import ModelLogEntry

from fairfield.accounts.access import require
from fairfield.donations import documents, selectors, services
from fairfield.donations.admin_forms import DonationFilterForm, OfflineGiftForm, RefundForm
from fairfield.donations.models import Donation, Frequency
from fairfield.donations.money import cents_to_decimal, money_format

CSV_COLUMNS = [
    "created_at", "succeeded_at", "status", "method", "frequency", "currency", "amount", "fee", "total",
    "first_name", "last_name", "email", "campaign", "anonymous", "dedication", "dedication_name",
    "offline_reference", "receipt", "stripe_payment_intent_id", "stripe_invoice_id",
]  # fmt: skip


def _csv_safe(value) -> str:
    """Spreadsheets run cells that start with =, +, - or @ as formulas; a donor's name must never be one."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in {"=", "+", "-", "@", "\t", "\r"} else text


def donation_list(request):
    require(request.user, "donations.manage")
    filters = DonationFilterForm(request.GET or None)
    donations = Donation.objects.select_related("campaign", "receipt").order_by("-created_at", "-pk")
    if filters.is_valid():
        donations = filters.filter(donations)
    if request.GET.get("format") == "csv":
        return _csv(donations)
    currency = documents.organisation().currency
    since = (timezone.localdate().replace(day=1) - timedelta(days=335)).replace(day=1)
    months = selectors.monthly_totals(since=since, currency=currency)
    peak = max((cents for _month, cents in months), default=0) or 1
    chart = [
        {
            "month": month,
            "total": money_format(cents, currency),
            "height": round(cents * 160 / peak),
            "x": index * 48,
            "y": 170 - round(cents * 160 / peak),
        }
        for index, (month, cents) in enumerate(months)
    ]
    page = Paginator(donations, 50).get_page(request.GET.get("p"))
    query = request.GET.copy()
    query.pop("p", None)
    return TemplateResponse(
        request,
        "donations/admin/list.html",
        {"page_obj": page, "filters": filters, "chart": chart, "chart_width": max(len(chart) * 48, 48), "query": query},
    )


def _csv(donations) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="donations-{timezone.localdate():%Y-%m-%d}.csv"'
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    for d in donations.iterator():
        receipt = getattr(d, "receipt", None) if hasattr(d, "receipt") else None
        writer.writerow(
            [
                _csv_safe(value)
                for value in (
                    d.created_at.isoformat(), d.succeeded_at.isoformat() if d.succeeded_at else "", d.status,
                    d.method, d.frequency, d.currency, cents_to_decimal(d.amount_cents), cents_to_decimal(d.fee_cents),
                    cents_to_decimal(d.total_cents), d.first_name, d.last_name, d.email,
                    d.campaign.name if d.campaign else "", d.anonymous, d.dedication, d.dedication_name,
                    d.offline_reference, receipt.number if receipt else "", d.stripe_payment_intent_id or "",
                    d.stripe_invoice_id or "",
                )
            ]
        )  # fmt: skip
    return response


def donation_detail(request, pk):
    require(request.user, "donations.manage")
    donation = get_object_or_404(Donation.objects.select_related("campaign", "recurring_gift"), pk=pk)
    history = (
        ModelLogEntry.objects.filter(
            content_type__app_label="donations", content_type__model="donation", object_id=str(donation.pk)
        )
        .select_related("user")
        .order_by("timestamp", "pk")
    )
    return TemplateResponse(
        request,
        "donations/admin/detail.html",
        {"donation": donation, "history": history, "refund_form": RefundForm(donation=donation)},
    )


@require_POST
def donation_confirm(request, pk):
    require(request.user, "donations.manage")
    donation = get_object_or_404(Donation, pk=pk)
    try:
        services.donation_confirm_offline(
            donation=donation, user=request.user, reference=request.POST.get("reference", "")[:100].replace("\x00", "")
        )
    except services.DonationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Gift confirmed; the receipt is on its way to the donor."))
    return redirect("donations_admin_detail", pk=pk)


@require_POST
def donation_refund(request, pk):
    require(request.user, "donations.manage")
    donation = get_object_or_404(Donation, pk=pk)
    form = RefundForm(request.POST, donation=donation)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["amount"]))
        return redirect("donations_admin_detail", pk=pk)
    try:
        services.donation_refund(donation=donation, amount_cents=form.cleaned_data["amount"], user=request.user)
    except services.DonationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Refund recorded."))
    return redirect("donations_admin_detail", pk=pk)


@require_POST
def donation_cancel(request, pk):
    require(request.user, "donations.manage")
    donation = get_object_or_404(Donation, pk=pk)
    try:
        services.donation_cancel(donation=donation, user=request.user)
    except services.DonationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Gift cancelled."))
    return redirect("donations_admin_detail", pk=pk)


@require_http_methods(["GET", "POST"])
def donation_record(request):
    """Staff enter a gift that already arrived, such as a cheque in the post; it is confirmed at once."""
    require(request.user, "donations.manage")
    currency = documents.organisation().currency
    form = OfflineGiftForm(request.POST or None, currency=currency)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        choice = services.GiftChoice(
            amount_cents=data["amount"],
            fee_cents=0,
            currency=currency,
            frequency=Frequency.ONE_TIME,
            method=data["method"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data["email"],
            address=data["address"],
        )
        donation = services.donation_record_offline(
            choice=choice, campaign=data["campaign"], user=request.user, reference=data["reference"]
        )
        messages.success(request, _("Gift of %(total)s recorded.") % {"total": donation.total_display})
        return redirect("donations_admin_detail", pk=donation.pk)
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(request, "donations/admin/record.html", {"form": form}, status=status)
