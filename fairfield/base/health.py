"""What /healthz reports: can we reach the database and the cache, and is the task queue moving?"""

import uuid

from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.db import connection
from django.db.models import Case, Count, F, Min, When
from django.tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django.utils import timezone
from django_tasks_db.backend import DatabaseBackend


def database_state() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # noqa: BLE001 - any failure means unhealthy, and we say which
        return {"ok": False, "vendor": connection.vendor, "error": type(error).__name__}
    return {"ok": True, "vendor": connection.vendor}


def cache_state() -> dict:
    """A write, read and delete round trip; how fast an unreachable cache fails is up to its OPTIONS."""
    cache = caches[DEFAULT_CACHE_ALIAS]
    backend_name = type(cache).__name__
    key = f"healthz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "ok", timeout=10)
        ok = cache.get(key) == "ok"
        cache.delete(key)
    except Exception as error:  # noqa: BLE001
        return {"ok": False, "backend": backend_name, "error": type(error).__name__}
    return {"ok": ok, "backend": backend_name}


def task_queue_state() -> dict:
    """Tasks due to run and how long the longest-due has waited; a queue nobody works is unhealthy."""
    backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
    backend_name = type(backend).__name__
    if not isinstance(backend, DatabaseBackend):
        return {"ok": True, "backend": backend_name, "waiting": 0, "oldest_waiting_seconds": None}
    from django_tasks_db.models import DBTaskResult, get_date_max

    # A deferred task starts waiting at its run_after, not when it was enqueued.
    due_since = Case(When(run_after=get_date_max(), then=F("enqueued_at")), default=F("run_after"))
    try:
        waiting = DBTaskResult.objects.ready().aggregate(count=Count("pk"), oldest=Min(due_since))
    except Exception as error:  # noqa: BLE001
        return {"ok": False, "backend": backend_name, "error": type(error).__name__}
    oldest = waiting["oldest"]
    age = round(max(0.0, (timezone.now() - oldest).total_seconds()), 1) if oldest else None
    return {
        "ok": age is None or age <= settings.HEALTH_MAX_TASK_AGE_SECONDS,
        "backend": backend_name,
        "waiting": waiting["count"],
        "oldest_waiting_seconds": age,
        "max_age_seconds": settings.HEALTH_MAX_TASK_AGE_SECONDS,
    }
