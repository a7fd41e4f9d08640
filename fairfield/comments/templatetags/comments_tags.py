import functools

from django import template
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.safestring import mark_safe
from wagtail.models import Site

from fairfield.comments import selectors, services
from fairfield.comments.forms import CommentForm
from fairfield.comments.rendering import body_render
from fairfield.publishing.reading import reading_choices

register = template.Library()


@register.inclusion_tag("comments/thread.html")
def comment_thread(article, request):
    """The discussion under an article as the viewer sees it; `?comments=newest` puts the latest threads first."""
    newest_first = request.GET.get("comments") == "newest"
    viewer = request.user
    site = Site.find_for_request(request)
    is_open = services.discussion_is_open(article, site=site)
    standing = selectors.viewer_standing(viewer=viewer, article=article)
    return {
        "article": article,
        "reading": reading_choices(request),
        "thread": selectors.thread_for_article(article, newest_first=newest_first, viewer=viewer),
        "newest_first": newest_first,
        "viewer": viewer,
        "is_open": is_open,
        "may_write": is_open and standing.verified,
        "following": standing.following,
        "form": CommentForm(),
        "action": reverse("comments:post", args=[article.pk]),
        "draft_key": f"article-{article.pk}-top",
        # Readers get no forms, and no CSRF cookie, so their copy of the page can be cached for everyone.
        "csrf_token": get_token(request) if viewer.is_authenticated else "",
        "login_url": f"{reverse('account_login')}?next={request.path}%23comments",
        "request": request,
    }


# Per-comment links built from one reverse() each, not a {% url %} per comment: on a 300-comment thread
# the resolver was a large part of a member's render.
COMMENT_URLS = {
    "reply": "comments:reply",
    "edit": "comments:edit",
    "delete": "comments:delete",
    "flag": "moderation:flag",
    "mute": "comments:mute",
    "unmute": "comments:unmute",
    "helped": "comments:helped",
    "unhelped": "comments:unhelped",
}


@functools.cache  # the URLconf does not change while the process runs
def _url_parts(name: str) -> tuple[str, str]:
    head, _, tail = reverse(COMMENT_URLS[name], args=[987654321]).partition("987654321")
    return head, tail


@register.filter
def comment_url(pk, name):
    """`{{ comment.pk|comment_url:"reply" }}`: the same path as `{% url "comments:reply" comment.pk %}`."""
    head, tail = _url_parts(name)
    return f"{head}{int(pk)}{tail}"


@register.simple_tag
def comment_body(comment):
    """The comment's sanitised HTML: stored when it was posted, rendered now for imported comments."""
    return mark_safe(comment.body_html or body_render(comment.body))  # nh3 sanitised it on the way out of body_render.


@register.simple_tag
def comment_counts_for(articles):
    """Published comments per article of a listing, in one query: `{% comment_counts_for articles as counts %}`."""
    return selectors.comment_counts(article_ids=[article.pk for article in articles])


@register.filter
def count_for(counts, article_id):
    """`{{ counts|count_for:article.pk }}`: the article's comment count from comment_counts_for, 0 if none."""
    return counts.get(article_id, 0)
