import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from fairfield.lib.env import database_from_url, env_bool, env_int, env_list, env_str, smtp_from_url

REPO = Path(__file__).resolve().parents[3]

GOOD_PRODUCTION_ENV = {
    "FAIRFIELD_ENV": "production",
    "DJANGO_SECRET_KEY": "k" * 20 + "an-honestly-random-enough-string-for-tests-0123456789",
    "DJANGO_ALLOWED_HOSTS": "fairfield.example",
    "DATABASE_URL": "postgres://fairfield@127.0.0.1:5432/fairfield",
    "SMTP_URL": "smtp://mailer:secret@mail.fairfield.example:587?starttls=1",
    "DEFAULT_FROM_EMAIL": "Fairfield <hello@fairfield.example>",
    "FAIRFIELD_SITE_URL": "https://fairfield.example",
    # A Fernet key (32 url-safe base64 bytes), made for this test only.
    "FAIRFIELD_TESTIMONY_KEYS": "dGVzdC1rZXktZm9yLXRoZS1lbnYtdGVzdHMtMDAwMDA=",
}


def test_env_str_names_the_missing_variable(monkeypatch):
    monkeypatch.delenv("FAIRFIELD_SOMETHING", raising=False)
    with pytest.raises(ImproperlyConfigured, match="FAIRFIELD_SOMETHING must be set"):
        env_str("FAIRFIELD_SOMETHING")


def test_env_str_falls_back_to_its_default(monkeypatch):
    monkeypatch.delenv("FAIRFIELD_SOMETHING", raising=False)
    assert env_str("FAIRFIELD_SOMETHING", "fallback") == "fallback"


@pytest.mark.parametrize(("raw", "expected"), [("1", True), ("TRUE", True), ("on", True), ("0", False), ("no", False)])
def test_env_bool_reads_common_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("FAIRFIELD_FLAG", raw)
    assert env_bool("FAIRFIELD_FLAG", default=not expected) is expected


def test_env_bool_refuses_anything_else(monkeypatch):
    monkeypatch.setenv("FAIRFIELD_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="FAIRFIELD_FLAG must be a boolean"):
        env_bool("FAIRFIELD_FLAG", default=False)


def test_env_int_refuses_words_and_small_numbers(monkeypatch):
    monkeypatch.setenv("FAIRFIELD_NUMBER", "ten")
    with pytest.raises(ImproperlyConfigured, match="FAIRFIELD_NUMBER must be an integer"):
        env_int("FAIRFIELD_NUMBER", 1)
    monkeypatch.setenv("FAIRFIELD_NUMBER", "0")
    with pytest.raises(ImproperlyConfigured, match="at least 1"):
        env_int("FAIRFIELD_NUMBER", 1, minimum=1)


def test_env_list_splits_on_commas_and_drops_blanks(monkeypatch):
    monkeypatch.setenv("FAIRFIELD_HOSTS", " a.example, ,b.example ")
    assert env_list("FAIRFIELD_HOSTS", []) == ["a.example", "b.example"]


def test_postgres_urls_become_postgresql_settings():
    database = database_from_url("DATABASE_URL", "postgres://ann:p%40ss@db.internal:6543/fairfield", base_dir=REPO)
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["NAME"], database["USER"], database["PASSWORD"]) == ("fairfield", "ann", "p@ss")
    assert (database["HOST"], database["PORT"]) == ("db.internal", "6543")


def test_sqlite_urls_use_wal_and_immediate_transactions():
    database = database_from_url("DATABASE_URL", "sqlite:///var/other.sqlite3", base_dir=REPO)
    assert database["NAME"] == str(REPO / "var" / "other.sqlite3")
    assert database["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in database["OPTIONS"]["init_command"]


@pytest.mark.parametrize("url", ["mysql://db/fairfield", "postgres://db:5432/", "nonsense"])
def test_unsupported_database_urls_name_the_variable(url):
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        database_from_url("DATABASE_URL", url, base_dir=REPO)


def test_smtp_urls_become_mailer_options():
    options = smtp_from_url("SMTP_URL", "smtp://user:secret@mail.example:587?starttls=1")
    assert options["host"] == "mail.example"
    assert options["port"] == 587
    assert options["use_tls"] is True
    assert options["use_ssl"] is False


def test_smtp_urls_must_be_smtp():
    with pytest.raises(ImproperlyConfigured, match="SMTP_URL"):
        smtp_from_url("SMTP_URL", "http://mail.example")


def _start_django(**overrides) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "FAIRFIELD_"))}
    env.pop("DATABASE_URL", None)
    env.update({"DJANGO_SETTINGS_MODULE": "fairfield.settings", **overrides})
    env = {key: value for key, value in env.items() if value is not None}
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_production_settings_start_when_everything_is_given():
    result = _start_django(**GOOD_PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("DJANGO_SECRET_KEY", None, "DJANGO_SECRET_KEY must be set"),
        ("DJANGO_SECRET_KEY", "short", "DJANGO_SECRET_KEY must be at least 50"),
        ("DJANGO_ALLOWED_HOSTS", None, "DJANGO_ALLOWED_HOSTS must list"),
        ("DATABASE_URL", None, "DATABASE_URL must be set in production"),
        ("DATABASE_URL", "mysql://db/x", "DATABASE_URL must start with sqlite:// or postgres://"),
        ("SMTP_URL", None, "SMTP_URL must be set in production"),
        ("FAIRFIELD_SITE_URL", "http://fairfield.example", "FAIRFIELD_SITE_URL must be the site's https://"),
        ("DJANGO_DEBUG", "1", "DJANGO_DEBUG must be off"),
        ("REDIS_URL", "localhost:6379", "REDIS_URL must start with redis://"),
        ("FAIRFIELD_ENV", "staging", "FAIRFIELD_ENV must be development, production or test"),
    ],
)
def test_production_refuses_to_start_with_bad_settings_and_names_the_variable(variable, value, message):
    result = _start_django(**{**GOOD_PRODUCTION_ENV, variable: value})
    assert result.returncode != 0
    assert message in result.stderr
