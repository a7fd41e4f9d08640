"""RSS 2.0 and Atom feeds of live, public articles: the whole site, a section, an author, a tag.

Bylines come from ArticleContributor.public_name only, so a piece published under initials
or anonymously never names its writer, and an author's feed lists only their NAME credits.
"""

import copy
import re

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from taggit.models import Tag

from fairfield.lib.urls import absolute_url, page_absolute_url
from fairfield.publishing import selectors
from fairfield.publishing.models import PublishingSettings, SectionPage, audio_type
from fairfield.publishing.reading import ReadingChoices, notes_parse

FEED_LENGTH = 30


def survivor_commentaries_prefetch() -> Prefetch:
    from fairfield.review.models import SurvivorCommentary

    return Prefetch(
        "commentaries",
        queryset=SurvivorCommentary.objects.filter(hidden_at__isnull=True).select_related("reviewer"),
        to_attr="visible_commentaries",
    )


ROOT_RELATIVE = re.compile(r'\b(href|src)="/(?!/)')
SITE_NAME = "Fairfield"


class ArticleFeed(Feed):
    """The site-wide feed; subclasses narrow the articles and rename the feed."""

    feed_type = Rss201rev2Feed
    author_name = SITE_NAME

    def __call__(self, request, *args, **kwargs):
        # One feed instance serves every request; per-request state goes on a copy of it.
        feed = copy.copy(self)
        feed.request = request
        feed.full_text = PublishingSettings.for_request(request).feeds_full_text
        # Feed readers send no cookies: ?fold=restraint,ect folds the same notes as the reader's choices.
        feed.reading = ReadingChoices(fold=notes_parse(request.GET.get("fold", "")))
        return Feed.__call__(feed, request, *args, **kwargs)

    def get_object(self, request, *args, **kwargs):
        return None

    def title(self, obj):
        return SITE_NAME

    def description(self, obj):
        return _("New writing from Fairfield, the reader-funded magazine where survivors speak first.")

    def link(self, obj):
        return "/"

    def feed_url(self, obj):
        return absolute_url(self.request.path, self.request)

    def articles(self, obj):
        return selectors.articles_published()

    def items(self, obj):
        articles = self.articles(obj)
        if self.full_text:
            articles = articles.defer(None)
        return list(articles.prefetch_related(survivor_commentaries_prefetch())[:FEED_LENGTH])

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return page_absolute_url(item, self.request) or absolute_url(item.url_path, self.request)

    def item_pubdate(self, item):
        return item.sort_date or item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at or self.item_pubdate(item)

    def item_author_name(self, item):
        names = [credit.public_name for credit in item.article_contributors.all()]
        return ", ".join(names) or None

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]

    def item_description(self, item):
        if folded := self.reading.folded(item.content_notes):
            return format_html("<p>{}</p>", _("Folded at your choice: notes on %s.") % ", ".join(folded))
        notes = ""
        if item.content_note_labels:
            notes = format_html("<p>{}</p>", _("Content notes: %s") % ", ".join(item.content_note_labels))
        commentaries = self.survivor_commentaries(item)
        if self.full_text:
            return notes + self.absolute_links(str(item.body)) + commentaries
        return notes + (format_html("<p>{}</p>", item.standfirst) if item.standfirst else "") + commentaries

    def survivor_commentaries(self, item):
        """The survivor reviewers' public commentaries travel with the article (the review app's)."""
        return format_html_join(
            "",
            "<blockquote><p>{}</p><p>{}</p></blockquote>",
            (
                (_("Survivor first read — commentary by %s:") % commentary.public_attribution, commentary.body)
                for commentary in item.visible_commentaries
            ),
        )

    def absolute_links(self, html):
        """Feed readers show the body away from the site, where a link to "/about/" leads nowhere."""
        base = absolute_url("/", self.request)
        return ROOT_RELATIVE.sub(lambda match: f'{match.group(1)}="{base}', html)


class AtomMixin:
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)


class SiteRss(ArticleFeed):
    pass


class SiteAtom(AtomMixin, ArticleFeed):
    pass


class SectionRss(ArticleFeed):
    def get_object(self, request, slug):
        section = SectionPage.objects.live().public().filter(slug=slug).order_by("path").first()
        if section is None:
            raise Http404("No such section")
        return section

    def title(self, obj):
        return f"{SITE_NAME} · {obj.title}"

    def description(self, obj):
        return obj.description or _("New writing in %s.") % obj.title

    def link(self, obj):
        return page_absolute_url(obj, self.request) or "/"

    def articles(self, obj):
        return selectors.articles_in_section(obj)


class SectionAtom(AtomMixin, SectionRss):
    pass


class AuthorRss(ArticleFeed):
    """Only contributors with a live piece under their own name have a feed; the rest are 404."""

    def get_object(self, request, slug):
        contributor = selectors.contributors_public().filter(slug=slug).first()
        if contributor is None:
            raise Http404("No such author")
        return contributor

    def title(self, obj):
        return f"{SITE_NAME} · {obj.display_name}"

    def description(self, obj):
        return _("New writing by %s.") % obj.display_name

    def link(self, obj):
        return absolute_url(reverse("publishing:contributor", args=[obj.slug]), self.request)

    def articles(self, obj):
        return selectors.articles_by_contributor(obj)


class AuthorAtom(AtomMixin, AuthorRss):
    pass


class TagRss(ArticleFeed):
    def get_object(self, request, slug):
        tag = Tag.objects.filter(slug=slug).first()
        if tag is None:
            raise Http404("No such tag")
        return tag

    def title(self, obj):
        return f"{SITE_NAME} · {obj.name}"

    def description(self, obj):
        return _("New writing tagged “%s”.") % obj.name

    def link(self, obj):
        return absolute_url(reverse("publishing:tag", args=[obj.slug]), self.request)

    def articles(self, obj):
        return selectors.articles_with_tag(obj.slug).distinct()


class TagAtom(AtomMixin, TagRss):
    pass


class PodcastFeedGenerator(Rss201rev2Feed):
    """RSS 2.0 with the iTunes and Podcasting 2.0 tags podcast apps read."""

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd",
            "xmlns:podcast": "https://podcastindex.org/namespace/1.0",
        }

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        handler.addQuickElement("itunes:author", SITE_NAME)
        handler.addQuickElement("itunes:summary", self.feed["description"])
        handler.addQuickElement("itunes:explicit", "false")
        handler.addQuickElement("itunes:type", "episodic")
        handler.addQuickElement("itunes:category", attrs={"text": "Health & Fitness"})
        handler.addQuickElement("podcast:locked", "yes")

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("duration"):
            handler.addQuickElement("itunes:duration", str(item["duration"]))
        handler.addQuickElement("itunes:explicit", "false")
        handler.addQuickElement("itunes:episodeType", "full")
        handler.addQuickElement("podcast:transcript", attrs={"url": item["transcript_url"], "type": "text/html"})


class PodcastRss(SectionRss):
    """A podcast section's episodes: its live, public articles that carry a recording."""

    feed_type = PodcastFeedGenerator

    def get_object(self, request, slug):
        section = super().get_object(request, slug)
        if not section.is_podcast:
            raise Http404("This section is not a podcast")
        return section

    def title(self, obj):
        return _("%(section)s · a Fairfield podcast") % {"section": obj.title}

    def articles(self, obj):
        return super().articles(obj).filter(audio__isnull=False).select_related("audio")

    def item_enclosures(self, item):
        return [
            Enclosure(
                absolute_url(item.audio.url, self.request), str(item.audio.get_file_size() or 0), audio_type(item.audio)
            )
        ]

    def item_extra_kwargs(self, item):
        return {
            "duration": item.audio_seconds,
            "transcript_url": self.item_link(item) + "#transcript",
        }
