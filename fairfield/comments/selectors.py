from collections.abc import Iterable

from django.db.models import Count

from fairfield.comments.models import Comment


def comment_count(*, article) -> int:
    """Published comments on one article, as readers count them."""
    return Comment.objects.published().filter(article=article).count()


def comment_counts(*, article_ids: Iterable[int]) -> dict[int, int]:
    """Published comments per article in one query, for listings; articles without comments are left out."""
    rows = (
        Comment.objects.published()
        .filter(article_id__in=list(article_ids))
        .values("article_id")
        .annotate(total=Count("pk"))
        .order_by()
    )
    return {row["article_id"]: row["total"] for row in rows}
