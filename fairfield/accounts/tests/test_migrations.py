import importlib

import pytest
from django.apps import apps

from fairfield.accounts.models import User
from fairfield.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

recompute_keys = importlib.import_module("fairfield.accounts.migrations.0003_recompute_pseudonym_keys").recompute_keys


def test_stale_pseudonym_keys_are_recomputed():
    lark = UserFactory(pseudonym="Dr Lark")
    User.objects.filter(pk=lark.pk).update(pseudonym_key="dr lark")
    recompute_keys(apps, None)
    lark.refresh_from_db()
    assert lark.pseudonym_key == "drlark"


def test_members_whose_new_keys_would_clash_keep_their_old_ones():
    first = UserFactory(pseudonym="Dr Lark")
    User.objects.filter(pk=first.pk).update(pseudonym_key="dr lark")
    second = UserFactory(pseudonym="Dr. Lark")
    User.objects.filter(pk=second.pk).update(pseudonym_key="dr. lark")
    recompute_keys(apps, None)
    assert set(User.objects.filter(pk__in=[first.pk, second.pk]).values_list("pseudonym_key", flat=True)) == {
        "drlark",
        "dr. lark",
    }
