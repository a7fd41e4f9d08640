"""The editorial calendar: articles by week and where articles in review wait."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from wagtail.models import Workflow

from fairfield.publishing.calendar import calendar_weeks, week_monday, week_parse
from fairfield.publishing.models import ArticlePage
from fairfield.publishing.tests.factories import article_publish, section_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def section():
    return section_create()


def _this_monday():
    return week_monday(timezone.localdate())


def test_a_week_is_read_from_its_iso_name_and_anything_else_means_this_week():
    today = date(2026, 12, 5)
    assert week_parse("2026-W49", today=today) == date(2026, 11, 30)
    assert week_parse("2027-w01", today=today) == date(2027, 1, 4)
    for odd in (None, "", "next week", "2026-W99", "2026-W", "\u0662\u0660\u0662\u0666-W49x", "9" * 400):
        assert week_parse(odd, today=today) == date(2026, 11, 30)


def test_published_scheduled_and_draft_articles_land_in_their_weeks(section):
    published = article_publish(section, title="Out already")
    draft = article_publish(section, title="Still writing", publish=False)
    scheduled = article_publish(
        section, title="Next week's piece", publish=False, go_live_at=timezone.now() + timedelta(days=8)
    )
    scheduled.latest_revision.publish()

    weeks = calendar_weeks(first_monday=_this_monday())

    assert [entry.article.pk for entry in weeks[0].published] == [published.pk]
    assert [entry.article.pk for entry in weeks[0].drafts] == [draft.pk]
    week_of_scheduled = (timezone.localtime(timezone.now() + timedelta(days=8)).date() - _this_monday()).days // 7
    assert [entry.article.pk for entry in weeks[week_of_scheduled].scheduled] == [scheduled.pk]
    assert all(scheduled.pk not in [entry.article.pk for entry in week.drafts] for week in weeks)


def test_weeks_outside_the_range_show_nothing(section):
    article_publish(section, title="Out already")
    weeks = calendar_weeks(first_monday=_this_monday() + timedelta(weeks=10))
    assert all(week.is_empty for week in weeks)


def test_the_calendar_takes_the_same_queries_for_three_articles_or_thirty(
    client, editor, section, django_assert_max_num_queries
):
    client.force_login(editor)
    for number in range(3):
        article_publish(section, title=f"Piece {number}", publish=number % 2 == 0)
    client.get("/admin/calendar/")
    with django_assert_max_num_queries(30) as few:
        client.get("/admin/calendar/")
    for number in range(27):
        article_publish(section, title=f"More {number}", publish=number % 2 == 0)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/admin/calendar/")
    assert response.status_code == 200
    assert "More 26" in response.content.decode()


def test_an_editor_sees_the_calendar_with_links_to_edit_each_article(client, editor, section):
    draft = article_publish(section, title="Still <writing>", publish=False)
    client.force_login(editor)

    page = client.get("/admin/calendar/").content.decode()

    assert f"/admin/pages/{draft.pk}/edit/" in page
    assert "Still &lt;writing&gt;" in page
    assert "Editorial calendar" in client.get("/admin/").content.decode()


def test_an_article_in_review_is_listed_at_the_step_it_waits_at(client, editor, contributor, section):
    article = article_publish(section, title="Waiting for survivors", publish=False)
    workflow = article.get_workflow() or Workflow.objects.filter(active=True).first()
    assert workflow is not None, "the migrations give articles a review workflow"
    workflow.start(article, contributor)
    article.refresh_from_db()
    first_step = article.current_workflow_task.name
    client.force_login(editor)

    page = client.get("/admin/calendar/").content.decode()

    assert "Articles waiting at each review step" in page
    assert first_step in page
    assert "Waiting for survivors" in page.split("Articles waiting at each review step")[1]
    assert "Dr Lark" in page


@pytest.mark.parametrize("persona", ["member", "contributor", "survivor_reviewer", "moderator"])
def test_nobody_but_editors_and_admins_sees_the_calendar(client, request, persona, section):
    article_publish(section, title="A secret draft", publish=False)
    client.force_login(request.getfixturevalue(persona))

    response = client.get("/admin/calendar/")

    assert response.status_code in (302, 403)
    assert "A secret draft" not in response.content.decode()
    assert "Editorial calendar" not in client.get("/admin/").content.decode()


def test_an_admin_sees_the_calendar(client, admin_user):
    client.force_login(admin_user)
    assert client.get("/admin/calendar/?week=2026-W49").status_code == 200


def test_a_reader_is_sent_to_log_in(client):
    response = client.get("/admin/calendar/")
    assert response.status_code == 302
    assert ArticlePage.objects.count() == 0
