"""Serve the 10,000-article data set with gunicorn and measure a few pages against a static-file baseline.

Usage (after bench/generate.sh): .venv/bin/python bench/load.py [--requests 1000] [--threads 4] [--time-cap 12]

Prints a markdown table: requests per second, p50 and p99 latency under load, the latency of one
request alone, each page's throughput as a share of the static file's, and the queries each page
makes on the 100- and the 10,000-article data set.
"""

import argparse
import datetime
import http.client
import itertools
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
DATA_SETS = {"100": ROOT / "var" / "bench-100.sqlite3", "10000": ROOT / "var" / "bench.sqlite3"}
STATIC_BASELINE = "/static/fairfield/favicon.svg"
COMMENTED = "article with its comments"
UNCACHED = "article with its comments, page cache off"
# WordPress 6.1 serving an article with 300 threaded comments on this kind of machine (shared/data/PEER.md:
# classic theme, two runs of wrk with 16 connections): 13.4 and 14.0 requests per second.
PEER_ARTICLE_RPS = (13.4, 14.0)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1000, help="requests per page (default 1000)")
    parser.add_argument("--threads", type=int, default=4, help="concurrent client threads (default 4)")
    parser.add_argument("--time-cap", type=float, default=12, help="seconds at most per page (default 12)")
    parser.add_argument("--alone", type=int, default=20, help="sequential requests for the one-alone latency")
    args = parser.parse_args()
    load_before = os.getloadavg()
    missing = [str(path) for path in DATA_SETS.values() if not path.exists()]
    if missing:
        sys.exit(f"Missing {', '.join(missing)}: run bench/generate.sh first.")

    with tempfile.TemporaryDirectory(prefix="fairfield-bench-") as static_root:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "BENCH_STATIC_ROOT": static_root,
            "FAIRFIELD_ENV": "development",
            "DJANGO_DEBUG": "0",
            "PYTHONPATH": str(ROOT),
        }
        env.pop("REDIS_URL", None)
        subprocess.run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
        uncached = {**env, "FAIRFIELD_PAGE_CACHE_SECONDS": "0"}
        counts = {size: _query_counts(uncached, path) for size, path in DATA_SETS.items()}
        pages = {"static file (baseline)": STATIC_BASELINE}
        pages |= {name: page["url"] for name, page in counts["10000"]["pages"].items()}

        env["DATABASE_URL"] = uncached["DATABASE_URL"] = f"sqlite:///{DATA_SETS['10000']}"
        with GunicornServer(env) as port:
            results = {name: _measure(port, path, args) for name, path in pages.items()}
        # The same article with the anonymous page cache switched off: what every reader would cost without it.
        with GunicornServer(uncached) as port:
            results[UNCACHED] = _measure(port, pages[COMMENTED], args)
        pages[UNCACHED] = pages[COMMENTED]
        counts["100"]["pages"][UNCACHED] = counts["100"]["pages"][COMMENTED]
        counts["10000"]["pages"][UNCACHED] = counts["10000"]["pages"][COMMENTED]

    _print_table(results, pages, counts, args, load_before)
    _print_peer(results)


def _measure(port, path, args):
    _load(port, path, total=args.threads * 5, threads=args.threads, cap=10)  # warm every worker
    alone = _load(port, path, total=args.alone, threads=1, cap=10)
    result = _load(port, path, total=args.requests, threads=args.threads, cap=args.time_cap)
    return result | {"alone_ms": alone["p50_ms"]}


def _query_counts(env, database):
    output = subprocess.run(
        [PYTHON, "bench/queries.py"],
        cwd=ROOT,
        env={**env, "DATABASE_URL": f"sqlite:///{database}"},
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output)


class GunicornServer:
    """gunicorn with 2 sync workers on a free port of 127.0.0.1, no access log, no control socket."""

    def __init__(self, env):
        self.env = env

    def __enter__(self):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(
            [
                str(ROOT / ".venv" / "bin" / "gunicorn"),
                "fairfield.wsgi:application",
                f"--bind=127.0.0.1:{self.port}",
                "--workers=2",
                "--no-control-socket",
                "--log-level=warning",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                if _fetch(self.port, "/healthz")[0] in {200, 503}:
                    return self.port
            except OSError:
                time.sleep(0.2)
        self.__exit__()
        sys.exit("gunicorn did not start: " + self._log_text())

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.process.returncode not in {0, -15}:
            print(self._log_text(), file=sys.stderr)
        self.log.close()

    def _log_text(self):
        self.log.seek(0)
        return self.log.read().decode(errors="replace")[-2000:]


def _fetch(port, path):
    """One GET on a fresh connection, as gunicorn's sync workers close every connection anyway."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, len(response.read())
    finally:
        connection.close()


def _load(port, path, *, total, threads, cap):
    """At most total requests from threads clients, stopping at cap seconds."""
    issued = itertools.count()
    deadline = time.monotonic() + cap
    latencies, statuses, sizes = [], [], []

    def client():
        while next(issued) < total and time.monotonic() < deadline:
            started = time.perf_counter()
            status, size = _fetch(port, path)
            latencies.append(time.perf_counter() - started)
            statuses.append(status)
            sizes.append(size)

    workers = [threading.Thread(target=client) for _ in range(threads)]
    started = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - started
    centiles = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else latencies * 99
    return {
        "requests": len(latencies),
        "errors": sum(status != 200 for status in statuses),
        "rps": len(latencies) / elapsed,
        "p50_ms": statistics.median(latencies) * 1000,
        "p99_ms": centiles[98] * 1000,
        "kb": statistics.median(sizes) / 1024,
    }


def _print_table(results, pages, counts, args, load_before):
    baseline = results["static file (baseline)"]["rps"]
    today = datetime.datetime.now(datetime.UTC).date().isoformat()
    print(
        f"{today} · {platform.python_implementation()} {platform.python_version()} · "
        f"{os.cpu_count()} CPUs · gunicorn 2 sync workers · {args.threads} client threads, "
        f"{args.requests} requests or {args.time_cap:g} s per page · SQLite · "
        f"load average before: {' '.join(f'{load:.2f}' for load in load_before)}\n"
    )
    print("| page | URL | requests | req/s | p50 ms | p99 ms | alone ms | KB | × static | queries @100 | @10,000 |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for name, result in results.items():
        queries = {size: counts[size]["pages"].get(name, {}).get("queries", "–") for size in counts}
        errors = f" ({result['errors']} errors)" if result["errors"] else ""
        print(
            f"| {name} | `{pages[name]}` | {result['requests']}{errors} | {result['rps']:.0f} | "
            f"{result['p50_ms']:.1f} | {result['p99_ms']:.1f} | {result['alone_ms']:.1f} | {result['kb']:.1f} | "
            f"{result['rps'] / baseline:.3f} | {queries['100']} | {queries['10000']} |"
        )


def _print_peer(results):
    low, high = PEER_ARTICLE_RPS
    print("\nAgainst WordPress's article with 300 comments (PEER.md, classic theme, 13.4–14.0 req/s):\n")
    for name in (COMMENTED, UNCACHED):
        rps = results[name]["rps"]
        print(f"- {name}: {rps:.0f} req/s = {rps / high:.1f}–{rps / low:.1f} × WordPress")


if __name__ == "__main__":
    main()
