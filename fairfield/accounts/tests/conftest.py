import pytest
from django.urls import reverse

from fairfield.accounts.tests.factories import PASSWORD, totp_code


@pytest.fixture
def profile_client(client, member):
    client.force_login(member)
    return client


def log_in(client, user, *, password=PASSWORD):
    """Log in through allauth's own forms (with the second factor, if the user has one), as a person would."""
    response = client.post(reverse("account_login"), {"login": user.email, "password": password})
    if response.status_code == 302 and response.url == reverse("mfa_authenticate"):
        response = client.post(reverse("mfa_authenticate"), {"code": totp_code(user.totp_secret)})
    return response


def reauthenticate(client, *, password=PASSWORD):
    """Type the password again, as allauth asks before any change to how one logs in."""
    response = client.post(reverse("account_reauthenticate"), {"password": password})
    assert response.status_code == 302, response
    return response
