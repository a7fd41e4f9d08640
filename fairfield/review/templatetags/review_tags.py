from django import template
from django.template.loader import render_to_string

from fairfield.review import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def survivor_first_read(context, page):
    """The survivor reviewers' label, commentaries and the author's responses beside an article."""
    request = context.get("request")
    if request is not None and getattr(request, "is_preview", False):
        return ""  # a draft's commentaries are not public yet
    if not page.needs_survivor_read:
        return ""  # the plain editorial path (submission marks every article that is read first)
    override = selectors.first_read_override_of(page)
    if override is not None:
        return render_to_string("review/includes/first_read_override.html", {"override": override}, request=request)
    first_read = selectors.first_read_of(page)
    if first_read is None:
        return ""
    return render_to_string("review/includes/first_read.html", {"first_read": first_read}, request=request)


@register.simple_tag(takes_context=True)
def contributor_review_record(context, contributor):
    """On an author page: the reading list worked through and the positionality statement."""
    record = selectors.worked_through(contributor)
    statement = selectors.latest_statement(contributor.account) if contributor.account_id else None
    if record is None and statement is None:
        return ""
    return render_to_string(
        "review/includes/review_record.html",
        {"record": record, "statement": statement},
        request=context.get("request"),
    )
