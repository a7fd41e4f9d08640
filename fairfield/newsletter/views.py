"""Public newsletter pages: no account needed; the links in our mails carry the subscriber's token."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from fairfield.newsletter import selectors, services
from fairfield.newsletter.forms import PreferencesForm, SubscribeForm


def _link_problem(request, *, expired: bool):
    template = "newsletter/link_expired.html" if expired else "newsletter/link_invalid.html"
    return render(request, template, status=400 if expired else 404)


@require_http_methods(["GET", "POST"])
def subscribe(request):
    form = SubscribeForm(request.POST) if request.method == "POST" else SubscribeForm()
    if form.is_valid():
        try:
            services.subscriber_subscribe(
                email=form.cleaned_data["email"],
                wants_digest=form.cleaned_data["wants_digest"],
                sections=form.cleaned_data["sections"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("newsletter:check_inbox")
    return render(request, "newsletter/subscribe.html", {"form": form})


@require_GET
def check_inbox(request):
    return render(request, "newsletter/check_inbox.html")


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """A GET only asks: mail scanners follow links, and only the reader should confirm."""
    try:
        if request.method == "POST":
            subscriber = services.subscriber_confirm(token=token)
            return render(request, "newsletter/confirmed.html", {"subscriber": subscriber})
        services.subscriber_for_confirmation(token=token)
    except services.LinkExpired:
        return _link_problem(request, expired=True)
    except services.LinkInvalid:
        return _link_problem(request, expired=False)
    return render(request, "newsletter/confirm.html", {"token": token})


@never_cache
@require_http_methods(["GET", "POST"])
def manage(request, token):
    subscriber = selectors.subscriber_by_token(token)
    if subscriber is None:
        return _link_problem(request, expired=False)
    if request.method == "POST":
        form = PreferencesForm(request.POST)
        if form.is_valid():
            try:
                services.subscriber_update_preferences(
                    subscriber=subscriber,
                    wants_digest=form.cleaned_data["wants_digest"],
                    sections=form.cleaned_data["sections"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Your newsletter choices are saved."))
                return redirect("newsletter:manage", token=token)
    else:
        form = PreferencesForm(
            initial={"wants_digest": subscriber.wants_digest, "sections": list(subscriber.sections.all())}
        )
    return render(request, "newsletter/manage.html", {"form": form, "subscriber": subscriber, "token": token})


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """RFC 8058 one-click: mail clients POST here with no page and no CSRF token; a GET asks first."""
    subscriber = selectors.subscriber_by_token(token)
    if subscriber is None:
        return _link_problem(request, expired=False)
    if request.method == "POST":
        services.subscriber_unsubscribe(subscriber=subscriber)
        return render(request, "newsletter/unsubscribed.html", {"token": token})
    return render(request, "newsletter/unsubscribe.html", {"subscriber": subscriber, "token": token})
