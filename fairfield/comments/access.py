"""Who may read and take part in an article's discussion: whoever may read the article itself.

An article's discussion is behind the same door as the article: Wagtail's view restrictions (a password, log-in,
or chosen groups) on it or any page above it. Every path to a comment asks `may(user, "comments.article.discuss",
article)` (or passes `Reading(article, request)`, so that a password the reader gave in this session counts):
the comment pages, the flag page, the mute button, and the e-mails that quote comments.
"""

from dataclasses import dataclass

from django.http import HttpRequest
from wagtail.models import PageViewRestriction

from fairfield.accounts.access import may, rule


@dataclass(frozen=True)
class Reading:
    """An article as one request reads it: the request carries the passwords given in this session."""

    article: object
    request: HttpRequest | None = None


def _admits(restriction, user) -> bool:
    """A restriction checked without a request (e-mails): a password cannot be shown, so it keeps everyone out."""
    if restriction.restriction_type == PageViewRestriction.LOGIN:
        return user.is_authenticated
    if restriction.restriction_type == PageViewRestriction.GROUPS:
        if not user.is_authenticated:
            return False
        if user.is_superuser:
            return True
        return user.groups.filter(pk__in=restriction.groups.values("pk")).exists()
    return False


@rule("comments.article.discuss")
def _discuss(user, target) -> bool:
    article, request = (target.article, target.request) if isinstance(target, Reading) else (target, None)
    if article is None or not article.live:
        return False
    for restriction in article.get_view_restrictions():
        admitted = restriction.accept_request(request) if request is not None else _admits(restriction, user)
        if not admitted:
            return False
    return True


def may_discuss(request, article) -> bool:
    return may(request.user, "comments.article.discuss", Reading(article, request))
