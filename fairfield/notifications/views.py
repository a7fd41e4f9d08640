from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from fairfield.notifications import kinds, services
from fairfield.notifications.forms import PreferencesForm


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def notification_settings(request):
    """Which e-mails the member gets."""
    if request.method == "POST":
        form = PreferencesForm(request.POST)
        if form.is_valid():
            services.preferences_update(user=request.user, choices=form.cleaned_data)
            messages.success(request, _("Your e-mail choices are saved."))
            return redirect("notifications:settings")
    else:
        form = PreferencesForm(initial=services.preferences_for(request.user))
    return render(
        request, "notifications/settings.html", {"form": form, "mail_stopped": services.mail_stopped_for(request.user)}
    )


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """RFC 8058 one-click: mail clients POST here with no session and no CSRF token; a GET asks first."""
    try:
        user, kind = services.unsubscribe_token_read(token)
    except services.LinkInvalid:
        return render(request, "notifications/link_invalid.html", status=404)
    context = {"kind_label": kinds.get(kind).label, "token": token}
    if request.method == "POST":
        services.notification_unsubscribe(user=user, kind=kind)
        return render(request, "notifications/unsubscribed.html", context)
    return render(request, "notifications/unsubscribe.html", context)


@csrf_exempt
@never_cache
@require_POST
def mail_events(request):
    """The mail provider's signed report of bounces and complaints (no session, so no CSRF token)."""
    if not settings.MAIL_EVENTS_SECRET:
        raise Http404
    try:
        stopped = services.mail_events_record(
            body=request.body, signature=request.headers.get("Fairfield-Signature", "")
        )
    except services.MailEventsRefused as refusal:
        return JsonResponse({"error": str(refusal)}, status=refusal.status)
    return JsonResponse({"stopped": stopped})


@never_cache
@login_required
@require_POST
def mail_resume(request):
    if services.mail_resume(user=request.user):
        messages.success(request, _("We will e-mail you again."))
    return redirect("notifications:settings")
