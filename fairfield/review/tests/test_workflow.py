"""The survivor first read as a Wagtail task: who goes through it, and how it completes."""

import pytest
from wagtail.models import WorkflowState

from fairfield.publishing.models import ArticlePage
from fairfield.review import selectors, services
from fairfield.review.models import Assessment, ReviewEvent, SurvivorFirstReadTask
from fairfield.review.tests.factories import (
    admin_form_data,
    contributor_make_ready,
    draft_create,
    draft_submit,
    review_write,
)

pytestmark = pytest.mark.django_db


def _current_task(article):
    return WorkflowState.objects.for_instance(article).get(status="in_progress").current_task_state.task.specific


def test_the_workflow_puts_the_survivor_first_read_before_the_editors_approval(section):
    tasks = [task.specific for task in section.get_workflow().tasks]
    assert [type(task).__name__ for task in tasks] == ["SurvivorFirstReadTask", "GroupApprovalTask"]
    assert [group.name for group in tasks[-1].groups.all()] == ["Editors"]


def test_a_professionals_draft_waits_for_survivor_reviewers(section, contributor):
    contributor_make_ready(contributor)
    article = draft_submit(draft_create(section, owner=contributor), user=contributor)
    assert isinstance(_current_task(article), SurvivorFirstReadTask)
    assert article in selectors.articles_in_first_read()


def test_a_survivors_draft_passes_straight_to_the_editors(section, other_contributor):
    contributor_make_ready(other_contributor)
    other_contributor.relationships = ["survivor"]
    article = draft_submit(draft_create(section, owner=other_contributor, professional=False), user=other_contributor)
    assert type(_current_task(article)).__name__ == "GroupApprovalTask"
    assert article not in selectors.articles_in_first_read()


def test_an_editors_mark_on_the_section_sends_a_survivors_draft_to_the_first_read(section, other_contributor):
    section.needs_survivor_read = True
    section.save_revision().publish()
    article = draft_submit(draft_create(section, owner=other_contributor, professional=False), user=other_contributor)
    assert isinstance(_current_task(article), SurvivorFirstReadTask)


def test_an_editors_mark_on_the_article_sends_it_to_the_first_read(section, other_contributor):
    article = draft_create(section, owner=other_contributor, professional=False, needs_survivor_read=True)
    draft_submit(article, user=other_contributor)
    assert isinstance(_current_task(article), SurvivorFirstReadTask)


def test_two_reviews_let_the_author_send_the_draft_to_the_editors_who_publish_it(
    section, contributor, survivor_reviewer, other_reviewer, editor
):
    contributor_make_ready(contributor)
    article = draft_submit(draft_create(section, owner=contributor), user=contributor)
    review_write(survivor_reviewer, article)
    assert not selectors.reviews_complete(article)
    with pytest.raises(services.ValidationError):
        services.review_send_to_editors(author=contributor, article=article)
    commentary = review_write(other_reviewer, article, attribution="anonymous", verdict="not_yet")
    assert selectors.reviews_complete(article)
    services.response_write(author=contributor, commentary=commentary, body="Thank you; I rewrote the ending.")
    services.commentary_update(
        reviewer=other_reviewer,
        commentary=commentary,
        body=commentary.body,
        private_note="",
        attribution="anonymous",
        verdict="reservations",
        reasons="The new ending listens.",
    )
    assert list(Assessment.objects.filter(commentary=commentary).values_list("verdict", flat=True)) == [
        "reservations",
        "not_yet",
    ]
    services.review_send_to_editors(author=contributor, article=article)
    state = WorkflowState.objects.for_instance(article).get(status="in_progress")
    state.current_task_state.specific.approve(user=editor)
    article.refresh_from_db()
    assert article.live
    assert article.statements.get().statement.version == 1
    actions = set(ReviewEvent.objects.filter(article=article).values_list("action", flat=True))
    assert {"review.article.submitted", "review.commentary.written", "review.article.sent_to_editors"} <= actions


def test_contributors_cannot_submit_through_the_admin_before_the_reading_list(client, section, contributor, lark):
    client.force_login(contributor)
    response = client.post(
        f"/admin/pages/add/publishing/articlepage/{section.pk}/",
        admin_form_data(title="Held back", slug="held-back", contributor=lark, submit=True),
        follow=True,
    )
    assert response.status_code == 200
    assert "saved but not submitted" in response.content.decode()
    article = ArticlePage.objects.get(slug="held-back")
    assert not WorkflowState.objects.for_instance(article).exists()


def test_contributors_submit_through_the_admin_once_ready(client, section, contributor, lark):
    contributor_make_ready(contributor)
    client.force_login(contributor)
    response = client.post(
        f"/admin/pages/add/publishing/articlepage/{section.pk}/",
        admin_form_data(title="Ready now", slug="ready-now", contributor=lark, submit=True),
    )
    assert response.status_code == 302
    article = ArticlePage.objects.get(slug="ready-now")
    assert isinstance(_current_task(article), SurvivorFirstReadTask)
    assert not article.live


def test_admins_but_not_editors_change_the_review_settings(editor, admin_user):
    assert admin_user.has_perm("review.change_reviewsettings")
    assert not editor.has_perm("review.change_reviewsettings")


def test_the_author_can_also_send_to_the_editors_from_wagtails_admin(
    client, section, contributor, survivor_reviewer, other_reviewer
):
    contributor_make_ready(contributor)
    article = draft_submit(draft_create(section, owner=contributor), user=contributor)
    review_write(survivor_reviewer, article)
    task_state = WorkflowState.objects.for_instance(article).get(status="in_progress").current_task_state
    url = f"/admin/pages/workflow/action/{article.pk}/approve/{task_state.pk}/"
    client.force_login(survivor_reviewer)
    assert client.post(url).status_code in {302, 403}
    client.force_login(contributor)
    client.post(url)
    assert isinstance(_current_task(article), SurvivorFirstReadTask)  # one review is not enough
    review_write(other_reviewer, article)
    client.post(url)
    assert type(_current_task(article)).__name__ == "GroupApprovalTask"
    assert ReviewEvent.objects.filter(article=article, action="review.article.sent_to_editors").exists()


def test_other_contributors_drafts_are_not_offered_in_the_page_chooser(client, section, contributor, other_contributor):
    draft_create(section, owner=contributor, title="Unpublished thoughts")
    client.force_login(other_contributor)
    assert "Unpublished thoughts" not in client.get(f"/admin/choose-page/{section.pk}/").content.decode()
    client.force_login(contributor)
    assert "Unpublished thoughts" in client.get(f"/admin/choose-page/{section.pk}/").content.decode()


def test_authors_are_emailed_when_the_reviews_are_in_without_reviewer_names(
    section, contributor, survivor_reviewer, other_reviewer, django_capture_on_commit_callbacks
):
    from django.core import mail

    contributor_make_ready(contributor)
    article = draft_submit(draft_create(section, owner=contributor), user=contributor)
    with django_capture_on_commit_callbacks(execute=True):
        review_write(survivor_reviewer, article)
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        review_write(other_reviewer, article)
    assert [message.to for message in mail.outbox] == [[contributor.email]]
    assert "Survivor reviewers have read" in mail.outbox[0].subject
    assert survivor_reviewer.pseudonym not in mail.outbox[0].body
    assert other_reviewer.pseudonym not in mail.outbox[0].body
