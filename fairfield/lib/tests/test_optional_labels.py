"""The field template marks optional fields; no label says "(optional)" itself, or readers see it twice."""

import re

from django import forms

from fairfield.accounts.forms import ProfileForm
from fairfield.donations import admin_forms
from fairfield.donations import forms as donation_forms
from fairfield.moderation import forms as moderation_forms
from fairfield.newsletter import forms as newsletter_forms
from fairfield.review import forms as review_forms

MODULES = [admin_forms, donation_forms, moderation_forms, newsletter_forms, review_forms]


def _declared_fields():
    classes = [ProfileForm] + [
        value
        for module in MODULES
        for value in vars(module).values()
        if isinstance(value, type) and issubclass(value, forms.Form)
    ]
    for form_class in classes:
        for name, field in form_class.base_fields.items():
            yield f"{form_class.__name__}.{name}", str(field.label or "")


def test_no_form_label_says_optional_itself():
    labelled = [name for name, label in _declared_fields() if re.search(r"\(optional\)", label, re.IGNORECASE)]
    assert labelled == []
