"""The editorial calendar: what is scheduled, published and being drafted, week by week, and where
articles in review are waiting. Reads only; each week range costs a fixed number of queries."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone
from wagtail.models import Revision, WorkflowState

from fairfield.publishing.models import ArticlePage

WEEKS_SHOWN = 6


@dataclass
class CalendarWeek:
    monday: date
    scheduled: list = field(default_factory=list)
    published: list = field(default_factory=list)
    drafts: list = field(default_factory=list)

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)

    @property
    def is_empty(self) -> bool:
        return not (self.scheduled or self.published or self.drafts)


@dataclass(frozen=True)
class CalendarEntry:
    article: ArticlePage
    when: datetime


def week_monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week_parse(value: str | None, *, today: date) -> date:
    """The Monday of an ISO week written as 2026-W49; this week for anything else."""
    try:
        year, week = (value or "").upper().split("-W")
        return date.fromisocalendar(int(year), int(week), 1)
    except ValueError:
        return week_monday(today)


def _aware(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def calendar_weeks(*, first_monday: date, weeks: int = WEEKS_SHOWN) -> list[CalendarWeek]:
    """Articles by week: scheduled to go live (an approved revision waiting for its time), first published,
    or last edited while not live. Three queries, whatever the number of articles."""
    start, end = _aware(first_monday), _aware(first_monday + timedelta(weeks=weeks))
    calendar = [CalendarWeek(monday=first_monday + timedelta(weeks=n)) for n in range(weeks)]

    def place(entries, attribute):
        for entry in sorted(entries, key=lambda entry: entry.when):
            index = (timezone.localtime(entry.when).date() - first_monday).days // 7
            if 0 <= index < weeks:
                getattr(calendar[index], attribute).append(entry)

    articles = ArticlePage.objects.only("pk", "title", "live", "first_published_at", "latest_revision_created_at")
    scheduled_revisions = Revision.page_revisions.filter(
        approved_go_live_at__gte=start, approved_go_live_at__lt=end
    ).values_list("object_id", "approved_go_live_at")
    scheduled_at = {int(object_id): when for object_id, when in scheduled_revisions}
    scheduled = articles.filter(pk__in=scheduled_at)
    place((CalendarEntry(article, scheduled_at[article.pk]) for article in scheduled), "scheduled")

    published = articles.filter(first_published_at__gte=start, first_published_at__lt=end)
    place((CalendarEntry(article, article.first_published_at) for article in published), "published")

    drafts = articles.filter(
        Q(live=False) & Q(latest_revision_created_at__gte=start) & Q(latest_revision_created_at__lt=end)
    ).exclude(pk__in=scheduled_at)
    place((CalendarEntry(article, article.latest_revision_created_at) for article in drafts), "drafts")
    return calendar


@dataclass(frozen=True)
class WaitingArticle:
    article: ArticlePage
    requested_by: object
    since: datetime


def articles_waiting_by_step() -> list[tuple[str, list[WaitingArticle]]]:
    """Articles in a review workflow, grouped by the step they wait at, longest-waiting first. Two queries."""
    states = (
        WorkflowState.objects.active()
        .filter(current_task_state__isnull=False)
        .select_related("current_task_state__task", "requested_by")
        .order_by("current_task_state__started_at")
    )
    states = list(states)
    articles = ArticlePage.objects.only("pk", "title").in_bulk([int(state.object_id) for state in states])
    steps: dict[str, list[WaitingArticle]] = {}
    for state in states:
        article = articles.get(int(state.object_id))
        if article is None:
            continue
        waiting = WaitingArticle(article, state.requested_by, state.current_task_state.started_at)
        steps.setdefault(state.current_task_state.task.name, []).append(waiting)
    return list(steps.items())
