"""The testimony figures page on 100,000 testimonies, uncached: how long one request takes.

    .venv/bin/python bench/testimony_figures.py [--testimonies 100000]

Makes (once) var/bench-testimony.sqlite3, migrated and filled with generated testimonies at every consent level,
rebuilds the materialised figures, then asks for /testimony/figures/ 50 times through Django's test client, moving
the archive cache's generation on before each request so every one is rendered afresh. Prints the median and the
95th percentile, and the queries one request takes.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fairfield.settings")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench-testimony.sqlite3'}")
os.environ.setdefault("DJANGO_DEBUG", "0")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from fairfield.testimony import services  # noqa: E402
from fairfield.testimony.cache import archive_forget  # noqa: E402
from fairfield.testimony.models import (  # noqa: E402
    ConsentLevel,
    Experience,
    Help,
    Period,
    Region,
    Setting,
    Status,
    Testimony,
)


def fill(count: int) -> None:
    call_command("migrate", verbosity=0)
    have = Testimony.objects.count()
    rng = random.Random(2026)
    now = timezone.now()
    batch = []
    for number in range(have, count):
        batch.append(
            Testimony(
                resume_code_digest=f"bench-{number}",
                status=Status.PUBLISHED,
                published_at=now,
                consent=rng.choice([ConsentLevel.RESEARCH, ConsentLevel.RECORD]),
                count_in_figures=rng.random() < 0.5,
                settings=rng.sample(Setting.values, rng.randint(1, 3)),
                experiences=rng.sample(Experience.values, rng.randint(1, 4)),
                helped=rng.sample(Help.values, rng.randint(0, 2)),
                period=rng.choice(Period.values),
                region=rng.choice(Region.values),
            )
        )
        if len(batch) == 5000:
            Testimony.objects.bulk_create(batch)
            batch = []
    if batch:
        Testimony.objects.bulk_create(batch)
    services.figures_rebuild()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--testimonies", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=50)
    options = parser.parse_args()
    fill(options.testimonies)
    client = Client(HTTP_HOST="127.0.0.1")
    client.get("/testimony/figures/")  # warm up imports and templates
    timings = []
    for _ in range(options.requests):
        archive_forget()
        started = time.perf_counter()
        response = client.get("/testimony/figures/")
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    archive_forget()
    with CaptureQueriesContext(connection) as queries:
        client.get("/testimony/figures/")
    timings.sort()
    print(
        f"/testimony/figures/ on {Testimony.objects.count():,} testimonies, uncached: "
        f"median {statistics.median(timings):.1f} ms, p95 {timings[int(len(timings) * 0.95) - 1]:.1f} ms, "
        f"{len(queries)} queries"
    )


if __name__ == "__main__":
    main()
