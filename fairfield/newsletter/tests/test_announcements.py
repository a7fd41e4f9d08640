"""New articles, the weekly digest and editors' issues: each reaches the right people once."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from fairfield.newsletter import services
from fairfield.newsletter.handlers import announce_published_article
from fairfield.newsletter.models import Delivery, DeliveryKind, DeliveryStatus, IssueArticle, NewsletterIssue
from fairfield.newsletter.tests.conftest import BROKEN_MAILERS
from fairfield.publishing.models import ArticlePage, Byline
from fairfield.publishing.tests.factories import ContributorFactory, article_publish

pytestmark = pytest.mark.django_db


def test_publishing_an_article_mails_the_subscribers_of_its_section_only(outbox, subscriber_make, stories, news):
    follower = subscriber_make("follower@example.org", wants_digest=False, sections=[stories])
    subscriber_make("news-only@example.org", wants_digest=False, sections=[news])
    subscriber_make("digest-only@example.org", wants_digest=True)
    subscriber_make("unconfirmed@example.org", confirmed=False, sections=[stories])

    article = article_publish(stories, title="The night they came")

    assert [message.to for message in outbox] == [["follower@example.org"]]
    assert "The night they came" in outbox[0].subject
    delivery = Delivery.objects.get()
    assert (delivery.subscriber, delivery.article_id, delivery.kind) == (follower, article.pk, DeliveryKind.NEW_ARTICLE)
    assert delivery.status == DeliveryStatus.SENT


def test_publishing_the_same_article_twice_mails_each_subscriber_once(outbox, subscriber_make, stories):
    subscriber_make(sections=[stories])
    article = article_publish(stories)

    article.title = "Corrected title"
    article.save_revision().publish()
    services.article_announce(article=ArticlePage.objects.get(pk=article.pk))

    assert len(outbox) == 1
    assert Delivery.objects.count() == 1


def test_an_article_published_on_schedule_is_announced_too(outbox, subscriber_make, stories):
    subscriber_make(sections=[stories])
    article = article_publish(stories, title="Scheduled piece", publish=False)
    article.save_revision(approved_go_live_at=timezone.now() - timedelta(minutes=1))
    assert outbox == []

    call_command("publish_scheduled", stdout=StringIO())

    assert ArticlePage.objects.live().filter(pk=article.pk).exists()
    assert [message.subject for message in outbox] == ["New on Fairfield: Scheduled piece"]


def test_a_draft_or_an_old_article_published_again_is_not_announced(outbox, subscriber_make, stories):
    subscriber_make(sections=[stories])
    article_publish(stories, publish=False)
    article_publish(stories, publication_date=timezone.now() - timedelta(days=400))
    assert outbox == []


def test_the_mail_names_contributors_only_as_their_byline_allows(outbox, subscriber_make, stories):
    subscriber_make(sections=[stories])
    hidden = ContributorFactory(display_name="Margaret Quill", slug="margaret-quill")
    article_publish(stories, contributors=[(hidden, Byline.INITIALS)])

    message = outbox[0]
    html = message.alternatives[0].content
    assert hidden.initials in message.body
    for text in (message.body, html, message.subject):
        assert "Margaret" not in text
        assert "margaret-quill" not in text


def test_a_broken_mail_server_does_not_stop_publishing_and_the_send_is_retried_later(outbox, subscriber_make, stories):
    subscriber_make(sections=[stories])
    with override_settings(MAILERS=BROKEN_MAILERS):
        article = article_publish(stories, title="Still published")

    assert ArticlePage.objects.live().filter(pk=article.pk).exists()
    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.attempts == 1
    assert "SMTPServerDisconnected" in delivery.last_error
    assert outbox == []

    call_command("retry_newsletter_deliveries", stdout=StringIO())  # not due yet
    assert outbox == []
    Delivery.objects.update(next_attempt_at=timezone.now() - timedelta(seconds=1))
    call_command("retry_newsletter_deliveries", stdout=StringIO())

    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SENT
    assert delivery.attempts == 2
    assert len(outbox) == 1


def test_a_failure_to_queue_the_announcement_never_reaches_publishing(subscriber_make, stories, caplog):
    # A real misconfiguration: the task backend serves no queue the task can go to, so enqueue raises.
    misconfigured = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend", "QUEUES": ["x"]}}
    article = article_publish(stories)
    with override_settings(TASKS=misconfigured):
        # Wagtail's own search-index tasks would fail too, so the handler is called as page_published calls it.
        announce_published_article(sender=ArticlePage, instance=article, revision=article.latest_revision)
    assert "Could not queue the newsletter announcement" in caplog.text


def monday_digest_period():
    return services.digest_period(timezone.localdate())


def test_the_digest_lists_the_past_weeks_articles_for_digest_subscribers_once(outbox, subscriber_make, stories):
    subscriber_make("digest@example.org", wants_digest=True)
    subscriber_make("sections@example.org", wants_digest=False, sections=[])
    period = monday_digest_period()
    last_week = timezone.make_aware(timezone.datetime.combine(period - timedelta(days=3), timezone.datetime.min.time()))
    article_publish(stories, title="Last week's piece", publication_date=last_week)
    article_publish(stories, title="A piece from long ago", publication_date=last_week - timedelta(days=30))

    call_command("send_newsletter_digest", stdout=StringIO())
    call_command("send_newsletter_digest", stdout=StringIO())

    digests = [message for message in outbox if message.to == ["digest@example.org"]]
    assert len(digests) == 1
    assert "Last week's piece" in digests[0].body
    assert "long ago" not in digests[0].body
    assert not [message for message in outbox if message.to == ["sections@example.org"]]


def test_no_digest_goes_out_in_a_week_without_articles(outbox, subscriber_make):
    subscriber_make(wants_digest=True)
    assert services.digest_send(period=monday_digest_period()) == 0
    assert outbox == []


def test_an_issue_goes_to_every_active_subscriber_once(outbox, subscriber_make, stories, editor):
    subscriber_make("one@example.org")
    subscriber_make("two@example.org", wants_digest=False, sections=[stories])
    subscriber_make("pending@example.org", confirmed=False)
    article = article_publish(stories, title="Chosen piece", publication_date=timezone.now() - timedelta(days=30))
    issue = NewsletterIssue.objects.create(subject="Our spring letter", intro="Dear readers,\n\nHere is spring.")
    IssueArticle.objects.create(issue=issue, article=article, sort_order=0)
    outbox.clear()

    assert services.issue_send(issue=issue, sent_by=editor) == 2
    with pytest.raises(services.ValidationError):
        services.issue_send(issue=issue, sent_by=editor)

    assert sorted(message.to[0] for message in outbox) == ["one@example.org", "two@example.org"]
    assert outbox[0].subject == "Our spring letter"
    assert "Chosen piece" in outbox[0].body
    issue.refresh_from_db()
    assert issue.status == "sent"
    assert issue.sent_at is not None


def test_every_newsletter_mail_offers_one_click_unsubscribe_and_has_text_and_html(outbox, subscriber_make, stories):
    subscriber = subscriber_make(sections=[stories])
    article_publish(stories)

    message = outbox[0]
    url = f"http://127.0.0.1:8000/newsletter/unsubscribe/{subscriber.token}/"
    assert message.extra_headers["List-Unsubscribe"] == f"<{url}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    rendered = message.message()
    assert rendered["List-Unsubscribe"] == f"<{url}>"
    assert rendered["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.from_email == "Fairfield <noreply@fairfield.localhost>"
    assert [mimetype for _content, mimetype in message.alternatives] == ["text/html"]
    assert url in message.body
    assert url in message.alternatives[0].content
