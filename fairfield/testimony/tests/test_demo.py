import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from fairfield.testimony import selectors
from fairfield.testimony.models import ConsentLevel, Status, Testimony

pytestmark = pytest.mark.django_db


def test_the_demo_has_testimonies_at_every_consent_level_and_only_public_ones_show(client):
    call_command("load_demo", "--comments", "3", stdout=io.StringIO())
    assert set(Testimony.objects.values_list("consent", flat=True)) == set(ConsentLevel.values)
    assert Testimony.objects.filter(status=Status.SUBMITTED).exists()
    public = list(selectors.testimonies_public())
    assert {testimony.title for testimony in public} == {"Eleven hours on a plastic chair", "The quiet room"}
    archive = client.get(reverse("testimony:archive")).content.decode()
    assert "The quiet room" in archive and "Depot day" not in archive and "After school" not in archive
    quiet = client.get(reverse("testimony:detail", args=[public[0].public_id])).content.decode()
    assert "Nurse Petra" not in quiet
