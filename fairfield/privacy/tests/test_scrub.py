import pytest

from fairfield.audit.models import AuditEntry
from fairfield.privacy.scrub import mentions, scrub_json, scrub_rows, scrub_text

pytestmark = pytest.mark.django_db


def test_scrub_text_replaces_every_spelling_case_insensitively():
    assert scrub_text("VESPER QUILL said hi to vesper quill", ["Vesper Quill"]) == (
        "a former member said hi to a former member"
    )
    assert scrub_text("nothing here", ["Vesper Quill"]) == "nothing here"
    assert scrub_text("a.b+c@example.org wrote", ["a.b+c@example.org"], "") == " wrote"


def test_scrub_json_reaches_nested_values_and_keys():
    value = {"who": ["Vesper Quill", {"Vesper Quill": 3}], "n": 1}
    assert scrub_json(value, ["Vesper Quill"]) == {"who": ["a former member", {"a former member": 3}], "n": 1}
    assert mentions(value, ["vesper quill"])
    assert not mentions({"n": 1}, ["vesper quill"])


def test_scrub_rows_finds_non_ascii_names_inside_json():
    entry = AuditEntry.objects.create(
        action="x.y.z", app="x", actor_name="Zoë Ñandú", summary="about Zoë Ñandú", data={"name": "Zoë Ñandú"}
    )
    only_in_data = AuditEntry.objects.create(
        action="x.y.z", app="x", actor_name="Someone", summary="s", data={"by": ["Zoë Ñandú"]}
    )
    other = AuditEntry.objects.create(action="x.y.z", app="x", actor_name="Someone", summary="unrelated", data={})

    changed = scrub_rows(AuditEntry.objects.all(), ["actor_name", "summary", "data"], ["Zoë Ñandú"])

    entry.refresh_from_db()
    only_in_data.refresh_from_db()
    assert changed == 2
    assert only_in_data.data == {"by": ["a former member"]}
    assert (entry.actor_name, entry.summary, entry.data) == (
        "a former member",
        "about a former member",
        {"name": "a former member"},
    )
    other.refresh_from_db()
    assert other.summary == "unrelated"
