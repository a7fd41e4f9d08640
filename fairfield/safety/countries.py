"""Country names for the crisis lines, in the reader's language, from the Unicode CLDR data Babel carries."""

import functools

from babel import Locale
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

WORLDWIDE = "WW"


@functools.cache  # CLDR's names do not change while the process runs; parse and sort them once per language
def _countries(language: str) -> dict[str, str]:
    try:
        locale = Locale.parse(language.replace("-", "_"))
    except (ValueError, LookupError):
        locale = Locale("en")
    names = {code: name for code, name in locale.territories.items() if len(code) == 2 and code.isalpha()}
    names.pop("ZZ", None)
    return dict(sorted(names.items(), key=lambda item: item[1]))


def country_choices() -> list[tuple[str, str]]:
    """Worldwide first, then every country (two-letter ISO 3166 codes) by name."""
    return [(WORLDWIDE, str(_("Anywhere (worldwide)"))), *_countries(get_language() or "en").items()]


def country_name(code: str) -> str:
    return dict(country_choices()).get(code, code)


def is_country(code: str) -> bool:
    return code == WORLDWIDE or code in _countries("en")
