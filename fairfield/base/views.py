from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

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
    return JsonResponse({"status": "ok" if healthy else "unhealthy", **checks}, status=200 if healthy else 503)


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without the request, so no context processor touches the database: it may be what broke.
    return HttpResponseServerError(loader.get_template("500.html").render({}))
