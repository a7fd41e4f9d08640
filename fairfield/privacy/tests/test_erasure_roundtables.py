"""A member who sat at a round table, facilitated one, asked a question and wrote testimonies deletes their account:
nothing blocks it, and afterwards no table holds their pseudonym or address."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from fairfield.privacy.services import account_erase
from fairfield.privacy.tests.dump import database_mentions
from fairfield.publishing.tests.factories import article_publish, section_create
from fairfield.review.models import FirstReadOverride
from fairfield.roundtables.models import (
    FramingNote,
    ObserverQuestion,
    QuestionStatus,
    RoundTable,
    Seat,
    Statement,
    Turn,
    TurnStatus,
)
from fairfield.roundtables.tests.factories import make_table
from fairfield.testimony.models import ConsentLevel, ResearcherAccess, Status, Testimony
from fairfield.testimony.tests.factories import published, told

pytestmark = pytest.mark.django_db

SPOKEN = "From where I sat, the crisis team decided before anyone asked me."


@pytest.fixture
def table_history(vesper, alder, moderator):
    table, seats = make_table(slug="crisis", start=True)
    seat = seats[0]
    Seat.objects.filter(pk=seat.pk).update(holder=vesper, display_name="Vesper Quill")
    Turn.objects.filter(seat=seat).update(status=TurnStatus.SPOKEN, body=SPOKEN, word_count=12)
    Statement.objects.create(
        table=table, round_number=2, proposed_by=seat, text="Crisis is named by the person.", created_at=timezone.now()
    )
    # An invitation to her address on a seat she never took.
    waiting, _ = make_table(slug="waiting")
    Seat.objects.filter(pk=waiting.seats.order_by("position").first().pk).update(
        holder=None,
        display_name="",
        accepted_at=None,
        consented_to_publication=False,
        invited_email="vesper.quill@example.org",
        invitation_sent_to="vesper.quill@example.org",
        invitation_token="a-token-for-vesper",
    )
    facilitated, _ = make_table(slug="kept", facilitator=vesper)
    note = FramingNote.objects.create(
        table=table,
        after_round=0,
        body="What would a good night look like?",
        credit="Vesper Quill",
        created_at=timezone.now(),
    )
    ObserverQuestion.objects.create(
        table=table,
        asker=vesper,
        body="What would a good night look like?",
        credit_asker=True,
        status=QuestionStatus.PUT,
        note=note,
        created_at=timezone.now(),
    )
    public = published(moderator, writer=vesper, consent=ConsentLevel.PUBLIC_PSEUDONYM, pseudonym="Vesper Quill")
    draft = told(writer=vesper, title="A draft by Vesper Quill")
    ResearcherAccess.objects.create(researcher=vesper, purpose="Vesper Quill studies night wards.")
    decided = ResearcherAccess.objects.create(researcher=alder, purpose="Alder's study", decided_by=vesper)
    article = article_publish(section_create(), title="The night ward")
    override = FirstReadOverride.objects.create(article=article, editor=vesper, reason="Vesper Quill: urgent.")
    return {
        "table": table,
        "seat": seat,
        "waiting": waiting,
        "facilitated": facilitated,
        "note": note,
        "public": public,
        "draft": draft,
        "decided": decided,
        "override": override,
    }


@pytest.mark.parametrize("keep_words", [False, True])
def test_erasure_leaves_no_trace_at_round_tables_or_in_testimony(
    vesper, table_history, keep_words, django_capture_on_commit_callbacks
):
    assert database_mentions("vesper", "quill")  # the search would find her before

    with django_capture_on_commit_callbacks(execute=True):
        account_erase(member=vesper, keep_words=keep_words)

    assert not get_user_model().objects.filter(pk=vesper.pk).exists()
    assert database_mentions("vesper", "quill") == []
    seat = Seat.objects.get(pk=table_history["seat"].pk)
    assert seat.holder_id is None
    assert seat.is_former
    assert "former participant" in str(seat.speaker_name)
    spoken = Turn.objects.filter(seat=seat, body=SPOKEN)
    assert spoken.exists() is keep_words
    assert Statement.objects.filter(proposed_by=seat).exists() is keep_words
    assert not Seat.objects.filter(table=table_history["waiting"], invitation_token="a-token-for-vesper").exists()
    assert RoundTable.objects.get(pk=table_history["facilitated"].pk).facilitator_id is None
    assert ObserverQuestion.objects.filter(table=table_history["table"]).exists() is keep_words
    public = Testimony.objects.get(pk=table_history["public"].pk)
    if keep_words:
        assert (public.status, public.consent, public.writer_id) == (
            Status.PUBLISHED,
            ConsentLevel.PUBLIC_ANONYMOUS,
            None,
        )
        assert public.public_text
    else:
        assert (public.status, public.public_text, public.narrative) == (Status.WITHDRAWN, "", "")
    assert Testimony.objects.get(pk=table_history["draft"].pk).status == Status.WITHDRAWN
    assert not ResearcherAccess.objects.filter(purpose__contains="night wards").exists()
    assert ResearcherAccess.objects.get(pk=table_history["decided"].pk).decided_by_id is None
    override = FirstReadOverride.objects.get(pk=table_history["override"].pk)
    assert override.editor_id is None
    assert override.reason.endswith("urgent.")
