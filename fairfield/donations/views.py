"""Giving (the Support page's form, review and payment), Stripe's webhook, the test gateway and the donor dashboard."""

import logging
import uuid

import stripe
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from fairfield.donations import documents, selectors, services, stripe_gateway, webhooks
from fairfield.donations.forms import AmountChangeForm, DonationForm
from fairfield.donations.models import (
    Donation,
    DonationSettings,
    Method,
    RecurringGift,
    RecurringStatus,
    Status,
)
from fairfield.donations.money import money_format

logger = logging.getLogger(__name__)

REVIEW_SALT = "fairfield.donations.review"
REVIEW_MAX_AGE = 2 * 60 * 60


def _review_token(choice: services.GiftChoice, gift_id: str, campaign_id: int) -> str:
    return signing.dumps({"choice": choice.__dict__, "gift": gift_id, "campaign": campaign_id}, salt=REVIEW_SALT)


def _reviewed(token: str, choice: services.GiftChoice, campaign_id: int) -> str | None:
    """The gift id if the donor is paying exactly what they reviewed, else None."""
    try:
        data = signing.loads(token, salt=REVIEW_SALT, max_age=REVIEW_MAX_AGE)
    except signing.BadSignature:
        return None
    if data.get("choice") != choice.__dict__ or data.get("campaign") != campaign_id:
        return None
    return data.get("gift")


def support_page_serve(request, page):
    site_settings = DonationSettings.for_request(request)
    campaign = page.campaign
    context = {
        "page": page,
        "campaign": campaign,
        "progress": selectors.campaign_progress(campaign, currency=site_settings.currency),
        "donor_wall": selectors.donor_wall(campaign) if page.show_donor_wall else [],
        "test_mode": settings.DONATIONS_TEST_GATEWAY,
    }
    if request.method == "GET":
        # A logged-in member's receipt goes to their own address unless they change it.
        initial = {"email": request.user.email} if request.user.is_authenticated else {}
        context["form"] = DonationForm(campaign=campaign, site_settings=site_settings, initial=initial)
        return render(request, page.template, context)
    if request.method != "POST":
        return HttpResponse(status=405, headers={"Allow": "GET, POST"})

    form = DonationForm(request.POST, campaign=campaign, site_settings=site_settings)
    step = request.POST.get("step", "review")
    if not form.is_valid():
        context["form"] = form
        return render(request, page.template, context, status=400)
    if step == "edit":
        context["form"] = form
        return render(request, page.template, context)
    choice = form.choice()
    if step == "pay":
        gift_id = _reviewed(request.POST.get("review_token", ""), choice, campaign.pk)
        if gift_id is not None:
            return _pay(request, page, choice, gift_id)
        context["changed"] = True
    context.update(form=form, choice=choice, review_token=_review_token(choice, str(uuid.uuid4()), campaign.pk))
    context.update(
        amount_display=money_format(choice.amount_cents, choice.currency),
        fee_display=money_format(choice.fee_cents, choice.currency),
        total_display=money_format(choice.total_cents, choice.currency),
    )
    return render(request, "donations/review.html", context)


def _pay(request, page, choice, gift_id):
    donation = services.donation_create(
        public_id=uuid.UUID(gift_id), choice=choice, campaign=page.campaign, user=request.user
    )
    if donation.status not in {Status.CREATED, Status.PENDING}:
        return redirect("donations:thanks", public_id=donation.public_id)
    if donation.method == Method.CARD:
        thanks = request.build_absolute_uri(reverse("donations:thanks", args=[donation.public_id]))
        try:
            session = stripe_gateway.checkout_session_create(
                donation=donation, success_url=thanks, cancel_url=request.build_absolute_uri(page.url)
            )
        except stripe.StripeError as error:
            logger.warning("Checkout for donation %s failed: %s", donation.pk, error)
            return render(request, "donations/payment_unavailable.html", {"page": page}, status=503)
        services.donation_mark_pending(donation=donation, checkout_session_id=session.id)
        return redirect(session.url, permanent=False)
    services.donation_mark_pending(donation=donation)
    if donation.method == Method.TEST:
        return redirect("donations:test_checkout", public_id=donation.public_id)
    return redirect("donations:thanks", public_id=donation.public_id)


def thanks(request, public_id):
    donation = get_object_or_404(Donation.objects.select_related("campaign"), public_id=public_id)
    return render(request, "donations/thanks.html", {"donation": donation, "org": documents.organisation()})


def test_checkout(request, public_id):
    """The test gateway's pay page: unmistakably test mode, never available in production."""
    if not settings.DONATIONS_TEST_GATEWAY:
        raise Http404
    donation = get_object_or_404(Donation, public_id=public_id, method=Method.TEST)
    if request.method == "POST" and donation.status == Status.PENDING:
        if request.POST.get("outcome") == "decline":
            services.donation_fail(donation=donation, reason="declined in test mode")
        else:
            with transaction.atomic():
                if donation.recurring_gift_id:
                    services.recurring_gift_activate(gift=donation.recurring_gift)
                services.donation_succeed(donation=donation)
        return redirect("donations:thanks", public_id=donation.public_id)
    return render(request, "donations/test_checkout.html", {"donation": donation})


@csrf_exempt
@require_POST
def stripe_webhook(request):
    """Stripe's events: 400 for anything not signed by Stripe with our secret, else stored, then processed."""
    from fairfield.donations.tasks import webhook_event_process_task

    try:
        event = webhooks.event_verify(payload=request.body, signature=request.headers.get("Stripe-Signature", ""))
    except webhooks.BadSignature:
        return HttpResponseBadRequest("Invalid signature.")
    stored = webhooks.event_store(event)
    webhook_event_process_task.enqueue(stored.pk)
    return HttpResponse("ok")


@login_required
def dashboard(request):
    gifts = list(selectors.donations_for_user(request.user)[:200])
    recurring = list(selectors.recurring_gifts_for_user(request.user))
    return render(
        request,
        "donations/dashboard.html",
        {
            "donations": gifts,
            "recurring_gifts": recurring,
            "years": selectors.statement_years(request.user),
            "card_enabled": settings.DONATIONS_CARD_GATEWAY,
        },
    )


@login_required
def receipt_pdf(request, public_id):
    donation = selectors.donation_for_user(request.user, public_id)
    if donation is None or not hasattr(donation, "receipt"):
        raise Http404
    response = HttpResponse(documents.receipt_pdf(donation.receipt), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="fairfield-receipt-{donation.receipt.number}.pdf"'
    return response


@login_required
def statement_pdf(request, year: int):
    from allauth.account.models import EmailAddress

    emails = list(EmailAddress.objects.filter(user=request.user, verified=True).values_list("email", flat=True))
    donations = list(selectors.statement_donations(emails=emails, user=request.user, year=year))
    if not donations:
        raise Http404
    pdf = documents.statement_pdf(name=donations[-1].donor_name, year=year, donations=donations)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="fairfield-giving-{year}.pdf"'
    return response


def _own_gift(request, public_id) -> RecurringGift:
    gift = selectors.recurring_gifts_for_user(request.user).filter(public_id=public_id).first()
    if gift is None:
        raise Http404
    return gift


@login_required
@require_POST
def recurring_change(request, public_id):
    """Pause, resume, cancel or change the amount of one of the member's recurring gifts."""
    gift = _own_gift(request, public_id)
    action = request.POST.get("action")
    try:
        if action == "cancel":
            services.recurring_gift_cancel(gift=gift, user=request.user)
            messages.success(request, _("Your recurring gift is cancelled. Nothing more will be charged."))
        elif action == "pause":
            services.recurring_gift_pause(gift=gift, user=request.user)
            messages.success(request, _("Your recurring gift is paused."))
        elif action == "resume":
            services.recurring_gift_resume(gift=gift, user=request.user)
            messages.success(request, _("Your recurring gift is running again."))
        elif action == "amount":
            campaign = gift.campaign
            form = AmountChangeForm(
                request.POST,
                currency=gift.currency,
                minimum_cents=campaign.minimum_cents if campaign else 100,
                maximum_cents=campaign.maximum_cents if campaign else 1_000_000,
            )
            if not form.is_valid():
                messages.error(request, " ".join(form.errors["amount"]))
                return redirect("donations:dashboard")
            services.recurring_gift_change_amount(
                gift=gift, amount_cents=form.cleaned_data["amount"], user=request.user
            )
            messages.success(
                request,
                _("From the next payment on, your gift is %(amount)s.")
                % {"amount": money_format(form.cleaned_data["amount"], gift.currency)},
            )
        else:
            return HttpResponseBadRequest("Unknown action.")
    except services.DonationError as error:
        messages.error(request, str(error))
    except stripe.StripeError as error:
        logger.warning("Stripe refused a change to recurring gift %s: %s", gift.pk, error)
        messages.error(request, _("Our card processor could not make that change just now; nothing changed."))
    return redirect("donations:dashboard")


@login_required
@require_POST
def update_card(request, public_id):
    gift = _own_gift(request, public_id)
    if gift.method != Method.CARD or not gift.stripe_customer_id or gift.status == RecurringStatus.CANCELLED:
        raise Http404
    try:
        url = stripe_gateway.billing_portal_url(
            gift, return_url=request.build_absolute_uri(reverse("donations:dashboard"))
        )
    except stripe.StripeError:
        messages.error(request, _("Our card processor could not be reached; please try again shortly."))
        return redirect("donations:dashboard")
    return redirect(url)
