import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from fairfield.audit.models import AuditEntry
from fairfield.lib.errors import Conflict, NotAllowed, Refusal
from fairfield.testimony import selectors, services
from fairfield.testimony.models import (
    NARRATIVE_MAX_CHARS,
    ConsentLevel,
    FigureCell,
    Status,
    Testimony,
)
from fairfield.testimony.tests.factories import published, submitted, told

pytestmark = pytest.mark.django_db

SECRET_NAME = "Bartholomew Quince-Okonkwo"


def cell(dimension, value):
    return FigureCell.objects.filter(dimension=dimension, value=value).values_list("count", flat=True).first() or 0


def test_an_anonymous_draft_gets_a_code_that_is_stored_only_as_a_digest():
    testimony, code = services.testimony_start()
    assert len(code) == 19
    assert code not in testimony.resume_code_digest
    assert services.testimony_by_code(code=code.lower(), client_key="x") == testimony


def test_an_account_holders_draft_has_no_code(member):
    testimony, code = services.testimony_start(writer=member)
    assert code == ""
    assert testimony.resume_code_digest is None


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_narrative_is_encrypted_and_no_plaintext_reaches_the_database(tmp_path, moderator):
    testimony = published(moderator, narrative=f"{SECRET_NAME} held me down.", redacted="[name removed] held me down.")
    raw = Testimony.objects.filter(pk=testimony.pk).values_list("narrative", "redacted", "public_text").get()
    assert SECRET_NAME not in raw[0] and SECRET_NAME not in raw[1]
    assert services.testimony_narrative(testimony) == f"{SECRET_NAME} held me down."
    if connection.vendor == "sqlite":
        copy = tmp_path / "copy.sqlite3"
        with connection.cursor() as cursor:
            cursor.execute("VACUUM INTO %s", [str(copy)])
        assert SECRET_NAME.encode() not in copy.read_bytes()
        assert b"held me down" in copy.read_bytes()  # the redacted public copy is plain, as it should be


def test_a_narrative_too_long_is_refused_and_nothing_is_saved():
    testimony = told(narrative="short")
    with pytest.raises(Refusal) as refused:
        services.testimony_save_draft(testimony=testimony, data={"narrative": "x" * (NARRATIVE_MAX_CHARS + 1)})
    assert refused.value.field == "narrative"
    assert services.testimony_narrative(Testimony.objects.get(pk=testimony.pk)) == "short"


def test_unknown_choices_are_refused():
    testimony = told()
    with pytest.raises(Refusal):
        services.testimony_save_draft(testimony=testimony, data={"settings": ["inpatient", "moon"]})
    with pytest.raises(Refusal):
        services.testimony_save_draft(testimony=testimony, data={"region": "atlantis"})


def test_an_empty_narrative_cannot_be_submitted():
    testimony = told(narrative="   ")
    with pytest.raises(Refusal):
        services.testimony_submit(testimony=testimony)
    assert Testimony.objects.get(pk=testimony.pk).status == Status.DRAFT


def test_a_pseudonym_is_needed_to_publish_under_one():
    testimony = told(consent=ConsentLevel.PUBLIC_PSEUDONYM)
    with pytest.raises(Refusal):
        services.testimony_submit(testimony=testimony)


def test_publishing_a_public_testimony_shows_the_redacted_copy_only(moderator):
    testimony = published(moderator, narrative=f"{SECRET_NAME} did it.", redacted="[name] did it.")
    assert testimony.public_text == "[name] did it."
    assert list(selectors.testimonies_public()) == [testimony]
    assert AuditEntry.objects.filter(action="testimony.testimony.published").count() == 1


@pytest.mark.parametrize("consent", [ConsentLevel.RESEARCH, ConsentLevel.RECORD])
def test_research_and_record_testimonies_are_never_public(moderator, consent, member):
    testimony = published(moderator, consent=consent)
    assert testimony.public_text == ""
    assert not selectors.testimonies_public().exists()
    assert testimony not in selectors.testimonies_visible_to(member)
    assert testimony in selectors.testimonies_visible_to(moderator)


def test_a_closure_date_keeps_a_public_testimony_sealed_until_then(moderator):
    testimony = submitted()
    Testimony.objects.filter(pk=testimony.pk).update(closure_date=timezone.localdate() + dt.timedelta(days=3))
    testimony.refresh_from_db()
    services.testimony_publish(testimony=testimony, moderator=moderator, redacted_text="words")
    assert not selectors.testimonies_public().exists()
    Testimony.objects.filter(pk=testimony.pk).update(closure_date=timezone.localdate())
    assert selectors.testimonies_public().exists()


def test_only_moderators_publish_and_never_their_own(member, moderator):
    testimony = submitted()
    with pytest.raises(NotAllowed):
        services.testimony_publish(testimony=testimony, moderator=member, redacted_text="x")
    own = submitted(writer=moderator)
    with pytest.raises(NotAllowed):
        services.testimony_publish(testimony=own, moderator=moderator, redacted_text="x")


def test_withdrawal_deletes_the_words_and_the_figures_forget_it(moderator, member):
    testimony = published(
        moderator, writer=member, title="Mine", settings=["inpatient"], period="1990s", region="europe"
    )
    assert cell("total", "all") == 1 and cell("setting", "inpatient") == 1
    assert services.testimony_withdraw(testimony=testimony, actor=member) is True
    testimony.refresh_from_db()
    assert testimony.status == Status.WITHDRAWN
    assert (testimony.narrative, testimony.redacted, testimony.public_text, testimony.title) == ("", "", "", "")
    assert testimony.settings == [] and testimony.writer is None
    assert cell("total", "all") == 0 and cell("setting", "inpatient") == 0 and cell("period", "1990s") == 0
    assert not selectors.testimonies_public().exists()
    assert testimony not in selectors.testimonies_visible_to(moderator)
    assert selectors.withdrawn_count() == 1


def test_withdrawing_twice_is_harmless(moderator):
    testimony = published(moderator)
    assert services.testimony_withdraw(testimony=testimony) is True
    assert services.testimony_withdraw(testimony=testimony) is False
    assert AuditEntry.objects.filter(action="testimony.testimony.withdrawn").count() == 1


def test_a_withdrawn_testimony_cannot_be_published_or_resumed_into(moderator):
    testimony = submitted()
    services.testimony_withdraw(testimony=testimony)
    with pytest.raises(Conflict):
        services.testimony_publish(testimony=testimony, moderator=moderator, redacted_text="x")
    with pytest.raises(Conflict):
        services.testimony_save_draft(testimony=testimony, data={"narrative": "again"})


def test_the_database_refuses_a_withdrawn_row_that_keeps_words():
    testimony = told()
    with pytest.raises(IntegrityError), transaction.atomic():
        Testimony.objects.filter(pk=testimony.pk).update(status=Status.WITHDRAWN, withdrawn_at=timezone.now())


def test_the_database_refuses_public_text_on_a_sealed_testimony():
    testimony = told(consent=ConsentLevel.RECORD)
    with pytest.raises(IntegrityError), transaction.atomic():
        Testimony.objects.filter(pk=testimony.pk).update(
            status=Status.PUBLISHED, published_at=timezone.now(), public_text="leak"
        )


def test_a_stricter_consent_takes_a_published_testimony_off_the_public_pages_at_once(moderator):
    testimony = published(moderator)
    services.testimony_change_consent(testimony=testimony, consent=ConsentLevel.RESEARCH)
    testimony.refresh_from_db()
    assert testimony.public_text == "" and testimony.status == Status.PUBLISHED
    assert not selectors.testimonies_public().exists()
    assert cell("total", "all") == 1  # still counted: research consent allows it


def test_record_only_is_counted_only_if_the_writer_says_so(moderator):
    testimony = published(moderator, consent=ConsentLevel.RECORD)
    assert cell("total", "all") == 0
    services.testimony_change_consent(testimony=testimony, consent=ConsentLevel.RECORD, count_in_figures=True)
    assert cell("total", "all") == 1


def test_a_more_open_consent_goes_back_to_a_moderator_first(moderator):
    testimony = published(moderator, consent=ConsentLevel.RESEARCH)
    services.testimony_change_consent(testimony=testimony, consent=ConsentLevel.PUBLIC_ANONYMOUS)
    testimony.refresh_from_db()
    assert testimony.status == Status.SUBMITTED
    assert not selectors.testimonies_public().exists()
    assert cell("total", "all") == 0


def test_a_consent_change_before_publication_is_honoured_by_the_publication(moderator):
    """The race, serialised: whichever commits first, the publication reads the consent under the lock."""
    testimony = submitted()
    stale = Testimony.objects.get(pk=testimony.pk)
    services.testimony_change_consent(testimony=testimony, consent=ConsentLevel.RECORD)
    services.testimony_publish(testimony=stale, moderator=moderator, redacted_text="words")
    assert not selectors.testimonies_public().exists()
    assert Testimony.objects.get(pk=testimony.pk).public_text == ""


def test_guessed_codes_are_limited_and_all_wrong_codes_look_alike():
    for _ in range(services.RESUME_ATTEMPTS):
        with pytest.raises(Refusal) as refused:
            services.testimony_by_code(code="AAAA-BBBB-CCCC-DDDD", client_key="guesser")
        assert refused.value.status == 404
    testimony = told()
    with pytest.raises(Refusal) as refused:
        services.testimony_by_code(code=testimony.resume_code, client_key="guesser")
    assert refused.value.status == 429
    assert services.testimony_by_code(code=testimony.resume_code, client_key="someone-else") == testimony


def test_an_expired_draft_cannot_be_resumed_and_is_deleted():
    testimony = told()
    Testimony.objects.filter(pk=testimony.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    with pytest.raises(Refusal):
        services.testimony_by_code(code=testimony.resume_code, client_key="x")
    assert services.drafts_expire() == 1


def test_keys_rotate_re_encrypts_under_the_newest_key(settings, moderator):
    from cryptography.fernet import Fernet

    old = Fernet.generate_key().decode()
    settings.TESTIMONY_KEYS = [old]
    testimony = published(moderator, narrative="the words")
    new = Fernet.generate_key().decode()
    settings.TESTIMONY_KEYS = [new, old]
    assert services.keys_rotate() == 1
    settings.TESTIMONY_KEYS = [new]
    assert services.testimony_narrative(Testimony.objects.get(pk=testimony.pk)) == "the words"


def test_figures_rebuild_matches_the_incremental_counts(moderator):
    for _ in range(3):
        published(moderator, settings=["inpatient", "police_court"], period="2010s")
    published(moderator, consent=ConsentLevel.RECORD, settings=["prison"])
    before = sorted(FigureCell.objects.filter(count__gt=0).values_list("dimension", "value", "count"))
    services.figures_rebuild()
    after = sorted(FigureCell.objects.values_list("dimension", "value", "count"))
    assert before == after
