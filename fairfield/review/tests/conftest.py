import pytest

from fairfield.publishing.models import Contributor
from fairfield.publishing.tests.factories import section_create
from fairfield.review.tests.factories import reviewer_create


@pytest.fixture
def section(db):
    return section_create()


@pytest.fixture
def other_reviewer(db):
    return reviewer_create("Curlew")


@pytest.fixture
def other_contributor(db):
    from fairfield.accounts.roles import Role
    from fairfield.accounts.tests.factories import UserFactory

    return UserFactory(pseudonym="Mx Finch", roles=[Role.MEMBER, Role.CONTRIBUTOR], relationships=["survivor"])


@pytest.fixture
def lark(contributor):
    """The professional contributor's byline, linked to their account."""
    return Contributor.objects.create(display_name="Dr Lark", slug="dr-lark", account=contributor, is_professional=True)
