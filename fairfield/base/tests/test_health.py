import socket
import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.tasks import task
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
UNREACHABLE_REDIS = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
}


@task
def acknowledge(note: str) -> str:
    return note


def healthz(client):
    """/healthz as the monitor sees it, with the token."""
    response = client.get("/healthz", headers={"Authorization": f"Bearer {settings.HEALTHZ_TOKEN}"})
    return response, response.json()


def test_everyone_else_gets_the_bare_status_only(client, member):
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/healthz", headers={"Authorization": "Bearer wrong"}).json() == {"status": "ok"}
    client.force_login(member)
    assert client.get("/healthz").json() == {"status": "ok"}


def test_staff_with_admin_access_see_the_details(client, editor):
    client.force_login(editor)
    body = client.get("/healthz").json()
    assert body["status"] == "ok" and body["database"]["ok"] is True


@override_settings(CACHES=UNREACHABLE_REDIS)
def test_an_unhealthy_site_says_so_to_everyone_but_not_why(client):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unhealthy"}


def test_no_token_configured_means_no_token_opens_the_details(client, settings):
    settings.HEALTHZ_TOKEN = ""
    assert client.get("/healthz", headers={"Authorization": "Bearer "}).json() == {"status": "ok"}


def test_healthz_reports_database_cache_and_tasks_as_json_when_all_is_well(client):
    response, body = healthz(client)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert body["status"] == "ok"
    assert body["database"] == {"ok": True, "vendor": connection.vendor}
    assert body["cache"] == {"ok": True, "backend": "RedisCache" if settings.REDIS_URL else "LocMemCache"}
    assert body["tasks"]["ok"] is True


def test_healthz_is_never_cached(client):
    response, _body = healthz(client)
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_healthz_answers_only_get(client, method):
    assert getattr(client, method)("/healthz").status_code == 405


@pytest.mark.skipif(connection.vendor != "postgresql", reason="runs when DATABASE_URL points at PostgreSQL")
def test_healthz_reports_postgresql_as_the_database_when_running_on_it(client):
    _response, body = healthz(client)
    assert body["database"] == {"ok": True, "vendor": "postgresql"}


@pytest.mark.skipif(connection.vendor != "sqlite", reason="runs on the embedded database")
def test_healthz_reports_sqlite_as_the_database_when_running_on_it(client):
    _response, body = healthz(client)
    assert body["database"] == {"ok": True, "vendor": "sqlite"}


def test_healthz_is_unhealthy_at_once_when_the_cache_is_unreachable(client):
    with override_settings(CACHES=UNREACHABLE_REDIS):
        assert caches["default"]._servers == ["redis://127.0.0.1:1/0"]
        started = time.monotonic()
        response, body = healthz(client)
        elapsed = time.monotonic() - started
    assert response.status_code == 503
    assert body["status"] == "unhealthy"
    assert body["cache"] == {"ok": False, "backend": "RedisCache", "error": "ConnectionError"}
    assert body["database"]["ok"] is True
    assert elapsed < 2


def test_a_cache_that_accepts_but_never_answers_fails_within_its_socket_timeout(client):
    """Why production's CACHES should set socket timeouts: without them this takes redis-py's default 5 s."""
    with socket.create_server(("127.0.0.1", 0)) as silent:
        location = f"redis://127.0.0.1:{silent.getsockname()[1]}/0"
        options = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}
        caches_setting = {"default": {**UNREACHABLE_REDIS["default"], "LOCATION": location, "OPTIONS": options}}
        with override_settings(CACHES=caches_setting):
            started = time.monotonic()
            response, body = healthz(client)
            elapsed = time.monotonic() - started
    assert response.status_code == 503
    assert body["cache"]["error"] == "TimeoutError"
    assert elapsed < 2


def test_the_cache_is_healthy_again_once_the_unreachable_setting_is_gone(client):
    with override_settings(CACHES=UNREACHABLE_REDIS):
        assert healthz(client)[0].status_code == 503
    assert healthz(client)[0].status_code == 200


def test_with_tasks_run_at_once_there_is_no_queue_to_watch(client):
    _response, body = healthz(client)
    assert body["tasks"] == {"ok": True, "backend": "ImmediateBackend", "waiting": 0, "oldest_waiting_seconds": None}


@override_settings(TASKS=DATABASE_TASKS)
def test_healthz_counts_the_tasks_waiting_in_the_database_queue(client):
    acknowledge.enqueue("first")
    acknowledge.enqueue("second")

    response, body = healthz(client)

    assert response.status_code == 200
    assert body["tasks"]["backend"] == "DatabaseBackend"
    assert body["tasks"]["waiting"] == 2
    assert 0 <= body["tasks"]["oldest_waiting_seconds"] < 60
    assert body["tasks"]["max_age_seconds"] == settings.HEALTH_MAX_TASK_AGE_SECONDS


@override_settings(TASKS=DATABASE_TASKS)
def test_healthz_is_unhealthy_when_a_task_has_waited_longer_than_allowed(client):
    result = acknowledge.enqueue("forgotten")
    too_old = timezone.now() - timedelta(seconds=settings.HEALTH_MAX_TASK_AGE_SECONDS + 60)
    DBTaskResult.objects.filter(pk=result.id).update(enqueued_at=too_old)

    response, body = healthz(client)

    assert response.status_code == 503
    assert body["status"] == "unhealthy"
    assert body["tasks"]["ok"] is False
    assert body["tasks"]["oldest_waiting_seconds"] > settings.HEALTH_MAX_TASK_AGE_SECONDS


@override_settings(TASKS=DATABASE_TASKS)
def test_finished_tasks_and_tasks_deferred_to_later_are_not_waiting(client):
    long_ago = timezone.now() - timedelta(days=1)
    done = acknowledge.enqueue("done")
    DBTaskResult.objects.filter(pk=done.id).update(status="SUCCESSFUL", enqueued_at=long_ago)
    acknowledge.using(run_after=timezone.now() + timedelta(hours=1)).enqueue("tomorrow")

    response, body = healthz(client)

    assert response.status_code == 200
    assert body["tasks"]["waiting"] == 0


@override_settings(TASKS=DATABASE_TASKS)
def test_a_deferred_task_has_waited_only_since_it_fell_due(client):
    result = acknowledge.using(run_after=timezone.now() - timedelta(minutes=1)).enqueue("reminder")
    DBTaskResult.objects.filter(pk=result.id).update(enqueued_at=timezone.now() - timedelta(days=2))

    response, body = healthz(client)

    assert response.status_code == 200
    assert 55 <= body["tasks"]["oldest_waiting_seconds"] < 600


@override_settings(TASKS=DATABASE_TASKS)
def test_healthz_makes_one_query_for_the_database_and_one_for_the_queue(client, django_assert_num_queries):
    acknowledge.enqueue("counted")
    with django_assert_num_queries(2):
        healthz(client)
