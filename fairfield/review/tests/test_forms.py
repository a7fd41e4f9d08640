"""Every review form refuses empty, blank, null-carrying, unreadable and huge input with a 400, keeps what was typed,
and leaves nothing half-saved."""

import pytest
from django.urls import reverse

from fairfield.review.models import (
    AuthorResponse,
    ConflictDeclaration,
    PositionalityStatement,
    ReadingReflection,
    SurvivorCommentary,
)
from fairfield.review.tests.factories import contributor_make_ready, draft_create, draft_submit, review_write

pytestmark = pytest.mark.django_db

BAD = ["", "   \n\t ", "text\x00with a null", "broken \ufffd text", "x" * 1_000_000]


@pytest.fixture
def draft(section, contributor):
    contributor_make_ready(contributor)
    return draft_submit(draft_create(section, owner=contributor), user=contributor)


@pytest.mark.parametrize("bad", BAD)
def test_the_positionality_form(client, contributor, bad):
    client.force_login(contributor)
    data = {"role": bad, "power": "p", "gain": "g", "coercion": "c"}
    response = client.post(reverse("review:positionality"), data)
    assert response.status_code == 400
    assert not PositionalityStatement.objects.exists()
    if bad.strip() and len(bad) < 1000 and "\x00" not in bad:
        assert bad in response.content.decode()


@pytest.mark.parametrize("bad", BAD)
def test_the_reflection_form(client, contributor, bad):
    client.force_login(contributor)
    assert client.post(reverse("review:reading_progress"), {"reflection": bad}).status_code == 400
    assert not ReadingReflection.objects.exists()


@pytest.mark.parametrize("bad", [*BAD, "Nobody-by-that-name"])
def test_the_conflict_form(client, survivor_reviewer, bad):
    client.force_login(survivor_reviewer)
    assert client.post(reverse("review:conflicts"), {"pseudonym": bad}).status_code == 400
    assert not ConflictDeclaration.objects.exists()


def test_a_reviewer_cannot_declare_a_conflict_with_themselves(client, survivor_reviewer):
    client.force_login(survivor_reviewer)
    assert client.post(reverse("review:conflicts"), {"pseudonym": "Heron"}).status_code == 400


@pytest.mark.parametrize("bad", BAD)
def test_the_response_form(client, draft, contributor, survivor_reviewer, bad):
    commentary = review_write(survivor_reviewer, draft)
    client.force_login(contributor)
    assert client.post(reverse("review:respond", args=[commentary.pk]), {"body": bad}).status_code == 400
    assert not AuthorResponse.objects.exists()


@pytest.mark.parametrize("bad", BAD)
def test_the_hide_form(client, draft, editor, survivor_reviewer, bad):
    commentary = review_write(survivor_reviewer, draft)
    client.force_login(editor)
    assert client.post(reverse("review:commentary_hide", args=[commentary.pk]), {"reason": bad}).status_code == 400
    assert SurvivorCommentary.objects.get().hidden_at is None


@pytest.mark.parametrize("field", ["body", "reasons"])
@pytest.mark.parametrize("bad", BAD)
def test_the_commentary_form(client, draft, survivor_reviewer, field, bad):
    from fairfield.review import services

    services.claim_take(reviewer=survivor_reviewer, article=draft)
    client.force_login(survivor_reviewer)
    data = {
        "body": "b",
        "private_note": "",
        "verdict": "listens",
        "reasons": "r",
        "attribution": "reviewer",
        field: bad,
    }
    assert client.post(reverse("review:commentary", args=[draft.pk]), data).status_code == 400
    assert not SurvivorCommentary.objects.exists()


def test_pages_cost_a_fixed_number_of_queries(
    client, draft, survivor_reviewer, other_reviewer, editor, django_assert_max_num_queries
):
    from fairfield.review.tests.factories import reading_item_create

    for number in range(6):
        reading_item_create(proposer=survivor_reviewer, endorsers=[other_reviewer], title=f"Item {number}")
    client.force_login(survivor_reviewer)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("review:reading_list")).status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get(reverse("review:dashboard")).status_code == 200
    client.force_login(editor)
    with django_assert_max_num_queries(30):
        assert client.get(reverse("review:article", args=[draft.pk])).status_code == 200
