"""The review in Wagtail's admin: submission waits for the reading list and the statement; contributors see only
their own drafts; revisions after the reviews are logged for the timeline."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from fairfield.accounts.access import may
from fairfield.publishing.models import ArticlePage
from fairfield.review import selectors, services

SUBMIT_ACTIONS = ("action-submit", "action-restart-workflow")


def _hold_back_submission(request):
    """Turn a blocked submission into a saved draft, so nothing typed is lost, and say what is missing."""
    if request.method != "POST" or not any(request.POST.get(action) for action in SUBMIT_ACTIONS):
        return
    blockers = selectors.submission_blockers(request.user)
    if not blockers:
        return
    request.POST = request.POST.copy()
    for action in SUBMIT_ACTIONS:
        request.POST.pop(action, None)
    request.review_submission_held = True
    messages.error(
        request,
        format_html(
            '{} <ul>{}</ul> <a href="{}">{}</a>',
            _("Your draft is saved but not submitted. Before you submit:"),
            format_html_join("", "<li>{}</li>", ((blocker,) for blocker in blockers)),
            reverse("review:dashboard"),
            _("Do it now"),
        ),
    )


@hooks.register("before_edit_page")
def hold_back_edit_submission(request, page):
    _hold_back_submission(request)


@hooks.register("before_create_page")
def hold_back_new_submission(request, parent_page, page_class):
    _hold_back_submission(request)


def _first_read_outstanding_message(request, article) -> None:
    links = []
    if may(request.user, "review.first_read.override", article):
        links.append((reverse("review:override", args=[article.pk]), _("Publish without the read, giving a reason")))
    messages.error(
        request,
        format_html(
            "{} {}",
            _(
                "“%(title)s” needs a survivor first read before it is published, and the read is not complete. "
                "Your changes are saved as a draft."
            )
            % {"title": article.title},
            format_html_join(" ", '<a href="{}">{}</a>', links),
        ),
    )


@hooks.register("before_publish_page")
def hold_back_publication_before_first_read(request, page):
    """Publish or schedule from the editor (new page, edit, "publish this version"): the draft is saved, the
    publication is not, and the editor is told why and offered the written override."""
    article = page.specific_deferred
    if isinstance(article, ArticlePage) and selectors.first_read_outstanding(article):
        # Wagtail's add form inserts a page it is about to publish as live; it has no live version yet, so it is
        # a draft like any other.
        ArticlePage.objects.filter(pk=article.pk, live_revision__isnull=True).update(
            live=False, has_unpublished_changes=True
        )
        _first_read_outstanding_message(request, article)
        return redirect("wagtailadmin_pages:edit", article.pk)
    return None


@hooks.register("before_bulk_action")
def hold_back_bulk_publication_before_first_read(request, action_type, objects, action_class_instance):
    if action_type != "publish":
        return None
    for page in objects:
        article = page.specific_deferred
        if isinstance(article, ArticlePage) and selectors.first_read_outstanding(article):
            _first_read_outstanding_message(request, article)
            back = request.GET.get("next", "")
            if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
                back = reverse("wagtailadmin_explore_root")
            return redirect(back)
    return None


@hooks.register("after_edit_page")
def log_revision(request, page):
    article = page.specific_deferred
    if isinstance(article, ArticlePage) and request.method == "POST":
        services.article_revised(article=article, user=request.user)


def _published_or_own(pages, user):
    if selectors.is_editor(user) or user.is_superuser:
        return pages
    return pages.filter(live=True) | pages.filter(owner=user)


@hooks.register("construct_explorer_page_queryset")
def contributors_see_only_their_drafts(parent_page, pages, request):
    return _published_or_own(pages, request.user)


@hooks.register("construct_page_chooser_queryset")
def contributors_choose_only_published_or_their_own(pages, request):
    return _published_or_own(pages, request.user)


@hooks.register("register_admin_menu_item")
def register_review_menu_item():
    return MenuItem(_("Survivor-first review"), reverse("review:dashboard"), icon_name="group", order=250)
