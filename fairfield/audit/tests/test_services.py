import pytest
from django.utils.translation import gettext_lazy as _

from fairfield.audit.actions import AuditAction, action_label, all_actions
from fairfield.audit.models import AuditEntry
from fairfield.audit.services import audit_entries_for, audit_record


class ExampleAction(AuditAction):
    THING_DONE = "example.thing.done", _("thing done")


def test_an_apps_actions_are_found_by_the_report():
    assert ExampleAction.THING_DONE in all_actions()
    assert action_label("example.thing.done") == "thing done"


@pytest.mark.django_db
def test_an_action_is_recorded_with_its_app_actor_and_object(moderator, member):
    entry = audit_record(action=ExampleAction.THING_DONE, actor=moderator, obj=member, reason="because")

    assert entry.app == "example"
    assert entry.actor_name == "Kestrel"
    assert list(audit_entries_for(member)) == [entry]


@pytest.mark.django_db
def test_a_free_string_is_not_an_action():
    with pytest.raises(TypeError):
        audit_record(action="example.thing.done", summary="x")
    assert not AuditEntry.objects.exists()


@pytest.mark.django_db
def test_the_site_itself_can_act(member):
    assert audit_record(action=ExampleAction.THING_DONE, obj=member).actor_name == "the site"
