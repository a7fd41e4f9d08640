"""Absolute addresses for links that leave the page (canonical, og:url, feeds).

In production they are built from the site's configured address (FAIRFIELD_SITE_URL), never from the Host
header. In development and tests they are built from the request, so a server started on another port, or
reached by another name, links to itself rather than to a fixed http://127.0.0.1:8000.
"""

from django.conf import settings


def absolute_url(path: str, request=None) -> str:
    """`path` (starting with "/") as an absolute address."""
    if settings.PRODUCTION or request is None:
        return settings.SITE_URL + path
    return request.build_absolute_uri(path)


def page_absolute_url(page, request=None) -> str:
    """A Wagtail page's absolute address, by the same rule; empty for a page that is not routable."""
    parts = page.get_url_parts(request=request)
    if parts is None:
        return ""
    _site_id, _root_url, path = parts
    return absolute_url(path, request) if path else ""
