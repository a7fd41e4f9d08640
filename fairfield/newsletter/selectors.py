"""Reads the newsletter reuses: recipients, and the articles a message lists."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from fairfield.newsletter.models import NewsletterIssue, Subscriber
from fairfield.publishing.models import SectionPage
from fairfield.publishing.selectors import articles_published


def subscriber_by_token(token: str) -> Subscriber | None:
    if not token or len(token) > 64:
        return None
    return Subscriber.objects.filter(token=token).first()


def sections_offered():
    """The sections a reader can follow: live, public, in the order of the site tree."""
    return SectionPage.objects.live().public().order_by("path")


def digest_window(period: date) -> tuple[datetime, datetime]:
    """The seven days before the Monday that names the digest, in the site's time zone."""
    end = timezone.make_aware(datetime.combine(period, time.min))
    return end - timedelta(days=7), end


def digest_articles(period: date):
    start, end = digest_window(period)
    return articles_published().filter(sort_date__gte=start, sort_date__lt=end)


def issue_articles(issue: NewsletterIssue) -> list:
    """The issue's articles in the editor's order; any that are no longer live drop out."""
    order = {
        article_id: position
        for position, article_id in enumerate(
            issue.issue_articles.order_by("sort_order").values_list("article_id", flat=True)
        )
    }
    articles = articles_published().filter(pk__in=order)
    return sorted(articles, key=lambda article: order[article.pk])
