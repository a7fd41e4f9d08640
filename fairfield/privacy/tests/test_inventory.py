"""The data inventory cannot drift from the models: a new model that holds personal data must be listed."""

import re

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models

from fairfield.privacy.inventory import EXEMPT, INVENTORY

# Field names that say a column holds something that identifies a person.
PERSONAL_NAME = re.compile(
    r"(^|_)(e?mail|email_address|ip|ip_address|ip_hash|user_agent|address|phone|first_name|last_name)$"
    r"|^(author|actor|display|credit|donor|dedication)_name$"
)
TEXT_FIELDS = (models.CharField, models.TextField, models.GenericIPAddressField, models.ForeignKey)


def _holder(field) -> str:
    """The concrete model whose table holds the field (a page's `owner` is on wagtailcore.Page)."""
    return field.model._meta.concrete_model._meta.label


def models_holding_personal_data() -> dict[str, list[str]]:
    user_model = get_user_model()
    found: dict[str, list[str]] = {}
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if not getattr(field, "concrete", False):
                continue
            relates_to_user = field.is_relation and field.related_model is user_model
            names_a_person = isinstance(field, models.GenericIPAddressField) or (
                isinstance(field, TEXT_FIELDS) and PERSONAL_NAME.search(field.name)
            )
            if relates_to_user or names_a_person:
                found.setdefault(_holder(field), []).append(field.name)
    return found


def test_every_model_with_personal_data_is_in_the_inventory():
    listed = {entry.model for entry in INVENTORY} | set(EXEMPT)
    missing = {label: fields for label, fields in models_holding_personal_data().items() if label not in listed}
    assert missing == {}, f"add these models to fairfield/privacy/inventory.py (or EXEMPT, with a reason): {missing}"


def test_the_check_notices_a_model_with_a_user_relation_left_out(monkeypatch):
    without_mutes = [entry for entry in INVENTORY if entry.model != "comments.Mute"]
    monkeypatch.setattr("fairfield.privacy.tests.test_inventory.INVENTORY", without_mutes)
    with pytest.raises(AssertionError, match=r"comments\.Mute"):
        test_every_model_with_personal_data_is_in_the_inventory()


def test_the_check_notices_a_personal_field_left_out(monkeypatch):
    without_subscribers = [entry for entry in INVENTORY if entry.model != "newsletter.Subscriber"]
    monkeypatch.setattr("fairfield.privacy.tests.test_inventory.INVENTORY", without_subscribers)
    with pytest.raises(AssertionError, match=r"newsletter\.Subscriber"):
        test_every_model_with_personal_data_is_in_the_inventory()


def test_the_inventory_names_real_models_once_each():
    labels = [entry.model for entry in INVENTORY]
    assert len(labels) == len(set(labels))
    assert len({entry.name for entry in INVENTORY}) == len(INVENTORY)
    for label in [*labels, *EXEMPT]:
        apps.get_model(label)
    assert not set(labels) & set(EXEMPT)


@pytest.mark.django_db
def test_every_export_runs_for_a_member_with_nothing(member):
    for entry in INVENTORY:
        assert isinstance(entry.export(member), list), entry.model
