"""The 300-comment article rendered in-process for a reader and for a logged-in member (page cache off):
HTML size, render time, queries, and where the time goes (--profile).

Usage (after bench/generate.sh): .venv/bin/python bench/member.py [--repeat 20] [--profile]
"""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
ARTICLE = "/personal-stories/coming-off-slowly/"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--database", default=str(ROOT / "var" / "bench.sqlite3"))
    args = parser.parse_args()
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{args.database}")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="fairfield.settings",
        DJANGO_DEBUG="0",
        FAIRFIELD_ENV="development",
        FAIRFIELD_PAGE_CACHE_SECONDS="0",
    )
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from fairfield.comments.models import Comment

    article_comments = Comment.objects.filter(article__url_path__endswith="/coming-off-slowly/")
    # A verified member who wrote none of the thread, so every comment shows Reply, Flag and Mute.
    authors = article_comments.values("author_id")
    member = (
        get_user_model()
        .objects.exclude(pk__in=authors)
        .filter(emailaddress__verified=True, is_staff=False)
        .order_by("pk")
        .first()
    )
    reader, signed_in = Client(HTTP_HOST="127.0.0.1"), Client(HTTP_HOST="127.0.0.1")
    signed_in.force_login(member)
    print(f"load {os.getloadavg()[0]:.2f}; member {member.pk}; {article_comments.count()} comments")
    print("| viewer | KB | forms | links | alone ms | p50 ms | p95 ms | queries |")
    print("|---|---|---|---|---|---|---|---|")
    sizes = {}
    for name, client in (("reader", reader), ("member", signed_in)):
        client.get(ARTICLE)
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(ARTICLE)
            alone = time.perf_counter() - started
        assert response.status_code == 200, response.status_code
        html = response.content.decode()
        sizes[name] = len(response.content)
        timings = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            client.get(ARTICLE)
            timings.append(1000 * (time.perf_counter() - started))
        timings.sort()
        p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
        print(
            f"| {name} | {len(response.content) / 1024:.1f} | {html.count('<form')} | {html.count('<a ')} "
            f"| {1000 * alone:.1f} | {statistics.median(timings):.1f} | {p95:.1f} | {len(captured)} |"
        )
    print(f"\nmember HTML / reader HTML: {sizes['member'] / sizes['reader']:.3f}")
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(10):
            signed_in.get(ARTICLE)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main()
