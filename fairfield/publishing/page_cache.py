"""Whole-page caching of articles for readers who are not logged in.

An anonymous reader's article page is the same for everyone, so it is rendered once and kept in the cache.
`PageCacheMiddleware` answers later readers from there before Wagtail even routes the request, so a hit
costs no database query at all. Entries are keyed by the article's version, and anything that changes what
readers see — a new, edited, approved or removed comment, a save or publication of the article — moves the
version on, so the next reader gets a fresh page at once. A change to what every article shows (a view
restriction, the donations block) starts every page afresh. Only plain GETs with no query string (or the
one that orders comments) are cached, never a page under a view restriction, and never a response that set
a cookie, used a CSRF token or showed a one-off message, and never for a reader with reading choices of their own
(folded notes, quiet mode: publishing.reading), who gets pages made for them. Entries are kept apart per
scheme and host name, and per language: a reader whose cookie or browser asks for Spanish never gets the
English copy.
"""

import hashlib
import logging
import uuid

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import transaction
from django.utils import translation

from fairfield.publishing.reading import has_reading_cookies
from fairfield.publishing.visibility import restricted_paths

logger = logging.getLogger(__name__)

CACHEABLE_QUERIES = {"", "comments=newest"}
GENERATION_KEY = "page-cache:generation"


class PageCacheMiddleware:
    """Serve an anonymous reader the cached copy of the page at this address, when there is a current one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _cacheable_request(request):
            try:
                cached = _cached_response(request)
            except Exception:  # an unreachable cache costs the reader a fresh page, never an error
                logger.warning("Page cache unavailable for %s", request.path, exc_info=True)
                cached = None
            if cached is not None:
                return cached
        return self.get_response(request)


def page_cache_clear(page_id: int) -> None:
    """Make every cached copy of the page stale; the next reader renders it afresh."""
    _forget(_version_key(page_id))


def article_changed(sender, instance, **kwargs):
    """Receiver: an article was saved or deleted."""
    page_cache_clear(instance.pk)


def page_cache_clear_all() -> None:
    """Make every cached page stale, for changes that show on every article (restrictions, the support block)."""
    _forget(GENERATION_KEY)


def every_page_changed(**kwargs):
    """Receiver: something that any article may show changed."""
    page_cache_clear_all()


def response_keep(page, request, response) -> None:
    """Store a freshly rendered page for the next anonymous readers, if it is the same for all of them."""
    if not _cacheable_request(request) or response.status_code != 200:
        return
    if any(page.path.startswith(path) for path in restricted_paths()):
        return

    def store(rendered):
        if rendered.cookies or request.META.get("CSRF_COOKIE_USED"):
            return
        try:
            version = f"{_current(GENERATION_KEY)}:{_current(_version_key(page.pk))}"
            entries = {_page_key(page.pk, version, request): rendered, _address_key(request): page.pk}
            cache.set_many(entries, settings.PAGE_CACHE_SECONDS)
        except Exception:  # the page was served; only its reuse is lost
            logger.warning("Page cache unavailable for %s", request.path, exc_info=True)

    if hasattr(response, "add_post_render_callback") and not response.is_rendered:
        response.add_post_render_callback(store)
    else:
        store(response)


def _cached_response(request):
    page_id = cache.get(_address_key(request))
    if page_id is None:
        return None
    found = cache.get_many([_version_key(page_id), GENERATION_KEY])
    if len(found) < 2:
        return None
    return cache.get(_page_key(page_id, f"{found[GENERATION_KEY]}:{found[_version_key(page_id)]}", request))


def _forget(key: str) -> None:
    """Drop a version token now and again when the transaction commits.

    A reader who arrives between the change and the commit renders the old state and caches it under
    a fresh token; the second delete makes that copy stale as well.
    """
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))


def _current(key: str) -> str:
    """The token stored under key, made now if there is none (first writer wins)."""
    token = cache.get(key)
    if token is None:
        cache.add(key, uuid.uuid4().hex, None)
        token = cache.get(key)
    return token


def _cacheable_request(request) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and not has_reading_cookies(request)
        and request.method == "GET"
        and not request.user.is_authenticated
        and request.META.get("QUERY_STRING", "") in CACHEABLE_QUERIES
        and not len(get_messages(request))
    )


def _version_key(page_id: int) -> str:
    return f"page-cache:version:{page_id}"


def _origin(request) -> str:
    """Scheme and host: a page rendered for one host name (its links, its canonical address) is never served to
    readers of another."""
    return f"{request.scheme}://{request.get_host()}"


def _address_key(request) -> str:
    address = f"{_origin(request)}{request.path}"
    return f"page-cache:at:{hashlib.sha256(address.encode()).hexdigest()}"


def _page_key(page_id: int, version: str, request) -> str:
    origin = hashlib.sha256(_origin(request).encode()).hexdigest()[:16]
    # LocaleMiddleware runs first, so the active language is the one this reader's page is rendered in.
    language = translation.get_language() or settings.LANGUAGE_CODE
    return f"page-cache:page:{page_id}:{version}:{origin}:{language}:{request.META.get('QUERY_STRING', '')}"
