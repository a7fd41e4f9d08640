"""What /healthz reports: can we reach the database and the cache, and is the task queue moving?"""

import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.tasks import default_task_backend
from django.utils import timezone


def database_state() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # noqa: BLE001 - any failure means unhealthy, and we say which
        return {"ok": False, "vendor": connection.vendor, "error": type(error).__name__}
    return {"ok": True, "vendor": connection.vendor}


def cache_state() -> dict:
    key = f"healthz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "ok", timeout=10)
        ok = cache.get(key) == "ok"
        cache.delete(key)
    except Exception as error:  # noqa: BLE001
        return {"ok": False, "backend": _backend_name(cache), "error": type(error).__name__}
    return {"ok": ok, "backend": _backend_name(cache)}


def task_queue_state() -> dict:
    """Waiting tasks and the age of the oldest; a queue nobody works is unhealthy."""
    backend_name = _backend_name(default_task_backend)
    if backend_name != "DatabaseBackend":
        return {"ok": True, "backend": backend_name, "waiting": 0, "oldest_waiting_seconds": None}
    from django_tasks_db.models import DBTaskResult

    try:
        waiting = DBTaskResult.objects.ready()
        count = waiting.count()
        oldest = waiting.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    except Exception as error:  # noqa: BLE001
        return {"ok": False, "backend": backend_name, "error": type(error).__name__}
    age = round((timezone.now() - oldest).total_seconds(), 1) if oldest else None
    return {
        "ok": age is None or age <= settings.HEALTH_MAX_TASK_AGE_SECONDS,
        "backend": backend_name,
        "waiting": count,
        "oldest_waiting_seconds": age,
        "max_age_seconds": settings.HEALTH_MAX_TASK_AGE_SECONDS,
    }


def _backend_name(backend) -> str:
    return type(backend).__name__ if not hasattr(backend, "_wrapped") else type(backend._wrapped).__name__
