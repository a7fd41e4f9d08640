"""Search every row of every table, raw, for words that must be gone (search index shadow tables included)."""

import json

from django.db import DatabaseError, connection, transaction


def database_mentions(*needles: str) -> list[tuple[str, str]]:
    # JSON columns on SQLite keep non-ASCII text as \u escapes: look for that spelling too.
    lowered = {spelling.lower() for needle in needles for spelling in (needle, json.dumps(needle)[1:-1])}
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(include_views=False):
            quoted = connection.ops.quote_name(table)
            try:
                with transaction.atomic():
                    cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608 - the names come from the database
                    rows = cursor.fetchall()
            except DatabaseError as error:
                # Never a silent pass: a table the search cannot read is reported as if it named the person.
                found.append((table, f"unreadable: {error}"))
                continue
            for row in rows:
                text = " | ".join(_text(cell) for cell in row).lower()
                if any(needle in text for needle in lowered):
                    found.append((table, text[:300]))
    return found


def _text(cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, (bytes, bytearray, memoryview)):
        return bytes(cell).decode("utf-8", errors="ignore")
    return str(cell)
