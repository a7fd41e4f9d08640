"""The writers' words at rest: Fernet tokens under a MultiFernet key list, newest key first.

A copied database or backup holds only tokens; the keys live in the environment (FAIRFIELD_TESTIMONY_KEYS).
"""

import base64
import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def _keys() -> list[bytes]:
    keys = [key.encode() for key in settings.TESTIMONY_KEYS]
    if not keys:
        if settings.PRODUCTION:
            raise ImproperlyConfigured("FAIRFIELD_TESTIMONY_KEYS is not set.")
        digest = hashlib.sha256(b"fairfield.testimony:" + settings.SECRET_KEY.encode()).digest()
        keys = [base64.urlsafe_b64encode(digest)]
    return keys


def _cipher() -> MultiFernet:
    try:
        return MultiFernet([Fernet(key) for key in _keys()])
    except ValueError as error:
        raise ImproperlyConfigured("FAIRFIELD_TESTIMONY_KEYS holds a value that is not a Fernet key.") from error


def seal(text: str) -> str:
    return _cipher().encrypt(text.encode()).decode() if text else ""


def unseal(token: str) -> str:
    if not token:
        return ""
    try:
        return _cipher().decrypt(token.encode()).decode()
    except InvalidToken as error:
        raise ImproperlyConfigured("A testimony cannot be read with any of FAIRFIELD_TESTIMONY_KEYS.") from error


def reseal(token: str) -> str:
    """The same words under the newest key."""
    return _cipher().rotate(token.encode()).decode() if token else ""


def code_digest(code: str) -> str:
    """What is stored of a resume code: a keyed hash, so the table alone cannot be used to resume anything."""
    normalised = "".join(ch for ch in code.upper() if ch.isalnum())
    return hmac.new(settings.SECRET_KEY.encode(), b"testimony-resume:" + normalised.encode(), "sha256").hexdigest()
