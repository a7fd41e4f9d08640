"""StorableTextMixin: one friendly message for text that cannot be stored, whatever else the field checks."""

import pytest
from django import forms

from fairfield.lib.forms import NULL_CHARACTER_MESSAGE, UNREADABLE_MESSAGE, StorableTextMixin


class _Form(StorableTextMixin, forms.Form):
    name = forms.CharField(max_length=5)
    email = forms.EmailField(required=False)
    note = forms.CharField(required=False, strip=False, widget=forms.Textarea)


@pytest.mark.parametrize(
    ("text", "message"),
    [("a\x00b", NULL_CHARACTER_MESSAGE), ("a\ufffdb", UNREADABLE_MESSAGE), ("a\ud800b", UNREADABLE_MESSAGE)],
)
def test_unstorable_text_gets_one_friendly_message_per_field(text, message):
    form = _Form({"name": text * 4, "email": f"{text}@example.org", "note": text})
    assert not form.is_valid()
    for field in ("name", "email", "note"):
        assert form.errors[field] == [str(message)], field
        assert field not in form.cleaned_data


def test_ordinary_text_keeps_its_usual_messages():
    form = _Form({"name": "Rowan Alder", "email": "not an address", "note": "Hello\n"})
    assert not form.is_valid()
    assert len(form.errors["name"]) == 1
    assert "email" in form.errors
    assert form.cleaned_data["note"] == "Hello\n"


def test_an_unbound_form_is_left_alone():
    assert not _Form().is_bound
    assert _Form().errors == {}
