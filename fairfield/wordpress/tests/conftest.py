from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def run_import(db):
    """Run `import_wordpress` on a fixture (or any path) and return its printed output."""

    def run(name_or_path, *args):
        path = name_or_path if isinstance(name_or_path, Path) else FIXTURES / name_or_path
        out = StringIO()
        call_command("import_wordpress", str(path), *args, stdout=out)
        return out.getvalue()

    return run


def summary_row(output: str, row: str) -> dict[str, int]:
    """The created/updated/unchanged/skipped figures of one summary line."""
    for line in output.splitlines():
        if line.startswith(row + " ") and line[len(row) :].split()[0].isdigit():
            created, updated, unchanged, skipped = (int(value) for value in line[len(row) :].split())
            return {"created": created, "updated": updated, "unchanged": unchanged, "skipped": skipped}
    raise AssertionError(f"No summary row {row!r} in:\n{output}")
