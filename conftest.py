"""Shared personas: reader, member, professional contributor, survivor reviewer, moderator, editor, admin.

Personas whose role requires two-factor authentication come with an active authenticator,
so a test can log them in with client.force_login and reach the pages they work on.
"""

import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser

from fairfield.accounts.models import Relationship
from fairfield.accounts.roles import Role
from fairfield.accounts.tests.factories import UserFactory


def pytest_configure(config):
    """Compile the translations a fresh clone lacks (the .mo files are built, not committed); once, not per worker."""
    if hasattr(config, "workerinput"):
        return
    for po in Path(__file__).parent.glob("fairfield/locale/*/LC_MESSAGES/django.po"):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            subprocess.run(["msgfmt", "--check-format", "-o", str(mo), str(po)], check=True)  # noqa: S603, S607


@pytest.fixture(scope="session")
def django_db_createdb(request, django_db_modify_db_settings):
    """Rebuild, even under --reuse-db, a SQLite test file that has lost the migrations' rows.

    A transactional test empties every table when it ends and its module puts the rows back; a run cut short
    in between leaves an empty file, and a snapshot of it would give every later run an empty site.
    """
    if request.config.getvalue("create_db"):
        return True
    from django.conf import settings

    database = settings.DATABASES["default"]
    name = database.get("TEST", {}).get("NAME")
    if database["ENGINE"] != "django.db.backends.sqlite3" or not name or not Path(name).exists():
        return False
    with closing(sqlite3.connect(name)) as test_db:
        try:
            return test_db.execute("SELECT COUNT(*) FROM wagtailcore_site").fetchone()[0] == 0
        except sqlite3.Error:
            return True


def _is_transactional(item):
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction")) or "transactional_db" in getattr(item, "fixturenames", ())


@pytest.fixture(scope="module", autouse=True)
def _migration_rows_back_after_transactional_tests(request, django_db_blocker):
    """A transactional test empties every table when it ends. xdist hands each worker whole files, so
    pytest-django cannot run those tests last; put the migrations' rows (pages, groups, site) back for
    the files that come after."""
    yield
    module_items = [item for item in request.session.items if item.getparent(pytest.Module) is request.node]
    if not any(_is_transactional(item) for item in module_items):
        return
    from django.db import connections

    with django_db_blocker.unblock():
        for alias in connections:
            snapshot = getattr(connections[alias], "_test_serialized_contents", None)
            if snapshot:
                connections[alias].creation.deserialize_db_from_string(snapshot)


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def reader():
    return AnonymousUser()


@pytest.fixture
def member(db):
    return UserFactory(pseudonym="Wren", email="wren@example.org", roles=[Role.MEMBER], relationships=["survivor"])


@pytest.fixture
def other_member(db):
    return UserFactory(pseudonym="Alder", email="alder@example.org", roles=[Role.MEMBER])


@pytest.fixture
def contributor(db):
    return UserFactory(
        pseudonym="Dr Lark",
        email="lark@example.org",
        roles=[Role.MEMBER, Role.CONTRIBUTOR],
        relationships=[Relationship.PROFESSIONAL],
    )


@pytest.fixture
def survivor_reviewer(db):
    return UserFactory(
        pseudonym="Heron",
        email="heron@example.org",
        roles=[Role.MEMBER, Role.SURVIVOR_REVIEWER],
        relationships=[Relationship.SURVIVOR],
    )


@pytest.fixture
def moderator(db):
    return UserFactory(pseudonym="Kestrel", email="kestrel@example.org", roles=[Role.MEMBER, Role.MODERATOR], totp=True)


@pytest.fixture
def editor(db):
    return UserFactory(pseudonym="Osprey", email="osprey@example.org", roles=[Role.MEMBER, Role.EDITOR], totp=True)


@pytest.fixture
def admin_user(db):
    return UserFactory(pseudonym="Harrier", email="harrier@example.org", roles=[Role.MEMBER, Role.ADMIN], totp=True)


@pytest.fixture
def established(db):
    """Call with members to give them an established member's history (an old account and three published
    comments on another article), so moderation's trust levels let their comments publish at once."""
    from fairfield.moderation.tests.factories import make_established
    from fairfield.publishing.tests.factories import article_publish, section_create

    elsewhere = article_publish(section_create(title="Earlier discussions", slug="earlier-discussions"))

    def make(*members):
        for member in members:
            make_established(member, elsewhere)

    return make
