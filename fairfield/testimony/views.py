"""The archive's public pages, the telling form in steps, and the writer's own page.

Nothing here decides who reads what: public pages start from `selectors.testimonies_public()`, a writer's pages
from `access.holds()` (by account or by the resume code proved in this browser). Anything else is a 404, so a
guessed address learns nothing.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from fairfield.accounts.access import may
from fairfield.lib.errors import Refusal, refusal_response
from fairfield.testimony import access, selectors, services
from fairfield.testimony.cache import archive_cached
from fairfield.testimony.forms import LAST_STEP, STEPS, ChangeConsentForm, ResearcherApplicationForm, ResumeForm
from fairfield.testimony.models import DRAFT_DAYS, Status, Testimony

PER_PAGE = 20
SEARCH_MAX = 200


def _client_key(request) -> str:
    return request.META.get("REMOTE_ADDR", "unknown")


def _held(request, public_id) -> Testimony:
    testimony = get_object_or_404(Testimony, public_id=public_id)
    if not access.holds(request, testimony):
        raise Http404
    return testimony


@require_safe
@archive_cached
def archive(request):
    query = request.GET.get("q", "")[:SEARCH_MAX].strip()
    found = selectors.testimonies_search(query) if query else selectors.testimonies_public()
    found = found.only("public_id", "title", "public_text", "pseudonym", "consent", "published_at", "content_notes")
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "testimony/archive.html", {"page_obj": page, "query": query})


@require_safe
@archive_cached
def testimony_detail(request, public_id):
    testimony = get_object_or_404(selectors.testimonies_public(), public_id=public_id)
    return render(request, "testimony/detail.html", {"testimony": testimony})


@require_safe
@archive_cached
def figures(request):
    return render(request, "testimony/figures.html", {"figures": selectors.figures()})


@require_http_methods(["GET", "HEAD", "POST"])
def tell_start(request):
    if request.method == "POST":
        testimony, code = services.testimony_start(writer=request.user)
        access.hold(request, testimony)
        if code:
            request.session["testimony_new_code"] = code
            return redirect("testimony:code", public_id=testimony.public_id)
        return redirect("testimony:step", public_id=testimony.public_id, step=1)
    return render(request, "testimony/tell_start.html", {"draft_days": DRAFT_DAYS})


@require_safe
def tell_code(request, public_id):
    """The resume code, shown once: it is not kept anywhere we could show it from again."""
    testimony = _held(request, public_id)
    code = request.session.pop("testimony_new_code", "")
    private_link = request.build_absolute_uri(reverse("testimony:private", args=[code])) if code else ""
    return render(
        request,
        "testimony/tell_code.html",
        {"testimony": testimony, "code": code, "private_link": private_link, "draft_days": DRAFT_DAYS},
    )


def _initial(testimony: Testimony) -> dict:
    return {
        "title": testimony.title,
        "narrative": services.testimony_narrative(testimony),
        "settings": testimony.settings,
        "experiences": testimony.experiences,
        "helped": testimony.helped,
        "roles": testimony.roles,
        "period": testimony.period,
        "region": testimony.region,
        "content_notes": testimony.content_notes,
        "consent": testimony.consent,
        "pseudonym": testimony.pseudonym,
        "count_in_figures": testimony.count_in_figures,
        "closure_date": testimony.closure_date,
    }


@require_http_methods(["GET", "HEAD", "POST"])
def tell_step(request, public_id, step):
    testimony = _held(request, public_id)
    if testimony.status != Status.DRAFT:
        return redirect("testimony:writer", public_id=testimony.public_id)
    if step == LAST_STEP:
        return _tell_check(request, testimony)
    if not 1 <= step < LAST_STEP:
        raise Http404
    _number, title, form_class = STEPS[step - 1]
    context = {"testimony": testimony, "step": step, "steps": STEPS, "last_step": LAST_STEP, "step_title": title}
    if request.method != "POST":
        form = form_class(initial=_initial(testimony))
        return render(request, "testimony/tell_step.html", {**context, "form": form})
    form = form_class(request.POST)
    if not form.is_valid():
        return render(request, "testimony/tell_step.html", {**context, "form": form}, status=400)
    action = request.POST.get("action", "next")
    next_step = {"back": step - 1, "break": step}.get(action, step + 1)
    try:
        services.testimony_save_draft(testimony=testimony, data=form.cleaned_data, step=max(1, next_step))
    except Refusal as refusal:
        return refusal_response(request, refusal, template="testimony/tell_step.html", context=context, form=form)
    if action == "break":
        return redirect("testimony:break", public_id=testimony.public_id)
    return redirect("testimony:step", public_id=testimony.public_id, step=max(1, next_step))


def _tell_check(request, testimony):
    context = {
        "testimony": testimony,
        "narrative": services.testimony_narrative(testimony),
        "step": LAST_STEP,
        "steps": STEPS,
        "last_step": LAST_STEP,
    }
    if request.method == "POST":
        if request.POST.get("action") == "break":
            return redirect("testimony:break", public_id=testimony.public_id)
        try:
            services.testimony_submit(testimony=testimony, actor=request.user)
        except Refusal as refusal:
            return refusal_response(request, refusal, template="testimony/tell_check.html", context=context)
        messages.success(request, _("Thank you. Your testimony was sent; a moderator will read it next."))
        return redirect("testimony:writer", public_id=testimony.public_id)
    return render(request, "testimony/tell_check.html", context)


@require_safe
def tell_break(request, public_id):
    testimony = _held(request, public_id)
    return render(request, "testimony/tell_break.html", {"testimony": testimony, "draft_days": DRAFT_DAYS})


def _open(request, testimony):
    if testimony.status == Status.WITHDRAWN:
        return render(request, "testimony/withdrawn.html", {"already": True})
    access.hold(request, testimony)
    if testimony.status == Status.DRAFT:
        return redirect("testimony:step", public_id=testimony.public_id, step=testimony.step)
    return redirect("testimony:writer", public_id=testimony.public_id)


@require_http_methods(["GET", "HEAD", "POST"])
def resume(request):
    form = ResumeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            testimony = services.testimony_by_code(code=form.cleaned_data["code"], client_key=_client_key(request))
        except Refusal as refusal:
            return refusal_response(request, refusal, template="testimony/resume.html", form=form)
        request.session.cycle_key()
        return _open(request, testimony)
    return render(request, "testimony/resume.html", {"form": form}, status=400 if form.errors else 200)


@require_safe
def private_link(request, code):
    try:
        testimony = services.testimony_by_code(code=code, client_key=_client_key(request))
    except Refusal as refusal:
        return refusal_response(request, refusal, template="testimony/resume.html", context={"form": ResumeForm()})
    return _open(request, testimony)


@login_required
@require_safe
def mine(request):
    return render(request, "testimony/mine.html", {"testimonies": selectors.testimonies_of(request.user)})


@require_safe
def writer_page(request, public_id):
    testimony = _held(request, public_id)
    return render(
        request,
        "testimony/writer.html",
        {
            "testimony": testimony,
            "narrative": services.testimony_narrative(testimony),
            "redacted": services.testimony_redacted(testimony) if testimony.redacted else "",
            "consent_form": ChangeConsentForm(
                initial={"consent": testimony.consent, "count_in_figures": testimony.count_in_figures}
            ),
            "is_public": access.is_publicly_readable(testimony),
        },
    )


@require_POST
def change_consent(request, public_id):
    testimony = _held(request, public_id)
    form = ChangeConsentForm(request.POST)
    if form.is_valid():
        try:
            services.testimony_change_consent(
                testimony=testimony,
                consent=form.cleaned_data["consent"],
                count_in_figures=form.cleaned_data["count_in_figures"],
                actor=request.user,
            )
        except Refusal as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, _("Done: who may read your testimony has changed."))
    else:
        messages.error(request, _("Please choose who may read it."))
    return redirect("testimony:writer", public_id=testimony.public_id)


@require_POST
def agree_redaction(request, public_id):
    testimony = _held(request, public_id)
    try:
        services.testimony_agree_redaction(testimony=testimony, actor=request.user)
    except Refusal as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("Thank you: you agreed with what was removed."))
    return redirect("testimony:writer", public_id=testimony.public_id)


@require_http_methods(["GET", "HEAD", "POST"])
def withdraw(request, public_id):
    testimony = get_object_or_404(Testimony, public_id=public_id)
    was_held = str(testimony.public_id) in request.session.get(access.SESSION_KEY, [])
    if testimony.status == Status.WITHDRAWN and was_held:
        return render(request, "testimony/withdrawn.html", {"already": True})
    if not access.holds(request, testimony):
        raise Http404
    if request.method == "POST":
        services.testimony_withdraw(testimony=testimony, actor=request.user)
        return render(request, "testimony/withdrawn.html", {"already": False})
    return render(request, "testimony/withdraw.html", {"testimony": testimony})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def research(request):
    """Apply for researcher access; once approved, download the export."""
    form = ResearcherApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.researcher_apply(user=request.user, purpose=form.cleaned_data["purpose"])
        except Refusal as refusal:
            return refusal_response(
                request, refusal, template="testimony/research.html", form=form, context=_research_context(request)
            )
        messages.success(request, _("Thank you. An admin will read your application."))
        return redirect("testimony:research")
    return render(request, "testimony/research.html", {"form": form, **_research_context(request)})


def _research_context(request):
    return {
        "applications": request.user.researcher_access.order_by("-created_at"),
        "may_export": may(request.user, "testimony.research.export"),
    }


@login_required
@require_safe
def research_export(request):
    try:
        data = services.research_export(user=request.user)
    except Refusal as refusal:
        return refusal_response(request, refusal)
    response = HttpResponse(data, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="fairfield-testimony-research.csv"'
    response["Cache-Control"] = "private, no-store"
    return response
