import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from fairfield.audit.models import AuditEntry
from fairfield.lib.errors import NotAllowed, Refusal
from fairfield.testimony import services
from fairfield.testimony.models import ConsentLevel, ResearcherAccess
from fairfield.testimony.tests.factories import published, submitted

pytestmark = pytest.mark.django_db


def approved(researcher, admin_user):
    access = services.researcher_apply(user=researcher, purpose="How restraint is remembered.")
    return services.researcher_decide(
        access=access, admin=admin_user, approve=True, ends_on=timezone.localdate() + dt.timedelta(days=90)
    )


def rows(text):
    return list(csv.DictReader(io.StringIO(text)))


def test_an_approved_researcher_exports_research_consented_redacted_records_only(member, moderator, admin_user):
    published(
        moderator,
        consent=ConsentLevel.RESEARCH,
        narrative="Dr Name was there.",
        redacted="[name] was there.",
        settings=["inpatient"],
    )
    published(moderator, consent=ConsentLevel.PUBLIC_PSEUDONYM, pseudonym="Hollis", redacted="Public words.")
    published(moderator, consent=ConsentLevel.RECORD, count_in_figures=True, redacted="Sealed words.")
    submitted(consent=ConsentLevel.RESEARCH, narrative="Not yet accepted.")
    withdrawn = published(moderator, consent=ConsentLevel.RESEARCH, redacted="Taken back.")
    services.testimony_withdraw(testimony=withdrawn)
    approved(member, admin_user)
    exported = services.research_export(user=member)
    texts = {row["text"] for row in rows(exported)}
    assert texts == {"[name] was there.", "Public words."}
    assert "Dr Name" not in exported and "Hollis" not in exported and "Sealed" not in exported
    assert AuditEntry.objects.filter(action="testimony.research.exported", actor=member).count() == 1


def test_nobody_else_exports(member, other_member, admin_user, moderator):
    for user in (member, moderator):
        with pytest.raises(NotAllowed):
            services.research_export(user=user)
    access = approved(other_member, admin_user)
    ResearcherAccess.objects.filter(pk=access.pk).update(ends_on=timezone.localdate() - dt.timedelta(days=1))
    with pytest.raises(NotAllowed):
        services.research_export(user=other_member)


def test_only_admins_approve_and_an_end_date_is_needed(member, moderator, admin_user):
    access = services.researcher_apply(user=member, purpose="A study.")
    with pytest.raises(NotAllowed):
        services.researcher_decide(access=access, admin=moderator, approve=True, ends_on=timezone.localdate())
    with pytest.raises(Refusal):
        services.researcher_decide(access=access, admin=admin_user, approve=True, ends_on=None)


def test_a_formula_in_a_record_is_not_run_by_a_spreadsheet(member, moderator, admin_user):
    published(moderator, consent=ConsentLevel.RESEARCH, redacted='=HYPERLINK("http://x")')
    approved(member, admin_user)
    assert rows(services.research_export(user=member))[0]["text"].startswith("'=")


def test_the_export_page_answers_researchers_and_refuses_others(client, member, other_member, admin_user):
    approved(member, admin_user)
    client.force_login(other_member)
    assert client.get(reverse("testimony:research_export")).status_code == 403
    client.force_login(member)
    response = client.get(reverse("testimony:research_export"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    client.logout()
    assert client.get(reverse("testimony:research_export")).status_code == 302


def test_an_admin_approves_in_the_admin(client, member, admin_user, moderator):
    access = services.researcher_apply(user=member, purpose="A study.")
    client.force_login(moderator)
    assert client.get(reverse("testimony_admin_researchers")).status_code in (302, 403)
    client.force_login(admin_user)
    assert client.get(reverse("testimony_admin_researchers")).status_code == 200
    ends = timezone.localdate() + dt.timedelta(days=30)
    client.post(
        reverse("testimony_admin_researchers"),
        {
            "application": access.pk,
            f"a{access.pk}-purpose": "A study, agreed.",
            f"a{access.pk}-ends_on": ends,
            "decision": "approve",
        },
    )
    access.refresh_from_db()
    assert (access.state, access.ends_on, access.purpose) == ("approved", ends, "A study, agreed.")
