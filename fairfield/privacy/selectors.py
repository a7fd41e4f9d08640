from fairfield.privacy.models import DataExport


def exports_of(member):
    """The member's export requests, newest first, without their archives (which can be large)."""
    return DataExport.objects.filter(user=member).defer("archive")


def has_second_factor(member) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=member).exclude(type=Authenticator.Type.WEBAUTHN).exists()
