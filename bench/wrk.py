"""`make bench`: every page against nginx serving the article's saved HTML, in the same run, driven by wrk.

Usage (after bench/generate.sh): .venv/bin/python bench/wrk.py [--duration 10] [--connections 16]

Starts nginx (Debian's) on a free port of 127.0.0.1 with the 300-comment article's HTML saved as a static
file: the machine's limit for that page. Starts the site as production serves it (gunicorn, 2 sync workers,
no debug, no access log; SQLite, local-memory cache), once with the page cache and once without, and drives
each scenario with `wrk -t2 -c16` for a bounded time. Every figure is given as a share of nginx's req/s in
the same run, and "× WordPress" is that share divided by WordPress's own in PEER.md (its article at
13.4–14.0 req/s against 6,500–9,500 req/s for nginx serving its saved HTML: 0.0015–0.0021). Writes the
report as Markdown to bench/results/ and prints it.
"""

import argparse
import datetime
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.load import PYTHON, GunicornServer, _fetch  # noqa: E402

DATABASE = ROOT / "var" / "bench.sqlite3"
ARTICLE = "/personal-stories/coming-off-slowly/"
# PEER.md: WordPress's article page against nginx serving its saved HTML, in the same runs.
PEER_SHARE = (13.4 / 9500, 14.0 / 6500)
NGINX_CONF = """
daemon off;
worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 256; }}
http {{
  access_log off;
  client_body_temp_path {dir}/body;
  proxy_temp_path {dir}/proxy;
  fastcgi_temp_path {dir}/fastcgi;
  uwsgi_temp_path {dir}/uwsgi;
  scgi_temp_path {dir}/scgi;
  default_type text/html;
  sendfile on;
  server {{
    listen 127.0.0.1:{port};
    root {dir}/root;
    location / {{ try_files $uri $uri/index.html =404; }}
  }}
}}
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per scenario (default 10)")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--out", default=str(ROOT / "bench" / "results"))
    args = parser.parse_args()
    for tool in ("nginx", "wrk"):
        if not (shutil.which(tool) or Path(f"/usr/sbin/{tool}").exists()):
            sys.exit(f"{tool} is missing: apt-get install {tool}")
    if not DATABASE.exists():
        sys.exit(f"Missing {DATABASE}: run bench/generate.sh first.")

    lines = [
        f"# Benchmark, {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC",
        "",
        f"{platform.node()} · {os.cpu_count()} CPUs · {platform.python_implementation()} {platform.python_version()}"
        f" · {_version(['nginx', '-v'])} · wrk {args.threads} threads, {args.connections} connections,"
        f" {args.duration} s per scenario · gunicorn 2 sync workers · SQLite ({DATABASE.name}), local-memory cache",
        "",
        "“of nginx” is the scenario's req/s as a share of nginx serving the article's saved HTML in the same run;",
        f"“× WordPress” divides that by WordPress's share in PEER.md ({PEER_SHARE[0]:.4f}–{PEER_SHARE[1]:.4f}).",
        "",
    ]
    with tempfile.TemporaryDirectory(prefix="fairfield-wrk-") as work:
        os.chmod(work, 0o755)  # noqa: S103 -- nginx workers run as an unprivileged user when started by root
        env = _site_env(work)
        subprocess.run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
        cookie = _member_cookie(env)
        member = ["-H", f"Cookie: sessionid={cookie}"]
        rows = []
        with GunicornServer(env) as port:
            _fetch(port, ARTICLE)
            html = _save_article(port, Path(work) / "root", cookie=None)
            member_html = _save_article(port, None, cookie=cookie)
            with Nginx(Path(work)) as nginx_port:
                lines += _block("nginx and the site with its page cache")
                base = _wrk(nginx_port, ARTICLE, args)
                rows.append(("nginx, the article's saved HTML", ARTICLE, base))
                for name, path, extra in [
                    ("article, anonymous reader (page cache)", ARTICLE, []),
                    ("article, logged-in member", ARTICLE, member),
                    ("home, anonymous", "/", []),
                    ("home, member", "/", member),
                    ("section, anonymous", "/personal-stories/", []),
                    ("search, a common word", "/search/?q=help", []),
                    ("search, a rarer word", "/search/?q=withdrawal", []),
                    ("health check", "/healthz", []),
                ]:
                    rows.append((name, path, _wrk(port, path, args, extra)))
        with GunicornServer({**env, "FAIRFIELD_PAGE_CACHE_SECONDS": "0"}) as port:
            lines_cold = _block("the site with every page cache off")
            _fetch(port, ARTICLE)
            rows.append(("article, every cache off", ARTICLE, _wrk(port, ARTICLE, args)))
    lines += lines_cold
    lines += _table(rows, base["rps"])
    lines += [
        "",
        f"The article's HTML: {len(html) / 1024:.1f} KB for a reader (the file nginx serves),"
        f" {len(member_html) / 1024:.1f} KB for the member ({len(member_html) / len(html) - 1:+.1%}).",
    ]
    report = "\n".join(lines) + "\n"
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d-%H%M}-wrk.md"
    path.write_text(report)
    print(report)
    print(f"Written to {path.relative_to(ROOT)}")


def _site_env(work):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "BENCH_STATIC_ROOT": str(Path(work) / "static"),
        "FAIRFIELD_ENV": "development",
        "DJANGO_DEBUG": "0",
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": f"sqlite:///{DATABASE}",
    }
    env.pop("REDIS_URL", None)
    return env


def _member_cookie(env):
    """A session for a verified member who wrote none of the thread, made the way Django's test client does."""
    code = (
        "import django; django.setup()\n"
        "from django.contrib.auth import get_user_model\n"
        "from django.test import Client\n"
        "from fairfield.comments.models import Comment\n"
        "authors = Comment.objects.filter(article__slug='coming-off-slowly').values('author_id')\n"
        "member = get_user_model().objects.exclude(pk__in=authors).filter(emailaddress__verified=True,"
        " is_staff=False).order_by('-pk').first()\n"
        "client = Client(); client.force_login(member)\n"
        "print(client.cookies['sessionid'].value)\n"
    )
    result = subprocess.run([PYTHON, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return result.stdout.strip().splitlines()[-1]


def _save_article(port, root, *, cookie):
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Cookie": f"sessionid={cookie}"} if cookie else {}
    connection.request("GET", ARTICLE, headers=headers)
    body = connection.getresponse().read()
    connection.close()
    if root is not None:
        target = root / ARTICLE.strip("/") / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)
    return body


class Nginx:
    """Debian's nginx in the foreground on a free port of 127.0.0.1, serving root/ from a temporary directory."""

    def __init__(self, work: Path):
        self.work = work

    def __enter__(self):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        conf = self.work / "nginx.conf"
        conf.write_text(NGINX_CONF.format(dir=self.work, port=self.port))
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        self.process = subprocess.Popen([nginx, "-c", str(conf), "-p", str(self.work)], stderr=subprocess.PIPE)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                if _fetch(self.port, ARTICLE)[0] == 200:
                    return self.port
            except OSError:
                time.sleep(0.1)
        self.__exit__()
        sys.exit("nginx did not start: " + (self.work / "error.log").read_text(errors="replace")[-2000:])

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _wrk(port, path, args, extra=()):
    """One bounded wrk run: req/s, latency percentiles, non-2xx responses and socket errors."""
    command = [
        "wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s", "--timeout", "30s",
        "--latency", *extra, f"http://127.0.0.1:{port}{path}",
    ]  # fmt: skip
    output = subprocess.run(command, capture_output=True, text=True, timeout=args.duration + 60).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    latency = {p: _ms(re.search(rf"\s{p}%\s+([\d.]+\w+)", output)) for p in ("50", "90", "99")}
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    return {
        "rps": rps,
        **{f"p{p}": value for p, value in latency.items()},
        "non2xx": int(errors.group(1)) if errors else 0,
        "socket": socket_errors.group(1).strip() if socket_errors else "",
    }


def _ms(match):
    if not match:
        return float("nan")
    value = match.group(1)
    number = float(re.match(r"[\d.]+", value).group())
    unit = value[len(re.match(r"[\d.]+", value).group()) :]
    return number * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}.get(unit, 1)


def _block(title):
    load = os.getloadavg()
    return [f"Load average before {title}: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}", ""]


def _table(rows, base):
    lines = [
        "| scenario | URL | req/s | p50 ms | p90 ms | p99 ms | of nginx | × WordPress | errors |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, path, result in rows:
        share = result["rps"] / base
        peer = f"{share / PEER_SHARE[1]:.1f}–{share / PEER_SHARE[0]:.1f}"
        errors = result["non2xx"] + (1 if result["socket"] else 0)
        note = f"{result['non2xx']} non-2xx" if result["non2xx"] else ""
        note += f" socket: {result['socket']}" if result["socket"] else ""
        lines.append(
            f"| {name} | `{path}` | {result['rps']:.1f} | {result['p50']:.1f} | {result['p90']:.1f} "
            f"| {result['p99']:.1f} | {share:.4f} | {peer} | {note or errors} |"
        )
    return lines


def _version(command):
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=10)
        return (result.stdout + result.stderr).strip().splitlines()[0]
    except (OSError, subprocess.SubprocessError, IndexError):
        return command[0]


if __name__ == "__main__":
    main()
