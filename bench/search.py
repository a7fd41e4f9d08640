"""Time the search page on the 10,000-article data set, in-process: the current ranking, and with --wagtail
the ranking as it was (Wagtail's database backend through ``.search()``, one scoring subquery per match).

Usage (after bench/generate.sh): .venv/bin/python bench/search.py [--repeat 20] [--wagtail] [words ...]

Prints a markdown table: matches, the first request alone, p50 and p95 of --repeat sequential requests of
the whole page (Django's test client: routing, the form, the queries, the template), and queries per request.
"""

import argparse
import os
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_WORDS = ["help", "the", "ward", "garden", "withdrawal", "quiet morning", "zzyzx"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("words", nargs="*", default=DEFAULT_WORDS)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--wagtail", action="store_true", help="rank through Wagtail's backend, as before")
    parser.add_argument("--database", default=str(ROOT / "var" / "bench.sqlite3"))
    args = parser.parse_args()
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{args.database}")
    os.environ.update(DJANGO_SETTINGS_MODULE="fairfield.settings", DJANGO_DEBUG="0", FAIRFIELD_ENV="development")
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from fairfield.search import selectors

    if args.wagtail:
        selectors.articles_search = wagtail_search(selectors)
    client = Client(HTTP_HOST="127.0.0.1")
    client.get("/search/", {"q": "warmup"})
    vendor = connection.vendor
    print(f"{vendor}, {'Wagtail backend' if args.wagtail else 'one ranking query'}, load {os.getloadavg()[0]:.2f}")
    print("| query | heading | alone ms | p50 ms | p95 ms | queries |")
    print("|---|---|---|---|---|---|")
    for words in args.words:
        timings = []
        with override_settings(DEBUG=False), CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get("/search/", {"q": words})
            timings.append(time.perf_counter() - started)
        queries = len(captured)
        heading = re.search(r'id="search-results-heading">([^<]*)<', response.content.decode())
        matches = heading.group(1) if heading else "–"
        repeat = 1 if timings[0] > 5 else args.repeat
        for _ in range(repeat - 1):
            started = time.perf_counter()
            client.get("/search/", {"q": words})
            timings.append(time.perf_counter() - started)
        ms = sorted(1000 * t for t in timings)
        p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
        print(
            f"| `{words}` | {matches} | {ms[0] if repeat == 1 else 1000 * timings[0]:.1f} "
            f"| {statistics.median(ms):.1f} | {p95:.1f} | {queries} |"
        )


def wagtail_search(selectors):
    """The ranking before this change: Wagtail's backend, every match counted, scored per match."""
    from django.db.models import Prefetch

    from fairfield.publishing.models import ArticleContributor

    class Hits(list):
        more = False

        @property
        def pks(self):
            return self

    def articles_search(terms, **filters):
        found = (
            selectors.visible_articles(**filters)
            .prefetch_related(
                Prefetch("article_contributors", queryset=ArticleContributor.objects.select_related("contributor")),
                "tags",
            )
            .search(" ".join(terms), operator="and")
        )
        # The old view paged Wagtail's results lazily: a count, then one slice. Do the same.
        count = found.count()
        return _Lazy(found, count)

    class _Lazy:
        more = False

        def __init__(self, found, count):
            self.pks = _Pks(found, count)

    class _Pks:
        def __init__(self, found, count):
            self.found, self.count_ = found, count

        def count(self):
            return self.count_

        def __len__(self):
            return self.count_

        def __getitem__(self, item):
            return [article.pk for article in self.found[item]]

    return articles_search


if __name__ == "__main__":
    main()
