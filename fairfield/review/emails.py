"""Reminders to survivor reviewers, as plain text (the draft's title and a link; never its author)."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse


def claim_reminder_send(*, claim) -> None:
    context = {
        "reviewer": claim.reviewer,
        "title": claim.article.title,
        "due_at": claim.due_at,
        "url": settings.SITE_URL + reverse("review:article", args=[claim.article_id]),
    }
    send_mail(
        subject=render_to_string("review/email/claim_reminder_subject.txt", context).strip(),
        message=render_to_string("review/email/claim_reminder.txt", context),
        from_email=None,
        recipient_list=[claim.reviewer.email],
    )


def reviews_complete_send(*, article, recipients) -> None:
    """Tell the authors their survivor reviews are in; the message names no reviewer."""
    context = {
        "title": article.title,
        "url": settings.SITE_URL + reverse("review:article", args=[article.pk]),
    }
    for recipient in recipients:
        send_mail(
            subject=render_to_string("review/email/reviews_complete_subject.txt", context).strip(),
            message=render_to_string("review/email/reviews_complete.txt", {**context, "author": recipient}),
            from_email=None,
            recipient_list=[recipient.email],
        )
