from django.conf import settings
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.crypto import constant_time_compare
from django.views import i18n
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from fairfield.accounts.access import may
from fairfield.base import health


@never_cache
@require_GET
def healthz(request):
    checks = {
        "database": health.database_state(),
        "cache": health.cache_state(),
        "tasks": health.task_queue_state(),
    }
    healthy = all(check["ok"] for check in checks.values())
    body = {"status": "ok" if healthy else "unhealthy"}
    if _sees_health_details(request):
        body.update(checks)
    return JsonResponse(body, status=200 if healthy else 503)


@csrf_exempt
@require_POST
def set_language(request):
    """Django's language switch, without the CSRF token.

    The switcher sits in every page's footer; a token there would keep every anonymous page out of the page
    cache. A forged switch can only change the language a reader sees, which the footer changes back.
    """
    return i18n.set_language(request)


def _sees_health_details(request) -> bool:
    """The monitor with the token, or staff with admin access; everyone else learns only up or down."""
    token = settings.HEALTHZ_TOKEN
    given = request.headers.get("Authorization", "")
    if token and given.startswith("Bearer ") and constant_time_compare(given.removeprefix("Bearer "), token):
        return True
    return may(request.user, "admin.access")


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without the request, so no context processor touches the database: it may be what broke.
    return HttpResponseServerError(loader.get_template("500.html").render({}))
