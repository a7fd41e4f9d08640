import time

from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.urls import reverse

from fairfield.accounts.tests.factories import PASSWORD


def totp_code(secret: str) -> str:
    """The code an authenticator app would show now."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // mfa_settings.TOTP_PERIOD))


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
