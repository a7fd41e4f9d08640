"""Mail to survivor reviewers and authors, through notifications (recorded, queued, retried).

The messages name the draft and link to it; they never name its author to a reviewer or a reviewer to an author.
"""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fairfield.notifications import kinds
from fairfield.notifications.services import notify

CLAIM_REMINDER = kinds.register("review.claim_reminder", _("Survivor first read: a reminder before a claim runs out"))
# An author cannot go on without knowing the first read is done, so this one has no opt-out.
REVIEWS_COMPLETE = kinds.register(
    "review.reviews_complete", _("Survivor first read: the reviews of your draft are in"), transactional=True
)


def claim_reminder_send(*, claim) -> None:
    context = {"reviewer": claim.reviewer, "title": claim.article.title, "due_at": claim.due_at}
    notify(
        user=claim.reviewer,
        kind=CLAIM_REMINDER,
        subject=render_to_string("review/email/claim_reminder_subject.txt", context).strip(),
        text=render_to_string("review/email/claim_reminder.txt", context).strip(),
        url=reverse("review:article", args=[claim.article_id]),
    )


def reviews_complete_send(*, article, recipients) -> None:
    """Tell the authors their survivor reviews are in; the message names no reviewer."""
    context = {"title": article.title}
    for recipient in recipients:
        notify(
            user=recipient,
            kind=REVIEWS_COMPLETE,
            subject=render_to_string("review/email/reviews_complete_subject.txt", context).strip(),
            text=render_to_string("review/email/reviews_complete.txt", {**context, "author": recipient}).strip(),
            url=reverse("review:article", args=[article.pk]),
        )
