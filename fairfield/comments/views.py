"""The discussion's pages. Whatever goes wrong, the writer's text comes back to them in the form."""

import logging

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from fairfield.accounts.access import require
from fairfield.comments import selectors, services
from fairfield.comments.access import may_discuss
from fairfield.comments.forms import BOT_TRAP, ClaimForm, CommentForm
from fairfield.comments.models import Comment, CommentStatus
from fairfield.moderation.screening import CommentRefused, SafeMessagingCheck
from fairfield.publishing.models import ArticlePage

logger = logging.getLogger(__name__)

LOG_IN_FIRST = _("Your session has ended, so the comment was not posted. Copy your text, log in and post it again.")
SERVER_ERROR = _(
    "Something went wrong on our side and your comment was not saved. Your text is below; please try again."
)


def _article(request, pk: int) -> ArticlePage:
    """The live article whose discussion this is, if the reader may read the article itself; 404 otherwise, so a
    password-protected or private discussion is neither read nor written to, nor its existence confirmed."""
    article = get_object_or_404(ArticlePage.objects.live().specific(), pk=pk)
    if not may_discuss(request, article):
        raise Http404
    return article


def _own_article(pk: int) -> ArticlePage:
    """For leaving: deleting one's own comment or unfollowing works even where the reader has lost access."""
    return get_object_or_404(ArticlePage.objects.live().specific(), pk=pk)


def _comment_url(request, comment: Comment) -> str:
    return f"{comment.article.get_url(request)}#comment-{comment.pk}"


def _back(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return fallback


def _compose(request, *, article, form, mode, status=200, error="", parent=None, comment=None, safe_messaging=None):
    """The writing page: for a reply, an edit, or a post that failed (with the reason and the text kept)."""
    if mode == "edit":
        action = reverse("comments:edit", args=[comment.pk])
        draft_key = f"edit-{comment.pk}"
    elif parent is not None:
        action = reverse("comments:reply", args=[parent.pk])
        draft_key = f"article-{article.pk}-reply-{parent.pk}"
    else:
        action = reverse("comments:post", args=[article.pk])
        draft_key = f"article-{article.pk}-top"
    context = {
        "article": article,
        "article_url": article.get_url(request),
        "form": form,
        "mode": mode,
        "error": error,
        "parent": parent,
        "comment": comment,
        "action": action,
        "draft_key": draft_key,
        "safe_messaging": safe_messaging,
    }
    return render(request, "comments/compose.html", context, status=status)


def _post(request, *, article, parent=None):
    form = CommentForm(request.POST)
    body = form.body_value()

    def again(error, status):
        return _compose(request, article=article, form=form, mode="post", status=status, error=error, parent=parent)

    if not request.user.is_authenticated:
        return again(LOG_IN_FIRST, 403)
    if form.is_bot:
        return again(BOT_TRAP, 400)
    if not form.is_valid():
        return again(_("That comment could not be found, so this reply cannot be posted."), 400)
    if parent is None and form.cleaned_data["parent"]:
        parent = Comment.objects.filter(pk=form.cleaned_data["parent"]).first()
        if parent is None:
            return again(_("That comment could not be found, so this reply cannot be posted."), 400)
    try:
        comment = services.comment_post(
            author=request.user,
            article=article,
            body=body,
            parent=parent,
            safe_messaging_read=form.has_read_safe_messaging(),
            content_notes=form.notes_value(),
        )
    except SafeMessagingCheck as check:
        return _compose(request, article=article, form=form, mode="post", parent=parent, safe_messaging=check)
    except CommentRefused as refusal:
        return again(refusal.message, refusal.status_code)
    except Exception:
        logger.exception("Posting a comment on article %s failed", article.pk)
        return again(SERVER_ERROR, 500)
    if comment.status == CommentStatus.PENDING:
        messages.info(
            request,
            _("Thank you. Your comment is waiting for a moderator; until then only you can see it."),
        )
    else:
        messages.success(request, _("Your comment is posted."))
    return redirect(_comment_url(request, comment))


@never_cache
@require_POST
def post_comment(request, article_pk):
    """A new top-level comment (or, with `parent`, a reply) from the form under an article."""
    return _post(request, article=_article(request, article_pk))


@never_cache
@require_http_methods(["GET", "POST"])
def reply(request, pk):
    """The page for answering one comment, for readers without JavaScript and for links in e-mails."""
    parent = get_object_or_404(Comment.objects.select_related("author"), pk=pk)
    article = _article(request, parent.article_id)
    if request.method == "POST":
        return _post(request, article=article, parent=parent)
    if parent.status != CommentStatus.PUBLISHED:
        raise Http404
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?next={request.path}")
    if not services.discussion_is_open(article):
        messages.error(request, services.CLOSED)
        return redirect(_comment_url(request, parent))
    return _compose(request, article=article, form=CommentForm(), mode="post", parent=parent)


@never_cache
@require_http_methods(["GET", "POST"])
def edit(request, pk):
    if not request.user.is_authenticated:
        if request.method == "GET":
            return redirect(f"{reverse('account_login')}?next={request.path}")
        comment = get_object_or_404(Comment, pk=pk)
        article = _article(request, comment.article_id)
        form = CommentForm(request.POST)
        return _compose(
            request, article=article, form=form, mode="edit", comment=comment, error=LOG_IN_FIRST, status=403
        )
    comment = get_object_or_404(Comment, pk=pk, author=request.user)
    article = _article(request, comment.article_id)
    if request.method == "GET":
        if not comment.is_editable_now() or comment.status not in {CommentStatus.PUBLISHED, CommentStatus.PENDING}:
            messages.error(request, services.EDIT_WINDOW_OVER)
            return redirect(_comment_url(request, comment))
        form = CommentForm(initial={"body": comment.body, "content_notes": comment.content_notes})
        return _compose(request, article=article, form=form, mode="edit", comment=comment)
    form = CommentForm(request.POST)
    try:
        services.comment_edit(
            comment=comment,
            editor=request.user,
            body=form.body_value(),
            safe_messaging_read=form.has_read_safe_messaging(),
        )
    except SafeMessagingCheck as check:
        return _compose(request, article=article, form=form, mode="edit", comment=comment, safe_messaging=check)
    except CommentRefused as refusal:
        return _compose(
            request, article=article, form=form, mode="edit", comment=comment, error=refusal.message,
            status=refusal.status_code,
        )  # fmt: skip
    except Exception:
        logger.exception("Editing comment %s failed", comment.pk)
        return _compose(
            request, article=article, form=form, mode="edit", comment=comment, error=SERVER_ERROR, status=500
        )
    messages.success(request, _("Your changes are saved."))
    return redirect(_comment_url(request, comment))


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def delete(request, pk):
    comment = get_object_or_404(Comment.objects.select_related("article"), pk=pk, author=request.user)
    article = _own_article(comment.article_id)
    if request.method == "POST":
        try:
            services.comment_delete(comment=comment, member=request.user)
        except CommentRefused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, _("Your comment is deleted."))
        return redirect(f"{article.get_url(request)}#comments")
    return render(request, "comments/delete.html", {"comment": comment, "article": article})


@never_cache
@login_required
@require_POST
def mute_author(request, pk):
    comment = get_object_or_404(Comment.objects.select_related("author", "article"), pk=pk)
    # Only a comment the asker can see names its writer: published, under an article they may read.
    if comment.author is None or comment.author_id == request.user.pk or comment.status != CommentStatus.PUBLISHED:
        raise Http404
    _article(request, comment.article_id)
    services.member_mute(muter=request.user, muted=comment.author)
    messages.success(
        request,
        _("You muted %(name)s: their comments are folded away for you. Nobody else is told.")
        % {"name": comment.author.pseudonym},
    )
    return redirect(_back(request, _comment_url(request, comment)))


@never_cache
@login_required
@require_POST
def unmute(request, user_pk):
    member = get_object_or_404(get_user_model(), pk=user_pk)
    services.member_unmute(muter=request.user, muted=member)
    messages.success(request, _("You unmuted %(name)s.") % {"name": member.pseudonym})
    return redirect(_back(request, reverse("comments:muted")))


@never_cache
@login_required
def muted(request):
    """The members the viewer muted, each with a button to unmute."""
    return render(request, "comments/muted.html", {"mutes": selectors.mutes_of(request.user)})


@never_cache
@login_required
@require_POST
def follow(request, article_pk):
    article = _article(request, article_pk)
    services.thread_follow(user=request.user, article=article)
    messages.success(request, _("You follow this discussion: new comments come to you by e-mail, at most hourly."))
    return redirect(f"{article.get_url(request)}#comments")


@never_cache
@login_required
@require_POST
def unfollow(request, article_pk):
    article = _own_article(article_pk)
    services.thread_unfollow(user=request.user, article=article)
    messages.success(request, _("You no longer follow this discussion."))
    return redirect(f"{article.get_url(request)}#comments")


@never_cache
@login_required
def history(request, pk):
    """Every version of a comment, for moderators: what the author wrote before each edit."""
    require(request.user, "moderation.queue.use")
    comment = get_object_or_404(Comment.objects.select_related("author", "article"), pk=pk)
    return render(
        request, "comments/history.html", {"comment": comment, "revisions": comment.revisions.order_by("-saved_at")}
    )


def csrf_failure(request, reason=""):
    """Django's answer to a form without a valid CSRF token, said so that nobody thinks their words are gone."""
    return render(request, "comments/csrf_failure.html", status=403)


CLAIM_REQUESTS_PER_HOUR = 5


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def claim_start(request):
    """A member asks for a link to claim the comments they wrote on the old site with an address of theirs."""
    form = ClaimForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        key = f"comments:claim-requests:{request.user.pk}"
        cache.add(key, 0, timeout=3600)
        if cache.incr(key) > CLAIM_REQUESTS_PER_HOUR:
            form.add_error(None, _("That is enough links for one hour; please try again later."))
            return render(request, "comments/claim.html", {"form": form}, status=429)
        services.claim_request(member=request.user, email=form.cleaned_data["email"])
        messages.info(
            request,
            _(
                "If comments on the old site were written with that address, we have e-mailed it a link. "
                "Open it while you are logged in here; it works for three days."
            ),
        )
        return redirect("comments:claim")
    return render(request, "comments/claim.html", {"form": form}, status=400 if form.errors else 200)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def claim_confirm(request, token):
    try:
        key = services.claim_token_read(token=token, member=request.user)
    except services.ClaimRefused as refusal:
        return render(request, "comments/claim_refused.html", {"refusal": refusal}, status=refusal.status)
    if request.method == "POST":
        claimed = services.comments_claim(member=request.user, token=token)
        messages.success(
            request,
            ngettext(
                "%(count)s comment from the old site is now in your account.",
                "%(count)s comments from the old site are now in your account.",
                claimed,
            )
            % {"count": claimed},
        )
        return redirect("comments:claim")
    claimable = services.comments_claimable(key).select_related("article").order_by("created_at")
    return render(
        request, "comments/claim_confirm.html", {"token": token, "count": claimable.count(), "sample": claimable[:5]}
    )


@never_cache
@login_required
@require_POST
def mark_helped(request, pk):
    """The member says this comment helped them; only its writer will see the count."""
    comment = get_object_or_404(Comment.objects.select_related("article"), pk=pk)
    _article(request, comment.article_id)
    try:
        services.comment_helped_mark(member=request.user, comment=comment)
    except CommentRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("Noted. The writer will see that their comment helped someone, never who."))
    return redirect(_back(request, _comment_url(request, comment)))


@never_cache
@login_required
@require_POST
def unmark_helped(request, pk):
    comment = get_object_or_404(Comment.objects.select_related("article"), pk=pk)
    _article(request, comment.article_id)
    services.comment_helped_unmark(member=request.user, comment=comment)
    messages.success(request, _("Your “this helped” mark is taken back."))
    return redirect(_back(request, _comment_url(request, comment)))
