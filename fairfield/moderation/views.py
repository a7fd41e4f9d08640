"""Members' side of moderation: flagging a comment, and asking once for a removed comment to be looked at again."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from fairfield.comments.access import may_discuss
from fairfield.comments.models import Comment, CommentStatus
from fairfield.comments.services import member_is_verified
from fairfield.moderation import services
from fairfield.moderation.forms import AppealForm, FlagForm
from fairfield.moderation.models import Appeal, Flag, FlagReason


def _visible_comment(request, pk) -> Comment:
    """A comment under an article the member may read (its view restrictions honoured), or 404."""
    comment = get_object_or_404(Comment.objects.select_related("article", "author"), pk=pk)
    if not may_discuss(request, comment.article):
        raise Http404
    return comment


def _own_comment(pk) -> Comment:
    """The author's own comment, for an appeal, even where they can no longer read the article."""
    comment = get_object_or_404(Comment.objects.select_related("article", "author"), pk=pk)
    if not comment.article.live:
        raise Http404
    return comment


def _flag_refusal(user, comment: Comment) -> str:
    """Why this member cannot flag this comment, or "" if they can."""
    if comment.author_id == user.pk:
        return _("This is your own comment. You can edit or delete it instead of flagging it.")
    if not member_is_verified(user):
        return _("Please confirm your e-mail address before flagging comments.")
    return ""


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def comment_flag(request, pk):
    """A member flags a comment for moderators, with a reason."""
    comment = _visible_comment(request, pk)
    if comment.status != CommentStatus.PUBLISHED:
        raise Http404
    context = {"comment": comment}
    refusal = _flag_refusal(request.user, comment)
    if refusal:
        return render(request, "moderation/flag_refused.html", {**context, "refusal": refusal}, status=403)
    earlier = Flag.objects.filter(comment=comment, flagged_by=request.user).first()
    if earlier is not None:
        status = 409 if request.method == "POST" else 200
        return render(request, "moderation/flag_done.html", {**context, "flag": earlier}, status=status)
    form = FlagForm(request.POST) if request.method == "POST" else FlagForm()
    if request.method == "POST" and form.is_valid():
        try:
            services.flag_create(
                comment=comment,
                member=request.user,
                reason=FlagReason(form.cleaned_data["reason"]),
                text=form.cleaned_data["text"],
            )
        except services.ModerationRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("Thank you. Moderators will look at the comment."))
            return redirect("moderation:flag", pk=comment.pk)
    status = 400 if form.errors else 200
    return render(request, "moderation/flag.html", {**context, "form": form}, status=status)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def comment_appeal(request, pk):
    """The author of a removed or held comment asks, once, for a different moderator to review it."""
    comment = _own_comment(pk)
    if comment.author_id != request.user.pk:
        raise Http404
    context = {"comment": comment}
    appeal = Appeal.objects.filter(comment=comment).first()
    if appeal is not None:
        status = 409 if request.method == "POST" else 200
        return render(request, "moderation/appeal_done.html", {**context, "appeal": appeal}, status=status)
    if comment.status not in {CommentStatus.REMOVED, CommentStatus.HELD}:
        return render(request, "moderation/appeal_not_removed.html", context, status=409)
    form = AppealForm(request.POST) if request.method == "POST" else AppealForm()
    if request.method == "POST" and form.is_valid():
        try:
            services.appeal_submit(comment=comment, author=request.user, text=form.cleaned_data["text"])
        except services.ModerationRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("Your request is with the moderators."))
            return redirect("moderation:appeal", pk=comment.pk)
    status = 400 if form.errors else 200
    return render(request, "moderation/appeal.html", {**context, "form": form}, status=status)
