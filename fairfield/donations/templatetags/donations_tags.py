from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def support_us(context, page):
    """The compact "Support us" block that ends an article; empty until donations are set up."""
    return ""
