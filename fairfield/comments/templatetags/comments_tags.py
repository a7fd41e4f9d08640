from django import template

from fairfield.comments.selectors import thread_for_article

register = template.Library()


@register.inclusion_tag("comments/thread.html")
def comment_thread(article, request):
    """The read-only discussion under an article; `?comments=newest` puts the latest threads first."""
    newest_first = request.GET.get("comments") == "newest"
    return {
        "article": article,
        "thread": thread_for_article(article, newest_first=newest_first),
        "newest_first": newest_first,
    }
