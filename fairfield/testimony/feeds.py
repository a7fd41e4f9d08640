"""The archive's RSS feed and sitemap section: public testimonies only, the redacted copy only."""

from django.contrib.sitemaps import Sitemap
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from fairfield.testimony.cache import archive_cached
from fairfield.testimony.selectors import testimonies_public

FEED_LENGTH = 30


class TestimonyFeed(Feed):
    def __call__(self, request, *args, **kwargs):
        return archive_cached(super().__call__)(request, *args, **kwargs)

    def title(self):
        return _("Fairfield testimony archive")

    def link(self):
        return reverse("testimony:archive")

    def description(self):
        return _("Testimonies published with their writers' consent, with anything identifying removed.")

    def items(self):
        return testimonies_public()[:FEED_LENGTH]

    def item_title(self, item):
        return item.title or _("A testimony")

    def item_description(self, item):
        return Truncator(item.public_text).words(80)

    def item_link(self, item):
        return reverse("testimony:detail", args=[item.public_id])

    def item_pubdate(self, item):
        return item.published_at

    def item_author_name(self, item):
        return item.byline


class TestimonySitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return testimonies_public().only("public_id", "published_at")

    def location(self, item):
        return reverse("testimony:detail", args=[item.public_id])

    def lastmod(self, item):
        return item.published_at
