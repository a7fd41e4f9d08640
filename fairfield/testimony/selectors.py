"""Reads of the archive. `testimonies_visible_to(user)` is the one place that decides who reads what."""

from django.db.models import Q, QuerySet
from django.utils import timezone

from fairfield.testimony.access import is_moderator
from fairfield.testimony.models import (
    PUBLIC_LEVELS,
    Experience,
    FigureCell,
    Help,
    Period,
    Region,
    Setting,
    Status,
    Testimony,
)

SMALL_CELL = 5
LIST_FIELDS = ("public_id", "title", "public_text", "pseudonym", "consent", "published_at", "content_notes")


def _public_q() -> Q:
    today = timezone.localdate()
    return (
        Q(status=Status.PUBLISHED, consent__in=[level.value for level in PUBLIC_LEVELS])
        & ~Q(public_text="")
        & (Q(closure_date__isnull=True) | Q(closure_date__lte=today))
    )


def testimonies_public() -> QuerySet[Testimony]:
    """What anyone may read: accepted, at a public level, past any closure date. Pages, feed, sitemap and
    search all start here."""
    return Testimony.objects.filter(_public_q()).order_by("-published_at", "-pk")


def testimonies_visible_to(user) -> QuerySet[Testimony]:
    """Every testimony this person may read: the public ones; their own (not withdrawn); and, for moderators,
    every one that is not withdrawn. Sealed and research-only words are never read by anyone else."""
    visible = _public_q()
    if user.is_authenticated:
        visible |= Q(writer_id=user.pk) & ~Q(status=Status.WITHDRAWN)
    if is_moderator(user):
        visible |= ~Q(status__in=[Status.WITHDRAWN, Status.DRAFT])
    return Testimony.objects.filter(visible)


def testimonies_search(query: str) -> QuerySet[Testimony]:
    words = [word for word in query.split() if word][:8]
    found = testimonies_public()
    for word in words:
        found = found.filter(Q(public_text__icontains=word) | Q(title__icontains=word))
    return found


def testimonies_of(user) -> QuerySet[Testimony]:
    return Testimony.objects.filter(writer_id=user.pk).exclude(status=Status.WITHDRAWN).order_by("-updated_at")


def testimonies_waiting() -> QuerySet[Testimony]:
    return Testimony.objects.filter(status=Status.SUBMITTED).order_by("submitted_at", "pk")


def withdrawn_count() -> int:
    return Testimony.objects.filter(status=Status.WITHDRAWN).count()


FIGURE_DIMENSIONS = {
    "setting": Setting,
    "experience": Experience,
    "helped": Help,
    "period": Period,
    "region": Region,
}


def suppress(counts: dict[str, int]) -> dict[str, int | None]:
    """Hide every cell under 5, and where a single hidden cell could be recovered from the total by subtraction,
    hide the next smallest cell too (secondary suppression)."""
    result: dict[str, int | None] = {key: (value if value >= SMALL_CELL else None) for key, value in counts.items()}
    hidden = [key for key, value in result.items() if value is None and counts[key] > 0]
    if len(hidden) == 1:
        visible = sorted((value, key) for key, value in result.items() if value is not None)
        if visible:
            result[visible[0][1]] = None
    return result


def figures() -> dict:
    """The public figures from the materialised cells: one small query whatever the archive's size."""
    cells = {(cell.dimension, cell.value): cell.count for cell in FigureCell.objects.all()}
    total = cells.get(("total", "all"), 0)
    tables = {}
    for dimension, choices in FIGURE_DIMENSIONS.items():
        counts = {value: cells.get((dimension, value), 0) for value in choices.values}
        shown_counts = suppress(counts)
        tables[dimension] = [
            {"value": value, "label": label, "count": shown_counts[value]} for value, label in choices.choices
        ]
    return {"total": total if total >= SMALL_CELL else None, "tables": tables}
