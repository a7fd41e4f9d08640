"""The small-cell rule on a generated archive of 1,000 testimonies."""

import random

import pytest
from django.utils import timezone

from fairfield.testimony import selectors, services
from fairfield.testimony.models import ConsentLevel, Period, Region, Setting, Status, Testimony

pytestmark = pytest.mark.django_db


def generate(count, seed=7):
    rng = random.Random(seed)
    now = timezone.now()
    regions = Region.values
    # A skewed spread, so that several regions and periods end up under 5.
    weights = [400, 300, 200, 60, 4, 3, 2, 1, 30]
    Testimony.objects.bulk_create(
        Testimony(
            resume_code_digest=f"{seed}-{number}",
            status=Status.PUBLISHED,
            published_at=now,
            consent=rng.choice([ConsentLevel.RESEARCH, ConsentLevel.RECORD]),
            count_in_figures=rng.random() < 0.5,
            settings=rng.sample(Setting.values, rng.randint(1, 2)),
            period=rng.choices(Period.values, weights=[1, 2, 3, 100, 300, 400, 190, 4])[0],
            region=rng.choices(regions, weights=weights)[0],
        )
        for number in range(count)
    )
    services.figures_rebuild()


def test_no_cell_under_five_is_shown_nor_recoverable_by_subtraction():
    generate(1000)
    figures = selectors.figures()
    counted = Testimony.objects.counted()
    total = counted.count()
    assert figures["total"] == total
    for dimension in ("period", "region"):
        rows = figures["tables"][dimension]
        true = {row["value"]: counted.filter(**{dimension: row["value"]}).count() for row in rows}
        shown = {row["value"]: row["count"] for row in figures["tables"][dimension]}
        for value, count in shown.items():
            assert count is None or count >= 5
            if count is not None:
                assert count == true[value]
        hidden = [value for value, count in shown.items() if count is None and true[value] > 0]
        # Total minus every shown cell leaves the hidden ones together, never one hidden cell alone.
        assert len(hidden) != 1
        remainder = total - sum(count for count in shown.values() if count is not None)
        assert remainder == sum(true[value] for value in shown if shown[value] is None)
        if hidden:
            assert len(hidden) >= 2
    for dimension in ("setting", "experience", "helped"):
        for row in figures["tables"][dimension]:
            assert row["count"] is None or row["count"] >= 5


def test_figures_take_one_query_whatever_the_size(django_assert_num_queries):
    generate(300)
    with django_assert_num_queries(1):
        selectors.figures()
