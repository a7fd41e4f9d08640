"""Reads shared by pages, the dashboard, receipts and the admin."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce, TruncMonth

from fairfield.donations.models import Campaign, Donation, RecurringGift, Status


@dataclass(frozen=True)
class Progress:
    raised_cents: int
    goal_cents: int
    donors: int
    currency: str

    @property
    def percent(self) -> int:
        """Whole percent for the bar, capped at 100 (the text still says how much was raised)."""
        if self.goal_cents <= 0:
            return 0
        return min(100, self.raised_cents * 100 // self.goal_cents)


def campaign_progress(campaign: Campaign, *, currency: str) -> Progress:
    """Money that arrived and was not refunded, and the number of distinct donors (by e-mail)."""
    totals = Donation.objects.filter(campaign=campaign, status=Status.SUCCEEDED).aggregate(
        cents=Coalesce(Sum("amount_cents"), 0),
        donors=Count("email", distinct=True),
    )
    return Progress(
        raised_cents=totals["cents"], goal_cents=campaign.goal_cents, donors=totals["donors"], currency=currency
    )


def donor_wall(campaign: Campaign, *, limit: int = 50) -> list[str]:
    """First names with an initial, of donors who asked to be listed and are not anonymous; newest first."""
    rows = (
        Donation.objects.filter(campaign=campaign, status=Status.SUCCEEDED, on_donor_wall=True, anonymous=False)
        .order_by("-succeeded_at")
        .values_list("first_name", "last_name")[:limit]
    )
    return [f"{first} {last[:1]}." if last else first for first, last in rows]


def donations_for_user(user):
    return Donation.objects.for_user(user).select_related("campaign", "receipt").order_by("-created_at", "-pk")


def recurring_gifts_for_user(user):
    from allauth.account.models import EmailAddress

    emails = list(EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True))
    query = Q(user=user)
    for email in emails:
        query |= Q(email__iexact=email)
    return RecurringGift.objects.filter(query).order_by("-created_at")


def donation_for_user(user, public_id) -> Donation | None:
    return donations_for_user(user).filter(public_id=public_id).first()


def statement_years(user) -> list[int]:
    return sorted(
        {d.year for d in Donation.objects.for_user(user).succeeded().dates("succeeded_at", "year")}, reverse=True
    )


def statement_donations(*, emails: list[str], user=None, year: int):
    query = Q()
    for email in emails:
        query |= Q(email__iexact=email)
    if user is not None:
        query |= Q(user=user)
    return (
        Donation.objects.filter(query, status=Status.SUCCEEDED, succeeded_at__year=year)
        .select_related("receipt")
        .order_by("succeeded_at")
    )


def monthly_totals(*, since: date, currency: str) -> list[tuple[date, int]]:
    rows = (
        Donation.objects.filter(status=Status.SUCCEEDED, succeeded_at__date__gte=since, currency=currency)
        .annotate(month=TruncMonth("succeeded_at"))
        .values("month")
        .annotate(cents=Sum("amount_cents") + Sum("fee_cents"))
        .order_by("month")
    )
    return [(row["month"].date() if hasattr(row["month"], "date") else row["month"], row["cents"]) for row in rows]
