"""Nothing that needs a survivor first read goes live without one, on any path, unless an editor overrides it in
writing; the reason is audited and shown on the article."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page, WorkflowState

from fairfield.accounts.tests.factories import UserFactory
from fairfield.audit.models import AuditEntry
from fairfield.publishing.models import ArticlePage, Contributor
from fairfield.review import selectors, services
from fairfield.review.models import FirstReadOverride
from fairfield.review.tests.factories import (
    admin_form_data,
    contributor_make_ready,
    draft_create,
    draft_submit,
    review_write,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_first_read(section, contributor):
    contributor_make_ready(contributor)
    return draft_submit(draft_create(section, owner=contributor, title="Notes from the crisis team"), user=contributor)


@pytest.fixture
def never_submitted(section, contributor):
    return draft_create(section, owner=contributor, title="A professional's unsent draft")


def _live(article) -> bool:
    return ArticlePage.objects.get(pk=article.pk).live


def _edit_form(article, **extra):
    contributor = Contributor.objects.get(account=article.owner)
    data = admin_form_data(title=article.title, slug=article.slug, contributor=contributor)
    credit = article.article_contributors.get()
    data.update(
        {
            "article_contributors-INITIAL_FORMS": "1",
            "article_contributors-0-id": str(credit.pk),
            "article_contributors-0-ORDER": "1",
        }
    )
    data.update(extra)
    return data


def test_a_revision_cannot_be_published_during_the_first_read(in_first_read, editor):
    with pytest.raises(services.FirstReadOutstanding):
        in_first_read.get_latest_revision().publish(user=editor)
    assert not _live(in_first_read)


def test_a_professionals_draft_never_sent_to_the_read_cannot_be_published(never_submitted, editor):
    with pytest.raises(services.FirstReadOutstanding):
        never_submitted.get_latest_revision().publish(user=editor)
    assert not _live(never_submitted)


def test_a_row_switched_to_live_by_hand_is_refused(in_first_read):
    page = ArticlePage.objects.get(pk=in_first_read.pk)
    page.live = True
    with pytest.raises(services.FirstReadOutstanding):
        page.save()
    assert not _live(in_first_read)


def test_the_publish_button_in_the_admin_saves_a_draft_and_says_why(client, never_submitted, editor):
    in_first_read = never_submitted  # a draft in the read is locked in the admin; this one is not
    client.force_login(editor)
    response = client.post(
        f"/admin/pages/{in_first_read.pk}/edit/",
        _edit_form(in_first_read, **{"action-publish": "Publish"}),
        follow=True,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "needs a survivor first read" in html
    assert f"/review/drafts/{in_first_read.pk}/publish-without-first-read/" in html
    assert not _live(in_first_read)


def test_a_new_article_published_straight_from_the_add_form_is_held_when_its_section_needs_the_read(
    client, section, editor
):
    section.needs_survivor_read = True
    section.save_revision().publish()
    byline = Contributor.objects.create(display_name="Osprey", slug="osprey")
    client.force_login(editor)
    data = admin_form_data(title="Straight out", slug="straight-out", contributor=byline)
    data["action-publish"] = "Publish"
    response = client.post(f"/admin/pages/add/publishing/articlepage/{section.pk}/", data, follow=True)
    assert "needs a survivor first read" in response.content.decode()
    assert not ArticlePage.objects.get(slug="straight-out").live


def test_scheduling_in_the_admin_is_held_back_too(client, never_submitted, editor):
    in_first_read = never_submitted
    client.force_login(editor)
    go_live = (timezone.now() + timedelta(days=2)).strftime("%Y-%m-%d %H:%M")
    client.post(
        f"/admin/pages/{in_first_read.pk}/edit/",
        _edit_form(in_first_read, go_live_at=go_live, **{"action-publish": "Publish"}),
    )
    assert not in_first_read.revisions.filter(approved_go_live_at__isnull=False).exists()


def test_scheduled_publishing_does_not_make_an_unread_article_live(never_submitted):
    never_submitted.get_latest_revision().__class__.objects.filter(pk=never_submitted.get_latest_revision().pk).update(
        approved_go_live_at=timezone.now() - timedelta(minutes=5)
    )
    with pytest.raises(services.FirstReadOutstanding):
        call_command("publish_scheduled")
    assert not _live(never_submitted)


def test_bulk_publish_is_refused_with_a_message(client, in_first_read, editor):
    client.force_login(editor)
    url = f"/admin/bulk/wagtailcore/page/publish/?id={in_first_read.pk}&next=/admin/pages/"
    response = client.post(url, {"include_descendants": ""}, follow=True)
    assert "needs a survivor first read" in response.content.decode()
    assert not _live(in_first_read)


def test_publish_this_version_from_the_history_is_held_back(client, never_submitted, editor):
    in_first_read = never_submitted
    revision = in_first_read.get_latest_revision()
    client.force_login(editor)
    response = client.post(
        f"/admin/pages/{in_first_read.pk}/revisions/{revision.pk}/revert/",
        _edit_form(in_first_read, **{"action-publish": "Publish", "revision": revision.pk}),
        follow=True,
    )
    assert not _live(in_first_read)
    assert "needs a survivor first read" in response.content.decode()


def test_cancelling_the_workflow_does_not_open_a_way_around_the_read(client, in_first_read, editor):
    WorkflowState.objects.for_instance(in_first_read).get(status="in_progress").cancel(user=editor)
    with pytest.raises(services.FirstReadOutstanding):
        in_first_read.get_latest_revision().publish(user=editor)


def test_a_superuser_is_refused_too_and_is_no_survivor_reviewer(in_first_read):
    root = UserFactory(pseudonym="Root", is_superuser=True, is_staff=True)
    assert not selectors.is_reviewer(root)
    assert selectors.is_editor(root)
    with pytest.raises(services.FirstReadOutstanding):
        in_first_read.get_latest_revision().publish(user=root)


def test_a_superuser_in_the_reviewers_group_is_a_reviewer(survivor_reviewer):
    survivor_reviewer.is_superuser = True
    survivor_reviewer.save()
    assert selectors.is_reviewer(survivor_reviewer)


def test_the_read_done_lets_the_editors_publish(in_first_read, contributor, survivor_reviewer, other_reviewer, editor):
    review_write(survivor_reviewer, in_first_read)
    review_write(other_reviewer, in_first_read)
    services.review_send_to_editors(author=contributor, article=in_first_read)
    WorkflowState.objects.for_instance(in_first_read).get(status="in_progress").current_task_state.specific.approve(
        user=editor
    )
    assert _live(in_first_read)
    # A correction later is not held back.
    Page.objects.get(pk=in_first_read.pk).specific.save_revision().publish(user=editor)


def test_a_survivors_article_on_the_plain_path_publishes_as_before(section, other_contributor, editor):
    article = draft_create(section, owner=other_contributor, professional=False, title="From the kitchen table")
    article.get_latest_revision().publish(user=editor)
    assert _live(article)


# The written override


def test_the_override_needs_a_reason_and_keeps_what_was_typed(client, in_first_read, editor):
    client.force_login(editor)
    url = f"/review/drafts/{in_first_read.pk}/publish-without-first-read/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": "   "})
    assert response.status_code == 400
    assert not _live(in_first_read)
    assert not FirstReadOverride.objects.exists()


@pytest.mark.parametrize("persona", ["contributor", "survivor_reviewer", "moderator", "member"])
def test_only_editors_override(client, in_first_read, persona, request):
    client.force_login(request.getfixturevalue(persona))
    url = f"/review/drafts/{in_first_read.pk}/publish-without-first-read/"
    assert client.get(url).status_code in {403, 404}
    assert client.post(url, {"reason": "Because I say so."}).status_code in {403, 404}
    assert not _live(in_first_read)


def test_an_override_with_a_reason_publishes_audits_and_shows_the_reason(client, in_first_read, editor):
    client.force_login(editor)
    url = f"/review/drafts/{in_first_read.pk}/publish-without-first-read/"
    reason = "No reviewer free for six weeks; the inquest <b>closes</b> on Friday."
    response = client.post(url, {"reason": reason})
    assert response.status_code == 302
    assert _live(in_first_read)
    entry = AuditEntry.objects.get(action="review.first_read.overridden")
    assert entry.reason == reason and entry.actor == editor and entry.object_id == str(in_first_read.pk)
    assert not WorkflowState.objects.for_instance(in_first_read).filter(status="in_progress").exists()
    client.logout()
    html = client.get(ArticlePage.objects.get(pk=in_first_read.pk).url).content.decode()
    assert "Published without a survivor first read: No reviewer free for six weeks" in html
    assert "&lt;b&gt;closes&lt;/b&gt;" in html


def test_an_override_covers_the_article_as_it_stood_not_a_later_submission(in_first_read, contributor, editor):
    services.first_read_override(editor=editor, article=in_first_read, reason="Urgent and time-bound.")
    article = ArticlePage.objects.get(pk=in_first_read.pk)
    draft_submit(article, user=contributor)
    with pytest.raises(services.FirstReadOutstanding):
        article.save_revision().publish(user=editor)
