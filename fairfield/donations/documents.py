"""Receipts and annual statements as PDF (WeasyPrint) and as e-mail (text plus HTML, PDF attached)."""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from wagtail.models import Site

from fairfield.donations.models import DonationSettings, Receipt
from fairfield.donations.money import money_format

# WeasyPrint reports every rendering step at INFO; the site's log is no place for that.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def organisation() -> DonationSettings:
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    return DonationSettings.for_site(site)


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def _pdf(template: str, context: dict) -> bytes:
    from weasyprint import HTML  # imported when needed: it parses its own stylesheets at import

    html = render_to_string(template, context)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def receipt_context(receipt: Receipt) -> dict:
    donation = receipt.donation
    return {
        "receipt": receipt,
        "donation": donation,
        "org": organisation(),
        "total": donation.total_display,
        "dashboard_url": absolute(reverse("donations:dashboard")),
    }


def receipt_pdf(receipt: Receipt) -> bytes:
    return _pdf("donations/pdf/receipt.html", receipt_context(receipt))


def receipt_message(receipt: Receipt) -> EmailMultiAlternatives:
    context = receipt_context(receipt)
    message = _message("receipt", context, to=receipt.donation.email)
    message.attach(f"fairfield-receipt-{receipt.number}.pdf", receipt_pdf(receipt), "application/pdf")
    return message


def statement_context(*, name: str, year: int, donations) -> dict:
    donations = list(donations)
    currency = donations[0].currency if donations else organisation().currency
    total = sum(d.total_cents for d in donations if d.currency == currency)
    return {
        "org": organisation(),
        "name": name,
        "year": year,
        "rows": [(d, d.total_display) for d in donations],
        "total": money_format(total, currency),
    }


def statement_pdf(*, name: str, year: int, donations) -> bytes:
    return _pdf("donations/pdf/statement.html", statement_context(name=name, year=year, donations=donations))


def statement_message(*, email: str, name: str, year: int, donations) -> EmailMultiAlternatives:
    donations = list(donations)
    context = statement_context(name=name, year=year, donations=donations)
    context["dashboard_url"] = absolute(reverse("donations:dashboard"))
    message = _message("statement", context, to=email)
    message.attach(
        f"fairfield-giving-{year}.pdf", statement_pdf(name=name, year=year, donations=donations), "application/pdf"
    )
    return message


def _message(kind: str, context: dict, *, to: str) -> EmailMultiAlternatives:
    base = f"donations/email/{kind}"
    subject = " ".join(render_to_string(f"{base}_subject.txt", context).split())
    message = EmailMultiAlternatives(
        subject=subject, body=render_to_string(f"{base}.txt", context), from_email=settings.DEFAULT_FROM_EMAIL, to=[to]
    )
    message.attach_alternative(render_to_string(f"{base}.html", context), "text/html")
    return message
