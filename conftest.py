"""Shared personas: reader, member, professional contributor, survivor reviewer, moderator, editor, admin.

Personas whose role requires two-factor authentication come with an active authenticator,
so a test can log them in with client.force_login and reach the pages they work on.
"""

import pytest
from django.contrib.auth.models import AnonymousUser

from fairfield.accounts.models import Relationship
from fairfield.accounts.roles import Role
from fairfield.accounts.tests.factories import UserFactory


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
