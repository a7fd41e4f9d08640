"""Run `import_wordpress` on one export and print elapsed time, comments per second and peak memory.

DATABASE_URL=sqlite:///var/bench-wp.sqlite3 .venv/bin/python bench/wordpress/measure.py var/bench-wp-100k.xml
"""

import os
import resource
import sys
import time
from io import StringIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fairfield.settings")


def main():
    import logging

    import django

    django.setup()
    from django.core.management import call_command

    logging.getLogger("wagtail").setLevel(logging.WARNING)  # one log line per page would dominate the run
    export = Path(sys.argv[1])
    out = StringIO()
    started = time.perf_counter()
    call_command("import_wordpress", str(export), *sys.argv[2:], stdout=out)
    elapsed = time.perf_counter() - started
    print(out.getvalue())
    created = next(line for line in out.getvalue().splitlines() if line.startswith("comments "))
    comments = int(created.split()[1])
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    size_mb = export.stat().st_size / 1024 / 1024
    print(
        f"{export.name}: {size_mb:.1f} MB, {elapsed:.1f} s, {comments} comments created, "
        f"{comments / elapsed:,.0f} comments/s, peak RSS {peak_mb:.0f} MB"
    )


if __name__ == "__main__":
    main()
