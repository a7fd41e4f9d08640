from django.shortcuts import redirect, render
from django.urls import reverse

from fairfield.accounts.access import may
from fairfield.accounts.roles import requires_mfa

# Paths a member without a second factor can still reach: setting one up, and leaving.
_ALLOWED_PREFIXES = ("/accounts/2fa/", "/accounts/logout/", "/accounts/reauthenticate/", "/static/", "/healthz")


class RequireMfaForStaffMiddleware:
    """Moderators, editors and admins must turn on two-factor authentication before doing anything else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(_ALLOWED_PREFIXES)
            and requires_mfa(user)
            and not _has_totp(user)
        ):
            return redirect(f"{reverse('mfa_activate_totp')}?required=1")
        return self.get_response(request)


def _has_totp(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class AdminIsForStaffMiddleware:
    """A logged-in member without a staff role gets a plain 403 at the admin's door.

    Wagtail would send them to the log-in page, which sends a logged-in person straight back: a redirect loop.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if request.path.startswith("/admin/") and user.is_authenticated and not may(user, "admin.access"):
            return render(request, "accounts/admin_for_staff.html", status=403)
        return self.get_response(request)
