"""Which crisis lines to show a reader, in the order that reader would want them."""

from fairfield.safety.countries import WORLDWIDE, is_country
from fairfield.safety.models import CrisisLine

COUNTRY_COOKIE = "fairfield_country"


def lines_for(country: str) -> tuple[list[CrisisLine], list[CrisisLine]]:
    """The country's lines and the worldwide ones, each peer-run and no-active-rescue first. One query."""
    lines = sorted(CrisisLine.objects.filter(country__in={country, WORLDWIDE}), key=lambda line: line.first_order)
    local = [line for line in lines if line.country == country and country != WORLDWIDE]
    return local, [line for line in lines if line.country == WORLDWIDE]


def country_of(request) -> str:
    """The reader's choice (this request, then the cookie), else their browser's language region; never their
    address, never a lookup elsewhere."""
    for value in (request.GET.get("country", ""), request.COOKIES.get(COUNTRY_COOKIE, "")):
        code = value.strip().upper()
        if len(code) == 2 and is_country(code):
            return code
    for part in request.headers.get("Accept-Language", "").split(","):
        tag = part.split(";")[0].strip()
        if "-" in tag:
            region = tag.rsplit("-", 1)[1].upper()
            if len(region) == 2 and is_country(region):
                return region
    return WORLDWIDE
