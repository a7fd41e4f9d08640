from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from fairfield.accounts.access import require
from fairfield.lib.errors import Refusal, refusal_response
from fairfield.privacy import selectors, services
from fairfield.privacy.forms import EraseForm
from fairfield.privacy.inventory import EXEMPT, INVENTORY
from fairfield.privacy.services import EXPORT_LINK_DAYS


def privacy_notice(request):
    """What Fairfield keeps about a member and why, generated from the data inventory."""
    return render(
        request, "privacy/notice.html", {"entries": INVENTORY, "exempt": EXEMPT, "link_days": EXPORT_LINK_DAYS}
    )


@login_required
@require_http_methods(["GET", "POST"])
def export_request(request):
    require(request.user, "privacy.export.request")
    if request.method == "POST":
        try:
            services.export_request(member=request.user)
        except Refusal as refusal:
            messages.info(request, refusal.message)
        else:
            messages.success(
                request, _("We are preparing your copy. We will e-mail you a download link when it is ready.")
            )
        return redirect("privacy:export")
    return render(
        request,
        "privacy/export.html",
        {"exports": selectors.exports_of(request.user)[:5], "link_days": EXPORT_LINK_DAYS, "now": timezone.now()},
    )


@never_cache
@login_required
def export_download(request, token):
    try:
        export = services.export_for_download(token=token, member=request.user)
    except Refusal as refusal:
        return refusal_response(request, refusal)
    require(request.user, "privacy.export.download", export)
    response = HttpResponse(bytes(export.archive), content_type="application/zip")
    filename = f"fairfield-data-{export.ready_at:%Y-%m-%d}.zip"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store, private"
    return response


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def erase_account(request):
    member = request.user
    require(member, "privacy.account.erase", member)
    form = EraseForm(request.POST if request.method == "POST" else None, member=member)
    if request.method == "POST" and form.is_valid():
        try:
            services.account_erase(member=member, keep_words=form.keep_words)
        except Refusal as refusal:
            return refusal_response(request, refusal, template="privacy/erase.html", context={"form": form}, form=form)
        logout(request)
        return redirect("privacy:erased")
    return render(request, "privacy/erase.html", {"form": form}, status=400 if form.errors else 200)


def account_erased(request):
    return render(request, "privacy/erased.html")
