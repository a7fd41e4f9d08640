"""Every newsletter message, built from templates in newsletter/email/, as plain text with an HTML alternative."""

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from fairfield.newsletter import selectors
from fairfield.newsletter.models import Delivery, DeliveryKind, Subscriber

CONFIRMATION_SALT = "fairfield.newsletter.confirm"


def absolute(path: str) -> str:
    return path if path.startswith(("http://", "https://")) else settings.SITE_URL + path


def confirmation_token(subscriber: Subscriber) -> str:
    return signing.TimestampSigner(salt=CONFIRMATION_SALT).sign(subscriber.token)


def manage_url(subscriber: Subscriber) -> str:
    return absolute(reverse("newsletter:manage", args=[subscriber.token]))


def unsubscribe_url(subscriber: Subscriber) -> str:
    return absolute(reverse("newsletter:unsubscribe", args=[subscriber.token]))


def article_entry(article) -> dict:
    """What a message says about an article: bylines by their public name only, never the person behind initials."""
    return {
        "title": article.title,
        "standfirst": article.standfirst,
        "url": absolute(article.get_url()),
        "bylines": [credit.public_name for credit in article.article_contributors.all()],
        "reading_minutes": article.reading_minutes,
        "content_notes": article.content_note_labels,
    }


def delivery_context(delivery: Delivery) -> dict | None:
    """The template context for a delivery, or None when there is nothing left to send (e.g. an unpublished article)."""
    subscriber = delivery.subscriber
    context = {
        "site_url": settings.SITE_URL,
        "manage_url": manage_url(subscriber),
        "unsubscribe_url": unsubscribe_url(subscriber),
        "subscribe_url": absolute(reverse("newsletter:subscribe")),
    }
    if delivery.kind == DeliveryKind.CONFIRMATION:
        token = confirmation_token(subscriber)
        context["confirm_url"] = absolute(reverse("newsletter:confirm", args=[token]))
    elif delivery.kind == DeliveryKind.NEW_ARTICLE:
        from fairfield.publishing.selectors import articles_published

        article = articles_published().filter(pk=delivery.article_id).first()
        if article is None:
            return None
        context["article"] = article_entry(article)
    elif delivery.kind == DeliveryKind.DIGEST:
        articles = [article_entry(article) for article in selectors.digest_articles(delivery.period)]
        if not articles:
            return None
        context["articles"] = articles
    elif delivery.kind == DeliveryKind.ISSUE:
        context["issue"] = delivery.issue
        context["articles"] = [article_entry(article) for article in selectors.issue_articles(delivery.issue)]
    return context


def render_message(*, kind: str, context: dict, to: str) -> EmailMultiAlternatives:
    base = f"newsletter/email/{kind}"
    subject = " ".join(render_to_string(f"{base}_subject.txt", context).split())
    text = render_to_string(f"{base}.txt", context)
    html = render_to_string(f"{base}.html", context)
    headers = {}
    if kind != DeliveryKind.CONFIRMATION:
        # RFC 2369 and RFC 8058: mail clients offer a one-click unsubscribe that POSTs to this address.
        headers["List-Unsubscribe"] = f"<{context['unsubscribe_url']}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [to], headers=headers)
    message.attach_alternative(html, "text/html")
    return message


def delivery_message(delivery: Delivery) -> EmailMultiAlternatives | None:
    context = delivery_context(delivery)
    if context is None:
        return None
    return render_message(kind=delivery.kind, context=context, to=delivery.subscriber.email)
