"""The moderation queue in Wagtail's admin, for moderators, editors and admins."""

from functools import partial, wraps

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from fairfield.accounts.access import may
from fairfield.comments.models import Comment
from fairfield.moderation import selectors, services
from fairfield.moderation.forms import (
    AppealDecisionForm,
    BanForm,
    CrisisMessageForm,
    ReasonForm,
    RemoveForm,
    SuspendForm,
)
from fairfield.moderation.models import Appeal, AppealDecision, AuditEntry
from fairfield.publishing.models import ArticlePage

TAB_LABELS = {
    "flagged": gettext_lazy("Flagged"),
    "pending": gettext_lazy("Waiting"),
    "watched": gettext_lazy("Watched words"),
    "held": gettext_lazy("Held"),
    "appeals": gettext_lazy("Appeals"),
}


def queue_access(view):
    """Only moderators, editors and admins; everyone else who reaches the admin gets a plain 403."""

    @wraps(view)
    def check(request, *args, **kwargs):
        if not may(request.user, "moderation.queue.use"):
            return TemplateResponse(request, "moderation/admin/forbidden.html", status=403)
        return view(request, *args, **kwargs)

    return check


@require_GET
@queue_access
def queue(request):
    tab = request.GET.get("tab", "flagged")
    if tab not in selectors.TABS:
        tab = "flagged"
    listings = {
        "flagged": selectors.queue_flagged,
        "pending": selectors.queue_pending,
        "watched": selectors.queue_watched,
        "held": selectors.queue_held,
        "appeals": selectors.queue_appeals,
    }
    page = Paginator(listings[tab](), 50).get_page(request.GET.get("p"))
    counts = selectors.queue_counts()
    context = {
        "tab": tab,
        "tabs": [(name, TAB_LABELS[name], counts[name]) for name in selectors.TABS],
        "items": page,
        "self_harm": list(selectors.self_harm_concerns()[:20]),
        "now": timezone.now(),
    }
    return TemplateResponse(request, "moderation/admin/queue.html", context)


# One comment and the decisions on it.

COMMENT_ACTIONS = {
    "approve": (ReasonForm, services.comment_approve),
    "reject": (ReasonForm, services.comment_reject),
    "remove": (RemoveForm, services.comment_remove),
    "hold": (ReasonForm, services.comment_hold),
    "crisis": (CrisisMessageForm, services.crisis_resources_send),
}
DONE_MESSAGES = {
    "approve": gettext_lazy("Comment approved."),
    "reject": gettext_lazy("Comment rejected; the author has been told."),
    "remove": gettext_lazy("Comment removed; the author has been told why."),
    "hold": gettext_lazy("Comment held: hidden until someone decides."),
    "crisis": gettext_lazy("The crisis-resources message is on its way to the writer."),
}


def _comment_forms(bound_action=None, bound_form=None) -> dict:
    forms = {name: form_class(prefix=name) for name, (form_class, _act) in COMMENT_ACTIONS.items()}
    forms["crisis"] = CrisisMessageForm(prefix="crisis", initial={"text": services.crisis_message_default()})
    forms["appeal"] = AppealDecisionForm(prefix="appeal")
    if bound_action:
        forms[bound_action] = bound_form
    return forms


def _comment_page(request, comment, *, forms=None, status=200):
    context = {
        "item": selectors.comment_context(comment),
        "forms": forms or _comment_forms(),
        "may_decide": may(request.user, "moderation.comment.decide", comment),
        "crisis_url": services.crisis_resources_url(),
    }
    appeal = context["item"].appeal
    context["may_decide_appeal"] = bool(appeal) and may(request.user, "moderation.appeal.decide", appeal)
    return TemplateResponse(request, "moderation/admin/comment.html", context, status=status)


def _comment(pk) -> Comment:
    return get_object_or_404(Comment.objects.select_related("article", "author", "parent", "in_reply_to"), pk=pk)


@require_GET
@queue_access
def comment_review(request, pk):
    return _comment_page(request, _comment(pk))


@require_POST
@queue_access
def comment_decide(request, pk, action):
    comment = _comment(pk)
    if action not in COMMENT_ACTIONS:
        return _comment_page(request, comment, status=404)
    form_class, act = COMMENT_ACTIONS[action]
    form = form_class(request.POST, prefix=action)
    if not may(request.user, "moderation.comment.decide", comment):
        messages.error(request, _("You wrote this comment or it answers you, so another moderator must decide on it."))
        return _comment_page(request, comment, forms=_comment_forms(action, form), status=403)
    if not form.is_valid():
        return _comment_page(request, comment, forms=_comment_forms(action, form), status=400)
    try:
        act(comment=comment, moderator=request.user, **form.cleaned_data)
    except services.ModerationRefused as refused:
        form.add_error(None, refused.message)
        messages.error(request, refused.message)
        return _comment_page(request, comment, forms=_comment_forms(action, form), status=400)
    messages.success(request, DONE_MESSAGES[action])
    return redirect("moderation_comment", pk=comment.pk)


@require_POST
@queue_access
def appeal_decide(request, pk):
    appeal = get_object_or_404(Appeal.objects.select_related("comment__article", "comment__author"), pk=pk)
    comment = _comment(appeal.comment_id)
    form = AppealDecisionForm(request.POST, prefix="appeal")
    if not may(request.user, "moderation.appeal.decide", appeal):
        messages.error(
            request, _("You removed this comment or are party to it, so another moderator must decide the appeal.")
        )
        return _comment_page(request, comment, forms=_comment_forms("appeal", form), status=403)
    if not form.is_valid():
        return _comment_page(request, comment, forms=_comment_forms("appeal", form), status=400)
    try:
        services.appeal_decide(
            appeal=appeal,
            moderator=request.user,
            decision=AppealDecision(form.cleaned_data["decision"]),
            note=form.cleaned_data["note"],
        )
    except services.ModerationRefused as refused:
        messages.error(request, refused.message)
        return _comment_page(request, comment, forms=_comment_forms("appeal", form), status=400)
    messages.success(request, _("Appeal decided; the author has been told."))
    return redirect("moderation_comment", pk=comment.pk)


@require_POST
@queue_access
def article_premoderation(request, pk):
    article = get_object_or_404(ArticlePage, pk=pk)
    on = request.POST.get("premoderate") == "on"
    services.article_premoderation_set(article=article, moderator=request.user, on=on)
    messages.success(
        request,
        (
            _("Every new comment on “%(title)s” now waits for a moderator.")
            if on
            else _("“%(title)s” is off pre-moderation.")
        )
        % {"title": article.title},
    )
    back = request.POST.get("comment", "")
    if back.isdecimal():
        return redirect("moderation_comment", pk=int(back))
    return redirect("moderation_articles")


@require_GET
@queue_access
def articles(request):
    """Live articles, those on pre-moderation first, to put any of them on or off pre-moderation."""
    query = request.GET.get("q", "").strip()[:200]
    page = Paginator(selectors.articles_for_premoderation(query=query), 50).get_page(request.GET.get("p"))
    return TemplateResponse(request, "moderation/admin/articles.html", {"articles": page, "query": query})


# Members.

MEMBER_ACTIONS = {
    "suspend": (SuspendForm, services.member_suspend),
    "ban": (BanForm, services.member_ban),
    "reinstate": (ReasonForm, services.member_reinstate),
    "premoderate": (ReasonForm, partial(services.member_premoderation_set, on=True)),
    "release": (ReasonForm, partial(services.member_premoderation_set, on=False)),
}


def _member_page(request, member, *, bound_action=None, bound_form=None, status=200):
    forms = {name: form_class(prefix=name) for name, (form_class, _act) in MEMBER_ACTIONS.items()}
    if bound_action:
        forms[bound_action] = bound_form
    context = {
        "standing": selectors.member_standing(member),
        "recent": Comment.objects.filter(author=member).select_related("article").order_by("-created_at")[:20],
        "history": AuditEntry.objects.filter(member=member)[:50],
        "forms": forms,
        "may_decide": may(request.user, "moderation.member.decide", member),
    }
    return TemplateResponse(request, "moderation/admin/member.html", context, status=status)


@require_GET
@queue_access
def member_review(request, pk):
    return _member_page(request, get_object_or_404(get_user_model(), pk=pk))


@require_POST
@queue_access
def member_decide(request, pk, action):
    member = get_object_or_404(get_user_model(), pk=pk)
    if action not in MEMBER_ACTIONS:
        return _member_page(request, member, status=404)
    form_class, act = MEMBER_ACTIONS[action]
    form = form_class(request.POST, prefix=action)
    if not may(request.user, "moderation.member.decide", member):
        if member.pk == request.user.pk:
            messages.error(request, _("Another moderator must decide about your own account."))
        else:
            messages.error(
                request, _("Only an admin can decide about a moderator's, an editor's or an admin's account.")
            )
        return _member_page(request, member, bound_action=action, bound_form=form, status=403)
    if not form.is_valid():
        return _member_page(request, member, bound_action=action, bound_form=form, status=400)
    try:
        act(member=member, moderator=request.user, **form.cleaned_data)
    except services.ModerationRefused as refused:
        form.add_error(None, refused.message)
        return _member_page(request, member, bound_action=action, bound_form=form, status=400)
    messages.success(request, _("Saved; it is in the audit log."))
    return redirect("moderation_member", pk=member.pk)


@require_GET
@queue_access
def audit_log(request):
    entries = AuditEntry.objects.select_related("comment", "member", "article")
    member, comment = request.GET.get("member", ""), request.GET.get("comment", "")
    if member.isdigit():
        entries = entries.filter(member_id=int(member))
    if comment.isdigit():
        entries = entries.filter(comment_id=int(comment))
    page = Paginator(entries, 100).get_page(request.GET.get("p"))
    return TemplateResponse(request, "moderation/admin/audit.html", {"entries": page})
