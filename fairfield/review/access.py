"""Who may open which review page. Each helper returns the object or raises 404 (the page is not theirs to know of)
or 403 (they know of it but may not act)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from fairfield.accounts.access import rule
from fairfield.publishing.models import ArticlePage
from fairfield.review import selectors
from fairfield.review.models import SurvivorCommentary


def require_reviewer(user) -> None:
    if not selectors.is_reviewer(user):
        raise PermissionDenied


def require_editor(user) -> None:
    if not selectors.is_editor(user):
        raise PermissionDenied


def require_contributor(user) -> None:
    if not (selectors.is_contributor(user) or selectors.is_editor(user)):
        raise PermissionDenied


def article_for_review(user, pk: int) -> ArticlePage:
    """A draft in review, for its authors, editors, and reviewers free to read it (or who already did)."""
    article = get_object_or_404(ArticlePage.objects.defer("body"), pk=pk)
    if selectors.is_author(user, article):
        return article
    if selectors.is_editor(user):
        return article
    if selectors.commentary_of(user, article) is not None or selectors.active_claim(user, article) is not None:
        return article
    if selectors.may_review(user, article) and selectors.first_read_task_state(article) is not None:
        return article
    raise Http404


def article_for_reading(user, pk: int) -> ArticlePage:
    """The draft itself: authors, editors, and reviewers who claimed it or reviewed it."""
    article = article_for_review(user, pk)
    if selectors.is_author(user, article) or selectors.is_editor(user):
        return article
    if selectors.commentary_of(user, article) is not None or selectors.active_claim(user, article) is not None:
        return article
    raise PermissionDenied


def commentary_for_author(user, pk: int) -> SurvivorCommentary:
    commentary = get_object_or_404(SurvivorCommentary.objects.select_related("article"), pk=pk)
    if not selectors.is_author(user, commentary.article):
        article_for_review(user, commentary.article_id)  # 404 for whoever may not know of the draft
        raise PermissionDenied
    return commentary


def commentary_for_editor(user, pk: int) -> SurvivorCommentary:
    commentary = get_object_or_404(SurvivorCommentary.objects.select_related("article"), pk=pk)
    require_editor(user)
    return commentary


def sees_private_note(user, commentary) -> bool:
    # A commentary whose reviewer left has no reviewer id, and neither has a reader who is not logged in.
    wrote_it = commentary.reviewer_id is not None and commentary.reviewer_id == user.pk
    return wrote_it or selectors.is_editor(user) or selectors.is_author(user, commentary.article)


def attribution_for(user, commentary) -> str:
    """Editors see who signed as "a survivor reviewer"; nobody but its writer learns who wrote anonymously."""
    if commentary.reviewer_id is None:
        return commentary.public_attribution
    if commentary.reviewer_id == user.pk:
        return commentary.reviewer.pseudonym
    if commentary.attribution == "reviewer" and selectors.is_editor(user):
        return f"{commentary.public_attribution} ({commentary.reviewer.pseudonym})"
    return commentary.public_attribution


@rule("review.first_read.override")
def _override_first_read(user, article) -> bool:
    """Editors (and admins) who may publish the article; never its own authors."""
    if not user.is_authenticated or not selectors.is_editor(user):
        return False
    if article is not None and selectors.is_author(user, article):
        return False
    return article is None or article.permissions_for_user(user).can_publish()
