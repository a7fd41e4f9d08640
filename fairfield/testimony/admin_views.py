"""Moderating testimonies in Wagtail's admin: the waiting list, and one testimony with its likely identifying
details highlighted, the suggested redaction, and the button that accepts it into the archive."""

from functools import wraps

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from fairfield.accounts.access import may
from fairfield.lib.errors import Refusal, refusal_to_form
from fairfield.testimony import access, detection, selectors, services
from fairfield.testimony.forms import ResearcherDecisionForm, ReviewForm
from fairfield.testimony.models import ResearcherAccess, Status, Testimony


def moderators_only(view):
    @wraps(view)
    def check(request, *args, **kwargs):
        if not access.may_moderate(request.user):
            return TemplateResponse(request, "testimony/admin/forbidden.html", status=403)
        return view(request, *args, **kwargs)

    return check


@require_safe
@moderators_only
def waiting(request):
    return TemplateResponse(
        request,
        "testimony/admin/waiting.html",
        {"testimonies": selectors.testimonies_waiting(), "withdrawn": selectors.withdrawn_count()},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@moderators_only
def review(request, public_id):
    testimony = get_object_or_404(Testimony, public_id=public_id, status=Status.SUBMITTED)
    if not access.may_moderate(request.user, testimony):
        return TemplateResponse(request, "testimony/admin/forbidden.html", status=403)
    narrative = services.testimony_narrative(testimony)
    form = ReviewForm(request.POST or None, initial={"redacted": detection.suggested_redaction(narrative)})
    if request.method == "POST" and form.is_valid():
        try:
            services.testimony_publish(
                testimony=testimony,
                moderator=request.user,
                redacted_text=form.cleaned_data["redacted"],
                redaction_note=form.cleaned_data["redaction_note"],
            )
        except Refusal as refusal:
            refusal_to_form(form, refusal)
        else:
            messages.success(request, _("Accepted into the archive."))
            return redirect("testimony_admin_waiting")
    return TemplateResponse(
        request,
        "testimony/admin/review.html",
        {
            "testimony": testimony,
            "pieces": detection.highlighted(narrative),
            "findings": detection.findings(narrative),
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def researchers(request):
    """Admins decide on researcher access: the purpose as agreed and an end date, or a refusal."""
    if not may(request.user, "testimony.research.decide"):
        return TemplateResponse(request, "testimony/admin/forbidden.html", status=403)
    applications = ResearcherAccess.objects.select_related("researcher", "decided_by").order_by("state", "-created_at")
    if request.method == "POST":
        access = get_object_or_404(ResearcherAccess, pk=request.POST.get("application"))
        form = ResearcherDecisionForm(request.POST, prefix=f"a{access.pk}")
        if form.is_valid():
            try:
                services.researcher_decide(
                    access=access,
                    admin=request.user,
                    approve=request.POST.get("decision") == "approve",
                    purpose=form.cleaned_data["purpose"],
                    ends_on=form.cleaned_data["ends_on"],
                )
            except Refusal as refusal:
                messages.error(request, refusal.message)
            else:
                messages.success(request, _("Decision recorded."))
        else:
            messages.error(request, _("Please give the purpose and, to approve, an end date."))
        return redirect("testimony_admin_researchers")
    rows = [
        (application, ResearcherDecisionForm(prefix=f"a{application.pk}", initial={"purpose": application.purpose}))
        for application in applications
    ]
    return TemplateResponse(request, "testimony/admin/researchers.html", {"rows": rows})
