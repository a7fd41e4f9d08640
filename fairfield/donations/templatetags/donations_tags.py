from django import template
from django.template.loader import render_to_string

from fairfield.donations.money import money_format

register = template.Library()


@register.filter
def money(cents, currency="USD"):
    """{{ donation.amount_cents|money:donation.currency }} → "$20.00"."""
    return money_format(int(cents or 0), currency)


@register.simple_tag(takes_context=True)
def support_us(context, page):
    """The compact "Support us" block that ends an article, when the site setting turns it on."""
    from fairfield.donations.models import DonationSettings
    from fairfield.donations.selectors import campaign_progress

    request = context.get("request")
    if request is None:
        return ""
    site_settings = DonationSettings.for_request(request)
    support_page = site_settings.support_page
    if not site_settings.show_support_block or support_page is None or not support_page.live:
        return ""
    support_page = support_page.specific
    progress = campaign_progress(support_page.campaign, currency=site_settings.currency)
    return render_to_string(
        "donations/support_us.html",
        {"support_page": support_page, "campaign": support_page.campaign, "progress": progress, "where": "block"},
        request=request,
    )
