from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.vary import vary_on_headers
from wagtail.models import Page

from fairfield.safety.countries import WORLDWIDE, country_choices, country_name
from fairfield.safety.selectors import COUNTRY_COOKIE, country_of, lines_for

COOKIE_SECONDS = 365 * 24 * 3600


@never_cache
@vary_on_headers("Cookie", "Accept-Language")
def crisis_resources(request):
    """The crisis lines for the reader's country and the worldwide ones, with what each line may do, under
    the editors' own words from the Crisis resources page."""
    country = country_of(request)
    local, worldwide = lines_for(country)
    intro = Page.objects.live().filter(slug="crisis-resources").specific().first()
    response = render(
        request,
        "safety/crisis_resources.html",
        {
            "page": intro,
            "country": country,
            "country_label": country_name(country),
            "countries": country_choices(),
            "worldwide_code": WORLDWIDE,
            "local_lines": local,
            "worldwide_lines": worldwide,
        },
    )
    if request.GET.get("country", "").strip().upper() == country:
        response.set_cookie(COUNTRY_COOKIE, country, max_age=COOKIE_SECONDS, samesite="Lax", httponly=True)
    return response
