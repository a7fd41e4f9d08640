import pytest

from fairfield.comments.tests.conftest import article, member_client  # noqa: F401 - shared fixtures


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what a block leaves for after its transaction commits, as production would when the request ends."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
