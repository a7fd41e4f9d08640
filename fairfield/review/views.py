"""The survivor-first review on the site: reading list, positionality, the reviewers' queue, commentaries, responses."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from fairfield.accounts.access import may
from fairfield.lib.errors import Refusal, refusal_response
from fairfield.publishing.models import ArticlePage
from fairfield.review import access, selectors, services
from fairfield.review.forms import (
    CommentaryForm,
    ConflictForm,
    HideForm,
    OverrideForm,
    PositionalityForm,
    ReadingItemForm,
    ReadingProgressForm,
    ResponseForm,
)
from fairfield.review.models import Claim, ConflictDeclaration, ReadingItem, ReadingReflection


def _form_error(form, error: ValidationError) -> None:
    form.add_error(None, error)


@login_required
@require_GET
def dashboard(request):
    user = request.user
    context = {"is_reviewer": selectors.is_reviewer(user), "is_editor": selectors.is_editor(user)}
    if context["is_reviewer"]:
        context["queue"] = selectors.queue_for(user)
        context["claims"] = list(selectors.claims_of(user))
    if selectors.is_contributor(user) or context["is_editor"]:
        context["blockers"] = selectors.submission_blockers(user)
        context["is_contributor"] = True
        context["my_articles"] = selectors.articles_in_first_read_by(user)
    if context["is_editor"]:
        context["in_first_read"] = list(selectors.articles_in_first_read())
    return render(request, "review/dashboard.html", context)


# The reading list


@require_GET
def reading_list(request):
    user = request.user
    endorsed = set()
    if user.is_authenticated:
        endorsed = set(user.reading_endorsements.values_list("item_id", flat=True))
    hidden = ReadingItem.objects.filter(hidden_at__isnull=False).order_by("hidden_at")
    return render(
        request,
        "review/reading_list.html",
        {
            "items": selectors.reading_list(),
            "hidden_items": hidden,
            "endorsed": endorsed,
            "is_reviewer": selectors.is_reviewer(user),
            "is_editor": selectors.is_editor(user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_propose(request):
    access.require_reviewer(request.user)
    form = ReadingItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.reading_item_propose(reviewer=request.user, **form.cleaned_data)
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Your proposal is on the reading list. It becomes required when endorsed."))
            return redirect("review:reading_list")
    return render(request, "review/item_propose.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_POST
def item_endorse(request, pk):
    access.require_reviewer(request.user)
    item = get_object_or_404(ReadingItem, pk=pk)
    try:
        services.reading_item_endorse(reviewer=request.user, item=item)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("You endorsed “%(title)s”.") % {"title": item.title})
    return redirect("review:reading_list")


@login_required
@require_http_methods(["GET", "POST"])
def item_hide(request, pk):
    access.require_editor(request.user)
    item = get_object_or_404(ReadingItem.objects.visible(), pk=pk)
    form = HideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.reading_item_hide(editor=request.user, item=item, reason=form.cleaned_data["reason"])
        messages.success(request, _("The item is hidden; your reason is shown in its place."))
        return redirect("review:reading_list")
    return render(request, "review/hide.html", {"form": form, "what": item.title}, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def reading_progress(request):
    access.require_contributor(request.user)
    required = selectors.required_items()
    record = ReadingReflection.objects.filter(contributor=request.user).first()
    initial = {"items": list(request.user.reading_items_read.values_list("item_id", flat=True))}
    if record:
        initial |= {"reflection": record.text, "publish": record.is_public}
    form = ReadingProgressForm(request.POST or None, initial=initial, required_items=required)
    if request.method == "POST" and form.is_valid():
        try:
            services.reading_list_complete(
                contributor=request.user,
                items_read=form.cleaned_data["items"],
                reflection=form.cleaned_data["reflection"],
                publish=form.cleaned_data["publish"],
            )
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Thank you. You have worked through the survivor reading list."))
            return redirect("review:dashboard")
    context = {"form": form, "record": record, "unread": selectors.unread_required_items(request.user)}
    return render(request, "review/reading_progress.html", context, status=400 if form.errors else 200)


# Positionality


@login_required
@require_http_methods(["GET", "POST"])
def positionality(request):
    access.require_contributor(request.user)
    latest = selectors.latest_statement(request.user)
    initial = {f: getattr(latest, f) for f in ("role", "power", "gain", "coercion")} if latest else None
    form = PositionalityForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        statement = services.positionality_write(author=request.user, **form.cleaned_data)
        messages.success(request, _("Version %(version)d of your statement is saved.") % {"version": statement.version})
        return redirect("review:dashboard")
    context = {"form": form, "latest": latest, "is_professional": selectors.is_professional(request.user)}
    return render(request, "review/positionality.html", context, status=400 if form.errors else 200)


# Conflicts


@login_required
@require_http_methods(["GET", "POST"])
def conflicts(request):
    access.require_reviewer(request.user)
    form = ConflictForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.conflict_declare(reviewer=request.user, member=form.cleaned_data["pseudonym"])
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Declared. You will not be offered their drafts."))
            return redirect("review:conflicts")
    declarations = ConflictDeclaration.objects.filter(reviewer=request.user).select_related("member")
    return render(
        request,
        "review/conflicts.html",
        {"form": form, "declarations": declarations},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def conflict_withdraw(request, pk):
    declaration = get_object_or_404(ConflictDeclaration, pk=pk, reviewer=request.user)
    services.conflict_withdraw(reviewer=request.user, declaration=declaration)
    messages.success(request, _("Withdrawn."))
    return redirect("review:conflicts")


# One draft in review


@login_required
@require_GET
def article(request, pk):
    user = request.user
    draft = access.article_for_review(user, pk)
    commentaries = selectors.commentaries_with_assessments(draft)
    is_author = selectors.is_author(user, draft)
    is_editor = selectors.is_editor(user)
    if not (is_author or is_editor):
        commentaries = [view for view in commentaries if view.commentary.reviewer_id == user.pk]
    for view in commentaries:
        view.attribution = access.attribution_for(user, view.commentary)
        view.sees_note = access.sees_private_note(user, view.commentary)
    task_state = selectors.first_read_task_state(draft)
    context = {
        "draft": draft,
        "commentaries": commentaries,
        "is_author": is_author,
        "is_editor": is_editor,
        "in_first_read": task_state is not None,
        "reviews_complete": selectors.reviews_complete(draft),
        "claim": selectors.active_claim(user, draft),
        "my_commentary": selectors.commentary_of(user, draft),
        "may_claim": selectors.is_reviewer(user) and draft in selectors.queue_for(user),
        "statements": _author_statements(draft) if (is_editor or selectors.is_reviewer(user)) else [],
    }
    return render(request, "review/article.html", context)


def _author_statements(draft):
    """What reviewers read beside the draft: each author's current statement and reading-list reflection."""
    from fairfield.accounts.models import User

    authors = User.objects.filter(pk__in=selectors.author_ids(draft))
    return [
        {
            "statement": selectors.latest_statement(author),
            "reflection": ReadingReflection.objects.filter(contributor=author).first(),
        }
        for author in authors
    ]


@login_required
@require_GET
def article_preview(request, pk):
    draft = access.article_for_reading(request.user, pk)
    revision = draft.get_latest_revision_as_object()
    response = revision.make_preview_request(request, revision.default_preview_mode)
    response["X-Robots-Tag"] = "noindex"
    return response


@login_required
@require_POST
def claim(request, pk):
    draft = access.article_for_review(request.user, pk)
    try:
        services.claim_take(reviewer=request.user, article=draft)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("The draft is yours to read. Take your time; the due date is below."))
    return redirect("review:article", pk=draft.pk)


@login_required
@require_POST
def release(request, pk):
    draft = access.article_for_review(request.user, pk)
    held = get_object_or_404(Claim.objects.active(), article=draft, reviewer=request.user)
    services.claim_release(reviewer=request.user, claim=held)
    messages.success(request, _("Released; the draft is back in the queue."))
    return redirect("review:dashboard")


@login_required
@require_http_methods(["GET", "POST"])
def commentary(request, pk):
    user = request.user
    draft = access.article_for_reading(user, pk)
    existing = selectors.commentary_of(user, draft)
    if existing is None and selectors.active_claim(user, draft) is None:
        raise PermissionDenied
    initial = None
    if existing:
        current = existing.assessments.first()
        initial = {
            "body": existing.body,
            "private_note": existing.private_note,
            "attribution": existing.attribution,
            "verdict": current.verdict if current else None,
            "reasons": current.reasons if current else "",
        }
    form = CommentaryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if existing:
                services.commentary_update(reviewer=user, commentary=existing, **form.cleaned_data)
            else:
                services.commentary_write(reviewer=user, article=draft, **form.cleaned_data)
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Your commentary is saved."))
            return redirect("review:article", pk=draft.pk)
    context = {"form": form, "draft": draft, "existing": existing}
    return render(request, "review/commentary.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def respond(request, pk):
    answered = access.commentary_for_author(request.user, pk)
    if answered.is_hidden:
        raise Http404
    existing = getattr(answered, "response", None)
    form = ResponseForm(request.POST or None, initial={"body": existing.body} if existing else None)
    if request.method == "POST" and form.is_valid():
        services.response_write(author=request.user, commentary=answered, body=form.cleaned_data["body"])
        messages.success(request, _("Your response is saved; readers will see it under the commentary."))
        return redirect("review:article", pk=answered.article_id)
    context = {"form": form, "commentary": answered, "attribution": access.attribution_for(request.user, answered)}
    return render(request, "review/respond.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def commentary_hide(request, pk):
    hidden = access.commentary_for_editor(request.user, pk)
    form = HideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.commentary_hide(editor=request.user, commentary=hidden, reason=form.cleaned_data["reason"])
        messages.success(request, _("The commentary is hidden; your reason is shown in its place."))
        return redirect("review:article", pk=hidden.article_id)
    what = _("the commentary by %(name)s") % {"name": access.attribution_for(request.user, hidden)}
    return render(request, "review/hide.html", {"form": form, "what": what}, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def override(request, pk):
    """An editor publishes an article without its survivor first read, with a reason every reader will see."""
    if not selectors.is_editor(request.user):
        raise Http404
    article = get_object_or_404(ArticlePage.objects.defer("body"), pk=pk)
    if not may(request.user, "review.first_read.override", article):
        raise PermissionDenied
    if not selectors.first_read_outstanding(article):
        messages.info(request, _("This article does not wait for a survivor first read; publish it as usual."))
        return redirect("wagtailadmin_pages:edit", article.pk)
    form = OverrideForm(request.POST or None)
    context = {"form": form, "article": article}
    if request.method == "POST" and form.is_valid():
        try:
            services.first_read_override(editor=request.user, article=article, reason=form.cleaned_data["reason"])
        except Refusal as refusal:
            return refusal_response(request, refusal, template="review/override.html", context=context, form=form)
        article.refresh_from_db()
        if article.live:
            messages.success(request, _("Published. The reason is shown on the article."))
        else:
            messages.success(request, _("Scheduled. The reason will be shown on the article."))
        return redirect("wagtailadmin_pages:edit", article.pk)
    return render(request, "review/override.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def send_to_editors(request, pk):
    draft = access.article_for_review(request.user, pk)
    if not selectors.is_author(request.user, draft):
        raise PermissionDenied
    try:
        services.review_send_to_editors(author=request.user, article=draft)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("review:article", pk=draft.pk)
    messages.success(request, _("Sent to the editors, with the survivor commentaries and your responses."))
    return redirect("review:dashboard")


# Readers


@require_GET
def reviewed(request):
    articles = list(selectors.reviewed_articles())
    for item in articles:
        item.current_assessments = [
            current
            for commentary in item.commentaries.all()
            if not commentary.is_hidden and (current := next(iter(commentary.assessments.all()), None))
        ]
    return render(request, "review/reviewed.html", {"articles": articles})
