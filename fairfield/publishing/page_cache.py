"""Whole-page caching of articles for readers who are not logged in.

An anonymous reader's article page is the same for everyone, so it is rendered once and kept in the cache
under a per-article version. Anything that changes what readers see — a new, edited, approved or removed
comment, a publication — moves the version on, so the next reader gets a fresh page at once; the old entry
simply expires. Only plain GETs with no query string (or the one that orders comments) are cached, and never
a response that set a cookie, used a CSRF token or showed a one-off message.
"""

import uuid

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache

CACHEABLE_QUERIES = {"", "comments=newest"}


def page_cache_clear(page_id: int) -> None:
    """Make every cached copy of the page stale; the next reader renders it afresh."""
    cache.set(_version_key(page_id), uuid.uuid4().hex, None)


def article_changed(sender, instance, **kwargs):
    """Receiver: an article was saved or deleted."""
    page_cache_clear(instance.pk)


def discussion_changed(sender, comment, **kwargs):
    """Receiver: a comment under an article changed."""
    page_cache_clear(comment.article_id)


def cached_response(page, request):
    """The cached page for this anonymous request, or None (and then `response_keep` may store one)."""
    if not _cacheable_request(request):
        return None
    version = cache.get(_version_key(page.pk))
    if version is None:
        return None
    return cache.get(_page_key(page.pk, version, request))


def response_keep(page, request, response) -> None:
    """Store a freshly rendered response for the next anonymous readers, if it is the same for all of them."""
    if not _cacheable_request(request) or response.status_code != 200:
        return
    version = cache.get(_version_key(page.pk))
    if version is None:
        version = uuid.uuid4().hex
        cache.add(_version_key(page.pk), version, None)
        version = cache.get(_version_key(page.pk), version)
    key = _page_key(page.pk, version, request)

    def store(rendered):
        if not rendered.cookies and not request.META.get("CSRF_COOKIE_USED"):
            cache.set(key, rendered, settings.PAGE_CACHE_SECONDS)

    if hasattr(response, "add_post_render_callback") and not response.is_rendered:
        response.add_post_render_callback(store)
    else:
        store(response)


def _cacheable_request(request) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method == "GET"
        and not request.user.is_authenticated
        and request.META.get("QUERY_STRING", "") in CACHEABLE_QUERIES
        and not len(get_messages(request))
    )


def _version_key(page_id: int) -> str:
    return f"page-version:{page_id}"


def _page_key(page_id: int, version: str, request) -> str:
    return f"page:{page_id}:{version}:{request.META.get('QUERY_STRING', '')}"
