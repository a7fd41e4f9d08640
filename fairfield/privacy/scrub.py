"""Taking a person's identifiers out of text that must otherwise stay (audit logs, revisions, sent mail)."""

import json
import re
from collections.abc import Iterable

from django.utils.translation import gettext


def former_member() -> str:
    """How a member who left is named wherever their words or actions stay."""
    return gettext("a former member")


def _pattern(needles: Iterable[str]) -> re.Pattern | None:
    words = sorted({needle for needle in needles if needle}, key=len, reverse=True)
    if not words:
        return None
    return re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)


def scrub_text(text: str, needles: Iterable[str], replacement: str | None = None) -> str:
    pattern = _pattern(needles)
    if pattern is None or not text:
        return text
    return pattern.sub(replacement if replacement is not None else former_member(), text)


def scrub_json(value, needles: Iterable[str], replacement: str | None = None):
    """The same JSON value with every string (keys included) scrubbed."""
    needles = list(needles)
    if isinstance(value, str):
        return scrub_text(value, needles, replacement)
    if isinstance(value, list):
        return [scrub_json(item, needles, replacement) for item in value]
    if isinstance(value, dict):
        return {
            scrub_text(str(key), needles, replacement): scrub_json(item, needles, replacement)
            for key, item in value.items()
        }
    return value


def mentions(value, needles: Iterable[str]) -> bool:
    pattern = _pattern(needles)
    if pattern is None or value is None:
        return False
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return bool(pattern.search(text))


def scrub_rows(queryset, fields: Iterable[str], needles: Iterable[str], replacement: str | None = None) -> int:
    """Scrub `fields` of every row of `queryset` that mentions a needle; returns how many rows changed.

    Rows are narrowed in the database first (icontains on each text field), so only the few rows that
    mention the person are read and written."""
    from django.db.models import JSONField, Q, TextField
    from django.db.models.functions import Cast

    needles = [needle for needle in needles if needle]
    fields = list(fields)
    if not needles or not fields:
        return 0
    model = queryset.model
    condition = Q()
    for name in fields:
        field = model._meta.get_field(name)
        lookup, forms = f"{name}__icontains", set(needles)
        if isinstance(field, JSONField):
            # icontains on JSON is not portable; compare the text form instead. SQLite keeps JSON as ASCII
            # with \u escapes, PostgreSQL as real characters: look for both spellings.
            queryset = queryset.annotate(**{f"_{name}_text": Cast(name, TextField())})
            lookup = f"_{name}_text__icontains"
            forms |= {json.dumps(needle)[1:-1] for needle in needles}
        for needle in forms:
            condition |= Q(**{lookup: needle})
    changed = 0
    for row in queryset.filter(condition).distinct():
        updates = {}
        for name in fields:
            before = getattr(row, name)
            after = scrub_json(before, needles, replacement)
            if after != before:
                updates[name] = after
        if updates:
            model._base_manager.filter(pk=row.pk).update(**updates)
            changed += 1
    return changed
