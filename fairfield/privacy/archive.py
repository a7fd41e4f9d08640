"""The ZIP a member downloads: one JSON file per inventory entry and an index.html a person can read."""

import io
import json
import zipfile

from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from fairfield.privacy.inventory import INVENTORY


def _plain(value):
    """JSON-ready form of one value, for the HTML page as much as for the JSON files."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False))


def archive_build(member, *, now=None) -> bytes:
    now = now or timezone.now()
    sections = []
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for entry in INVENTORY:
            rows = _plain(entry.export(member))
            document = {"what": str(entry.label), "holds": str(entry.holds), "rows": rows}
            archive.writestr(
                f"{entry.name}.json", json.dumps(document, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
            )
            columns = list(dict.fromkeys(key for row in rows for key in row))
            sections.append(
                {
                    "entry": entry,
                    "file": f"{entry.name}.json",
                    "columns": columns,
                    "rows": [[_cell(row.get(column)) for column in columns] for row in rows],
                }
            )
        index = render_to_string(
            "privacy/export_index.html",
            {"member": member, "sections": sections, "made_at": now, "title": _("Your data on Fairfield")},
        )
        archive.writestr("index.html", index)
    return buffer.getvalue()


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, indent=1)
    return str(value)
