from django import template

from fairfield.safety.selectors import country_of, lines_for

register = template.Library()

SHORT_LIST = 3


@register.inclusion_tag("safety/short_list.html", takes_context=True)
def crisis_lines_short(context):
    """The first few lines for the reader's country (else worldwide), peer-run and no-rescue first."""
    local, worldwide = lines_for(country_of(context["request"]))
    return {"lines": (local + worldwide)[:SHORT_LIST]}
