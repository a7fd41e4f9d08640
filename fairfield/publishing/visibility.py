"""Which pages readers may list: Wagtail's `.public()`, without a query for the restrictions on every page.

Wagtail's `PageQuerySet.public()` reads every view restriction from the database each time it is used.
Restrictions change rarely, so their paths are kept in the cache and forgotten whenever one is saved or
deleted, or a page moves.
"""

import logging

from django.core.cache import cache
from django.db.models import Q
from wagtail.models import PageViewRestriction

logger = logging.getLogger(__name__)

RESTRICTED_PATHS_KEY = "publishing:restricted-paths"


def restricted_paths() -> list[str]:
    """Tree paths of the pages with a view restriction; everything below them is restricted too."""
    try:
        paths = cache.get(RESTRICTED_PATHS_KEY)
    except Exception:  # without a cache, ask the database every time
        logger.warning("Cache unavailable; reading view restrictions from the database", exc_info=True)
        return sorted(PageViewRestriction.objects.values_list("page__path", flat=True))
    if paths is None:
        paths = sorted(PageViewRestriction.objects.values_list("page__path", flat=True))
        cache.set(RESTRICTED_PATHS_KEY, paths, None)
    return paths


def public_q() -> Q:
    """Matches the pages that no view restriction covers, like `.public()`."""
    condition = Q()
    for path in restricted_paths():
        condition &= ~Q(path__startswith=path)
    return condition


def restrictions_changed(**kwargs) -> None:
    """Receiver: a view restriction was saved or deleted, or pages moved in the tree."""
    cache.delete(RESTRICTED_PATHS_KEY)
