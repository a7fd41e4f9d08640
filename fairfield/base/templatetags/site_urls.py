"""{% absolute_url path %} and {% page_absolute_url page %}: addresses for canonical links, og:url and feeds."""

from django import template

from fairfield.lib import urls

register = template.Library()


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    return urls.absolute_url(path, context.get("request"))


@register.simple_tag(takes_context=True)
def page_absolute_url(context, page):
    return urls.page_absolute_url(page, context.get("request"))
