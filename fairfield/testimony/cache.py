"""The archive's page cache: public pages, the feed and the sitemap, rendered once for anonymous readers.

Every entry is keyed by a generation; `testimony_changed` (sent after commit) moves the generation on, so a
withdrawn or re-sealed testimony is never served from the cache again.
"""

import logging
from functools import wraps

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import translation

from fairfield.publishing.reading import has_reading_cookies

logger = logging.getLogger(__name__)

GENERATION_KEY = "testimony:archive-generation"
TIMEOUT = 600
# Only the archive's own parameters make a page worth keeping; anything else is rendered but not stored.
CACHEABLE_PARAMETERS = {"q", "page"}


def _generation() -> int:
    return cache.get_or_set(GENERATION_KEY, 1, None)


def archive_forget(**kwargs) -> None:
    """Receiver of `testimony_changed`: every cached archive page is stale."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, None)


def archive_cached(view):
    @wraps(view)
    def cached(request, *args, **kwargs):
        if (
            request.method != "GET"
            or request.user.is_authenticated
            or not set(request.GET) <= CACHEABLE_PARAMETERS
            or len(get_messages(request))
            or has_reading_cookies(request)
        ):
            return view(request, *args, **kwargs)
        try:
            # One copy per language: a Spanish reader never gets the English page, nor the other way round.
            language = translation.get_language() or settings.LANGUAGE_CODE
            key = f"testimony:page:{_generation()}:{language}:{request.get_full_path()}"
            hit = cache.get(key)
        except Exception:  # an unreachable cache costs a fresh page, never an error
            logger.warning("Testimony cache unavailable", exc_info=True)
            return view(request, *args, **kwargs)
        if hit is not None:
            content, content_type = hit
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if hasattr(response, "render"):
            response.render()
        if response.status_code == 200 and not response.cookies and not request.META.get("CSRF_COOKIE_USED"):
            cache.set(key, (response.content, response["Content-Type"]), TIMEOUT)
        return response

    return cached
