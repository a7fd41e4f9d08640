"""Run `import_wordpress` on one export and print elapsed time, comments per second and peak memory.

The baseline, measured first in the same process, is reading the same file with the importer's own
streaming parser and doing nothing with the records: the import's rate is reported as a share of it.

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
    from fairfield.wordpress.wxr import Item, read_wxr

    started = time.perf_counter()
    with export.open("rb") as source:
        parsed = sum(len(record.comments) for record in read_wxr(source) if isinstance(record, Item))
    parse_rate = parsed / (time.perf_counter() - started)
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
        f"{comments / elapsed:,.0f} comments/s, peak RSS {peak_mb:.0f} MB; "
        f"baseline (parse only) {parse_rate:,.0f} comments/s, import = {comments / elapsed / parse_rate:.3f} × baseline"
    )


if __name__ == "__main__":
    main()
