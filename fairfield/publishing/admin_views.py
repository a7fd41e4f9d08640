"""The editorial calendar in Wagtail's admin."""

from datetime import timedelta

from django.shortcuts import render
from django.utils import timezone

from fairfield.accounts.access import require
from fairfield.publishing.calendar import WEEKS_SHOWN, articles_waiting_by_step, calendar_weeks, week_parse


def editorial_calendar(request):
    require(request.user, "publishing.calendar.view")
    today = timezone.localdate()
    first_monday = week_parse(request.GET.get("week"), today=today)
    weeks = calendar_weeks(first_monday=first_monday)

    def iso_week(day):
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"

    return render(
        request,
        "publishing/admin/calendar.html",
        {
            "weeks": weeks,
            "this_week": weeks[0].monday <= today <= weeks[-1].sunday and (today - weeks[0].monday).days // 7,
            "today": today,
            "earlier": iso_week(first_monday - timedelta(weeks=WEEKS_SHOWN)),
            "later": iso_week(first_monday + timedelta(weeks=WEEKS_SHOWN)),
            "steps": articles_waiting_by_step(),
        },
    )
