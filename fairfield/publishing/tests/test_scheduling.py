"""Scheduled publishing: an article approved for later goes live when Wagtail's scheduler runs."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from fairfield.publishing import selectors
from fairfield.publishing.models import ArticlePage, Byline
from fairfield.publishing.tests.factories import ContributorFactory, article_publish, section_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def section():
    return section_create()


def _run_scheduler_after(revision, *, moved_by=timedelta(hours=2)):
    """Move the clock forward, by moving the scheduled time (approved and in the revision) into the past,
    then run the scheduler as cron would."""
    past = timezone.now() - moved_by
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])
    ArticlePage.objects.filter(pk=revision.object_id).update(go_live_at=past)
    call_command("publish_scheduled")


def test_an_article_scheduled_by_an_editor_goes_live_when_the_scheduler_runs(client, editor, section):
    credit = ContributorFactory(display_name="Rowan Ash", is_survivor=True)
    client.force_login(editor)
    go_live = timezone.localtime(timezone.now() + timedelta(days=1))

    response = client.post(
        f"/admin/pages/add/publishing/articlepage/{section.pk}/",
        nested_form_data(
            {
                "title": "A piece for tomorrow",
                "slug": "tomorrow",
                "standfirst": "Written today, read tomorrow.",
                "article_contributors": inline_formset([{"contributor": credit.pk, "byline": Byline.NAME}], min=1),
                "content_note_other": "",
                "body": streamfield([("paragraph", rich_text("<p>Not yet.</p>"))]),
                "tags": "",
                "related_links": inline_formset([]),
                "comments": inline_formset([]),
                "go_live_at": go_live.strftime("%Y-%m-%d %H:%M"),
                "action-publish": "action-publish",
            }
        ),
    )

    assert response.status_code == 302, response.context["form"].errors if response.context else response
    article = ArticlePage.objects.get(slug="tomorrow")
    revision = article.latest_revision
    assert not article.live
    assert revision.approved_go_live_at is not None
    client.logout()
    assert client.get("/stories/tomorrow/").status_code == 404
    assert "A piece for tomorrow" not in client.get("/stories/").content.decode()

    _run_scheduler_after(revision)

    article.refresh_from_db()
    assert article.live
    assert list(selectors.articles_in_section(section)) == [article]
    assert list(selectors.articles_by_survivors()) == [article]
    assert client.get("/stories/tomorrow/").status_code == 200
    assert "A piece for tomorrow" in client.get("/").content.decode()


def test_a_revision_scheduled_for_the_future_waits_until_its_time(section):
    article = article_publish(section, publish=False, go_live_at=timezone.now() + timedelta(days=3))
    revision = article.latest_revision
    revision.publish()
    revision.refresh_from_db()
    assert revision.approved_go_live_at is not None

    call_command("publish_scheduled")

    article.refresh_from_db()
    assert not article.live
    assert list(selectors.articles_published()) == []

    _run_scheduler_after(revision)

    article.refresh_from_db()
    assert article.live
    assert list(selectors.articles_published()) == [article]
    assert Page.objects.get(pk=article.pk).live
