import pytest

from fairfield.newsletter.models import Delivery, IssueArticle, NewsletterIssue
from fairfield.publishing.tests.factories import article_publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def issue(stories):
    issue = NewsletterIssue.objects.create(subject="Autumn letter", intro="Dear readers,")
    IssueArticle.objects.create(issue=issue, article=article_publish(stories, title="Picked piece"), sort_order=0)
    return issue


def send_url(issue):
    return f"/admin/newsletter/issues/{issue.pk}/send/"


def preview_url(issue):
    return f"/admin/newsletter/issues/{issue.pk}/preview/"


def test_anonymous_readers_cannot_reach_preview_or_send(client, issue, subscriber_make):
    subscriber_make()
    for url in (send_url(issue), preview_url(issue)):
        response = client.get(url)
        assert response.status_code == 302
        assert "/login/" in response["Location"]
    assert client.post(send_url(issue)).status_code == 302
    assert not Delivery.objects.exists()


@pytest.mark.parametrize("persona", ["contributor", "member", "moderator"])
def test_people_who_are_not_editors_cannot_preview_or_send(client, request, issue, subscriber_make, persona):
    subscriber_make()
    client.force_login(request.getfixturevalue(persona))
    for url in (send_url(issue), preview_url(issue)):
        assert client.get(url).status_code in {302, 403}
    assert client.post(send_url(issue)).status_code in {302, 403}
    assert not Delivery.objects.exists()
    issue.refresh_from_db()
    assert issue.status == "draft"


def test_an_editor_previews_the_issue_as_subscribers_will_see_it(client, editor, issue):
    client.force_login(editor)
    response = client.get(preview_url(issue))
    assert response.status_code == 200
    assert "Autumn letter" in response.text
    assert "Picked piece" in response.text


def test_an_editor_sees_the_issue_with_preview_and_send_buttons_in_the_snippet_listing(client, editor, issue):
    client.force_login(editor)
    response = client.get("/admin/snippets/newsletter/newsletterissue/")
    assert response.status_code == 200
    assert send_url(issue) in response.text
    assert preview_url(issue) in response.text


def test_an_editor_sends_an_issue_once_after_confirming(client, editor, issue, subscriber_make, outbox):
    subscriber_make("one@example.org")
    subscriber_make("two@example.org")
    client.force_login(editor)

    confirm = client.get(send_url(issue))
    assert confirm.status_code == 200
    assert "2 confirmed subscribers" in confirm.text

    response = client.post(send_url(issue), follow=True)
    assert response.status_code == 200
    assert "on its way to 2 subscribers" in response.text
    again = client.post(send_url(issue), follow=True)
    assert "already been sent" in again.text

    assert sorted(message.to[0] for message in outbox) == ["one@example.org", "two@example.org"]
    issue.refresh_from_db()
    assert issue.status == "sent"
