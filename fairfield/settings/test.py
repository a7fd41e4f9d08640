"""Test settings: fast hashing, e-mail kept in memory, tasks run at once."""

import os
from urllib.parse import urlsplit, urlunsplit

os.environ.setdefault("FAIRFIELD_ENV", "test")

from fairfield.settings import *  # noqa: F403
from fairfield.settings import CACHES, REDIS_URL

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
HEALTHZ_TOKEN = "test-health-token"  # noqa: S105 - a test-only value
MEDIA_ROOT = BASE_DIR / "var" / "test-media"  # noqa: F405

# Parallel test workers each get their own Redis database, so clearing the cache
# in one worker never touches another's.
_worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
if REDIS_URL:
    _parts = urlsplit(REDIS_URL)
    _database = 1 + int(_worker.removeprefix("gw") or 0)
    CACHES["default"]["LOCATION"] = urlunsplit(_parts._replace(path=f"/{_database}"))
    CACHES["default"]["KEY_PREFIX"] = f"fairfield-test-{_worker}"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The live server's thread must not keep a connection open, or the test database cannot be dropped.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405

# SQLite tests use a file, not Django's in-memory default: the live server answers the browser's parallel
# requests in threads, and an in-memory database makes them all share one connection, which fails at random
# ("bad parameter or other API misuse"). With a file each thread opens its own connection, and WAL with
# IMMEDIATE transactions queues their writes. pytest-django appends the xdist worker id (test.sqlite3_gw0),
# so parallel workers never share a file.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}  # noqa: F405

# Moderation: comment rate limits are off; the rate-limit tests turn them on with the `settings` fixture.
MODERATION_RATE_LIMITS = False
