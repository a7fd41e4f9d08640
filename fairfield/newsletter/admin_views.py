"""Editors preview an issue as subscribers will see it, and send it once."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from fairfield.accounts.access import require
from fairfield.newsletter import emails, selectors, services
from fairfield.newsletter.models import IssueStatus, NewsletterIssue, Subscriber


def _preview_context(issue: NewsletterIssue) -> dict:
    return {
        "site_url": emails.settings.SITE_URL,
        "manage_url": "#",
        "unsubscribe_url": "#",
        "issue": issue,
        "articles": [emails.article_entry(article) for article in selectors.issue_articles(issue)],
    }


@require_http_methods(["GET"])
def issue_preview(request, pk):
    """The HTML mail itself, with dead links where a subscriber's own would go."""
    issue = get_object_or_404(NewsletterIssue, pk=pk)
    require(request.user, "newsletter.issue.preview", issue)
    message = emails.render_message(kind="issue", context=_preview_context(issue), to="preview@example.invalid")
    html = message.alternatives[0].content
    return HttpResponse(html)


@require_http_methods(["GET", "POST"])
def issue_send(request, pk):
    issue = get_object_or_404(NewsletterIssue, pk=pk)
    require(request.user, "newsletter.issue.send", issue)
    if request.method == "POST":
        try:
            count = services.issue_send(issue=issue, sent_by=request.user)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(
                request,
                _("“%(subject)s” is on its way to %(count)d subscribers.") % {"subject": issue.subject, "count": count},
            )
        return redirect("wagtailsnippets_newsletter_newsletterissue:list")
    context = {
        "issue": issue,
        "already_sent": issue.status != IssueStatus.DRAFT,
        "recipients": Subscriber.objects.active().count(),
        "articles": selectors.issue_articles(issue),
    }
    return TemplateResponse(request, "newsletter/admin/issue_send.html", context)
