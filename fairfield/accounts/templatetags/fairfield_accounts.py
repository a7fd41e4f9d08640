from django import template

from fairfield.accounts.roles import requires_mfa

register = template.Library()


@register.filter
def needs_second_factor(user) -> bool:
    """Whether the user's roles oblige them to use two-factor authentication."""
    return requires_mfa(user)
