from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets.button import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from fairfield.accounts.access import may
from fairfield.newsletter import admin_views
from fairfield.newsletter.models import NewsletterIssue


class NewsletterIssueViewSet(SnippetViewSet):
    model = NewsletterIssue
    icon = "mail"
    menu_label = _("Newsletter")
    add_to_admin_menu = True
    menu_order = 400
    list_display = ["subject", "status", "sent_at"]


register_snippet(NewsletterIssueViewSet)


@hooks.register("register_admin_urls")
def newsletter_admin_urls():
    return [
        path("newsletter/issues/<int:pk>/preview/", admin_views.issue_preview, name="newsletter_issue_preview"),
        path("newsletter/issues/<int:pk>/send/", admin_views.issue_send, name="newsletter_issue_send"),
    ]


@hooks.register("register_snippet_listing_buttons")
def newsletter_issue_buttons(snippet, user, next_url=None):
    if not isinstance(snippet, NewsletterIssue):
        return
    if may(user, "newsletter.issue.preview", snippet):
        yield Button(
            _("Preview"),
            reverse("newsletter_issue_preview", args=[snippet.pk]),
            icon_name="view",
            priority=30,
            attrs={"target": "_blank", "rel": "noopener"},
        )
    if may(user, "newsletter.issue.send", snippet) and snippet.status == "draft":
        yield Button(_("Send"), reverse("newsletter_issue_send", args=[snippet.pk]), icon_name="mail", priority=40)


@hooks.register("register_log_actions")
def newsletter_log_actions(actions):
    actions.register_action("newsletter.issue.sent", _("Send newsletter issue"), _("Newsletter issue sent"))
