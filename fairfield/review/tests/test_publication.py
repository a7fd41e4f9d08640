"""What readers see of a survivor first read: on the article, the listing, the feed, search and the author page."""

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from fairfield.publishing.tests.factories import article_publish
from fairfield.review import services
from fairfield.review.tests.factories import (
    contributor_make_ready,
    draft_create,
    draft_submit,
    review_write,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(section, contributor, survivor_reviewer, other_reviewer, editor):
    contributor_make_ready(contributor)
    article = draft_submit(
        draft_create(section, owner=contributor, title="Why I stopped using the word"), user=contributor
    )
    signed = review_write(survivor_reviewer, article, body="Heron heard this piece.", verdict="listens")
    anonymous = review_write(
        other_reviewer, article, attribution="anonymous", body="An unsigned answer about wards.", verdict="not_yet"
    )
    services.response_write(author=contributor, commentary=anonymous, body="I hear you, and I changed the ending.")
    services.commentary_update(
        reviewer=other_reviewer,
        commentary=anonymous,
        body=anonymous.body,
        private_note="A private word for the author.",
        attribution="anonymous",
        verdict="reservations",
        reasons="Better now.",
    )
    services.review_send_to_editors(author=contributor, article=article)
    WorkflowState.objects.for_instance(article).get(status="in_progress").current_task_state.specific.approve(
        user=editor
    )
    # A later statement must not change what this article shows.
    services.positionality_write(author=contributor, role="Now retired", power="-", gain="-", coercion="-")
    article.refresh_from_db()
    assert article.live
    return {"article": article, "signed": signed, "anonymous": anonymous}


def test_readers_see_the_label_assessments_commentaries_responses_statement_and_timeline(
    client, published, other_reviewer, django_assert_max_num_queries
):
    with django_assert_max_num_queries(26):
        html = client.get(published["article"].url).content.decode()
    assert "Survivor first read" in html
    assert "Heron heard this piece." in html
    assert "Commentary by Heron" in html
    assert "Commentary by Anonymous" in html
    assert other_reviewer.pseudonym not in html
    assert "Listens with reservations" in html and "Earlier assessments" in html
    assert "I hear you, and I changed the ending." in html
    assert "A private word for the author." not in html
    assert "I am a community psychiatric nurse." in html
    assert "Now retired" not in html
    for step in ("Submitted", "Read by a survivor reviewer", "Sent to the editors", "Published"):
        assert step in html


def test_an_editor_hid_commentary_shows_its_reason_to_readers(client, published, editor):
    assert "Heron heard this piece." in client.get(published["article"].url).content.decode()  # now cached
    services.commentary_hide(editor=editor, commentary=published["signed"], reason="It named a nurse.")
    html = client.get(published["article"].url).content.decode()
    assert "Commentary hidden by editors: It named a nurse." in html
    assert "Heron heard this piece." not in html


def test_a_later_response_reaches_readers_of_the_cached_page(client, published, contributor):
    assert "Thank you, Heron." not in client.get(published["article"].url).content.decode()
    services.response_write(author=contributor, commentary=published["signed"], body="Thank you, Heron.")

    assert "Thank you, Heron." in client.get(published["article"].url).content.decode()


def test_plain_articles_carry_no_label(client, section):
    article = article_publish(section, title="Plain")
    assert "Survivor first read" not in client.get(article.url).content.decode()


def test_the_listing_shows_reviewed_articles_with_their_assessments(
    client, published, section, django_assert_max_num_queries
):
    article_publish(section, title="Not reviewed")
    with django_assert_max_num_queries(8):
        html = client.get(reverse("review:reviewed")).content.decode()
    assert "Why I stopped using the word" in html
    assert "Not reviewed" not in html
    assert "Listens to survivors" in html and "Listens with reservations" in html


def test_the_feed_entry_carries_the_commentaries(client, published, other_reviewer):
    xml = client.get("/feeds/rss/").content.decode()
    assert "Heron heard this piece." in xml
    assert "An unsigned answer about wards." in xml
    assert other_reviewer.pseudonym not in xml


def test_search_finds_words_from_a_commentary(client, published):
    html = client.get("/search/", {"q": "unsigned"}).content.decode()
    assert "Why I stopped using the word" in html


def test_the_author_page_shows_the_reading_list_and_statement(client, published, contributor):
    from fairfield.publishing.models import Contributor

    slug = Contributor.objects.get(account=contributor).slug
    html = client.get(reverse("publishing:contributor", args=[slug])).content.decode()
    assert "Has worked through the survivor reading list" in html
    assert "Now retired" in html
    assert "Their reflection" not in html  # private unless published


def test_contributors_do_not_see_each_others_drafts_in_the_admin(client, section, contributor, other_contributor):
    draft = draft_create(section, owner=contributor, title="Private draft")
    client.force_login(other_contributor)
    listing = client.get(f"/admin/pages/{section.pk}/").content.decode()
    assert "Private draft" not in listing
    assert client.get(f"/admin/pages/{draft.pk}/edit/").status_code in {302, 403}
    client.force_login(contributor)
    assert "Private draft" in client.get(f"/admin/pages/{section.pk}/").content.decode()
    assert client.get(f"/admin/pages/{draft.pk}/edit/").status_code == 200


def test_contributors_cannot_publish(client, section, contributor):
    draft = draft_create(section, owner=contributor, title="Eager")
    assert not draft.permissions_for_user(contributor).can_publish()
