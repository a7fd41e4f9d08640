from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def survivor_first_read(context, page):
    """The survivor reviewers' label, commentaries and the author's responses beside an article."""
    return ""


@register.simple_tag(takes_context=True)
def contributor_review_record(context, contributor):
    """On an author page: the reading list worked through and the positionality statement."""
    return ""
