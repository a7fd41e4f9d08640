"""Template helpers for reader pages: structured data for search engines and the page's feed links."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from fairfield.lib.urls import absolute_url, page_absolute_url

register = template.Library()

# The same characters Django's json_script escapes, so nothing in the data can close the element.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
PUBLISHER = "Fairfield"


@register.simple_tag(takes_context=True)
def article_json_ld(context, page, credits):
    """A schema.org Article as a JSON-LD data block. Authors appear by their public name only."""
    request = context.get("request")
    url = page_absolute_url(page, request)
    authors = []
    for credit in credits:
        author = {"@type": "Person", "name": credit.public_name}
        if credit.is_public and request is not None:
            author["url"] = absolute_url(reverse("publishing:contributor", args=[credit.contributor.slug]), request)
        authors.append(author)
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": page.title,
        "description": page.standfirst or page.search_description,
        "datePublished": page.date,
        "dateModified": page.last_published_at or page.date,
        "author": authors,
        "publisher": {"@type": "Organization", "name": PUBLISHER},
        "mainEntityOfPage": url,
        "url": url,
        "keywords": [tag.name for tag in context.get("tags", [])],
    }
    payload = json.dumps({key: value for key, value in data.items() if value}, cls=DjangoJSONEncoder)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload.translate(_JSON_ESCAPES)))


@register.simple_tag
def feed_links(kind, slug=None, *, title=""):
    """<link rel="alternate"> for the RSS and Atom feeds of a page, when the feeds are installed."""
    kwargs = {"slug": slug} if slug is not None else {}
    links = []
    for fmt, mime in (("rss", "application/rss+xml"), ("atom", "application/atom+xml")):
        try:
            href = reverse(f"syndication:{kind}_{fmt}", kwargs=kwargs)
        except NoReverseMatch:
            continue
        links.append(
            format_html(
                '<link rel="alternate" type="{}" title="{} ({})" href="{}">',
                mime,
                title,
                fmt.upper() if fmt == "rss" else "Atom",
                href,
            )
        )
    return mark_safe("\n".join(links))


@register.simple_tag
def feed_url(kind, fmt, slug=None):
    """The address of a feed, or an empty string while the feeds are not installed."""
    kwargs = {"slug": slug} if slug is not None else {}
    try:
        return reverse(f"syndication:{kind}_{fmt}", kwargs=kwargs)
    except NoReverseMatch:
        return ""


@register.filter
def audio_type(document) -> str:
    from fairfield.publishing.models import audio_type as type_of

    return type_of(document)


@register.filter
def as_duration(seconds) -> str:
    """1:02:03 or 4:05, as podcast apps show a length."""
    hours, rest = divmod(int(seconds or 0), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


@register.filter
def folded_by(article, reading) -> list[str]:
    """The labels of the article's notes this reader folds away (empty: show it as usual)."""
    return reading.folded(getattr(article, "content_notes", ())) if reading else []
