import math
from collections.abc import Iterable

from django.conf import settings
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import OuterRef, Subquery
from django.http import Http404
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageViewRestriction
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from fairfield.publishing import gates, page_cache
from fairfield.publishing.blocks import ArticleBodyBlock, embed_origin
from fairfield.publishing.forms import ArticlePageForm
from fairfield.publishing.visibility import public_q, restricted_paths

ARTICLES_PER_PAGE = 20
WORDS_PER_MINUTE = 230


class ContentNote(models.TextChoices):
    """Difficult material a reader may want to know about before reading."""

    RESTRAINT = "restraint", _("Restraint")
    SECLUSION = "seclusion", _("Seclusion")
    FORCED_MEDICATION = "forced_medication", _("Forced medication")
    ECT = "ect", _("ECT")
    SUICIDE = "suicide", _("Suicide")
    SELF_HARM = "self_harm", _("Self-harm")
    SEXUAL_VIOLENCE = "sexual_violence", _("Sexual violence")
    WITHDRAWAL = "withdrawal", _("Drug withdrawal")
    POLICE = "police", _("Police")
    INVOLUNTARY_DETENTION = "detention", _("Involuntary detention")
    CHILD_REMOVAL = "child_removal", _("Child removal")


SAFE_MESSAGING_NOTES = frozenset({ContentNote.SUICIDE, ContentNote.SELF_HARM})


class Byline(models.TextChoices):
    NAME = "name", _("Display name")
    INITIALS = "initials", _("Initials only")
    ANONYMOUS = "anonymous", _("Anonymous")


@register_snippet
class Contributor(index.Indexed, models.Model):
    """A person who writes for Fairfield, as readers see them.

    The link to a member account is optional and visible to editors only.
    """

    display_name = models.CharField(_("display name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=140, unique=True, allow_unicode=True)
    bio = models.TextField(_("short bio"), max_length=1200, blank=True)
    is_survivor = models.BooleanField(_("psychiatric survivor"), default=False)
    is_family = models.BooleanField(_("family member"), default=False)
    is_professional = models.BooleanField(_("mental-health or legal professional"), default=False)
    is_peer_worker = models.BooleanField(_("peer worker"), default=False)
    is_ally = models.BooleanField(_("ally"), default=False)
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contributor",
        help_text=_("Private: only editors see which account a contributor belongs to."),
    )

    panels = [
        FieldPanel("display_name"),
        FieldPanel("slug"),
        FieldPanel("bio"),
        MultiFieldPanel(
            [FieldPanel(name) for name in ("is_survivor", "is_family", "is_professional", "is_peer_worker", "is_ally")],
            heading=_("Self-described perspectives"),
        ),
        FieldPanel("account"),
    ]
    search_fields = [index.SearchField("display_name"), index.AutocompleteField("display_name")]

    class Meta:
        ordering = ["display_name"]
        verbose_name = _("contributor")
        verbose_name_plural = _("contributors")

    def __str__(self):
        return self.display_name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.display_name, allow_unicode=True)[:140] or "contributor"
        super().save(*args, **kwargs)

    @property
    def perspectives(self) -> list[str]:
        labels = [
            (self.is_survivor, _("Psychiatric survivor")),
            (self.is_family, _("Family member")),
            (self.is_professional, _("Professional")),
            (self.is_peer_worker, _("Peer worker")),
            (self.is_ally, _("Ally")),
        ]
        return [str(label) for flag, label in labels if flag]

    @property
    def initials(self) -> str:
        return "".join(f"{part[0]}." for part in self.display_name.split() if part[:1].isalpha()) or "A."


@register_snippet
class Topic(models.Model):
    """An editor-curated subject that cuts across sections (e.g. "Coming off psychiatric drugs")."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=90, unique=True, allow_unicode=True)
    description = models.CharField(_("description"), max_length=300, blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.name


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey("publishing.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE)


# The recordings podcast apps and browsers play everywhere, by file extension.
AUDIO_TYPES = {
    "mp3": "audio/mpeg",
    "m4a": "audio/mp4",
    "ogg": "audio/ogg",
    "oga": "audio/ogg",
    "opus": "audio/ogg",
    "wav": "audio/wav",
}


def audio_type(document) -> str:
    """The MIME type of a recording, or "" for a file that is not one we can play."""
    return AUDIO_TYPES.get(document.file_extension.lower(), "") if document is not None else ""


class SectionPage(Page):
    """A section of the magazine (Blogs, Personal Stories, News …) listing its articles."""

    description = models.CharField(_("description"), max_length=300, blank=True)
    needs_survivor_read = models.BooleanField(
        _("needs a survivor first read"),
        default=False,
        help_text=_("Every article submitted in this section is read by survivor reviewers first."),
    )
    is_podcast = models.BooleanField(
        _("this section is a podcast"),
        default=False,
        help_text=_("Its podcast feed carries each article's recording, for podcast apps."),
    )

    content_panels = [*Page.content_panels, FieldPanel("description")]
    settings_panels = [*Page.settings_panels, FieldPanel("needs_survivor_read"), FieldPanel("is_podcast")]
    parent_page_types = ["base.HomePage"]
    subpage_types = ["publishing.ArticlePage"]

    def route(self, request, path_components):
        """Articles are a section's only children: find one by slug in a single query, not two."""
        if not path_components:
            return super().route(request, path_components)
        try:
            article = ArticlePage.objects.child_of(self).get(slug=path_components[0])
        except ArticlePage.DoesNotExist as missing:
            raise Http404 from missing
        article._cached_parent_obj = self  # treebeard's get_parent() reads this instead of querying
        return article.route(request, path_components[1:])

    def get_context(self, request, *args, **kwargs):
        from fairfield.publishing.selectors import articles_in_section

        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(articles_in_section(self), ARTICLES_PER_PAGE)
        context["articles"] = paginator.get_page(request.GET.get("page"))
        return context


class ArticlePage(Page):
    standfirst = models.CharField(_("standfirst"), max_length=400, blank=True)
    body = StreamField(ArticleBodyBlock(), blank=True, verbose_name=_("body"))
    publication_date = models.DateTimeField(
        _("publication date"),
        null=True,
        blank=True,
        help_text=_("Shown to readers. Leave blank to use the moment the article is first published."),
    )
    content_notes = models.JSONField(_("content notes"), default=list, blank=True)
    content_note_other = models.CharField(_("other content notes"), max_length=200, blank=True)
    tags = ClusterTaggableManager(through=ArticleTag, blank=True, verbose_name=_("tags"))
    topics = ParentalManyToManyField(Topic, blank=True, related_name="articles", verbose_name=_("topics"))
    comments_open = models.BooleanField(_("comments open"), default=True)
    reading_minutes = models.PositiveSmallIntegerField(_("reading time in minutes"), default=1, editable=False)
    needs_survivor_read = models.BooleanField(
        _("needs a survivor first read"),
        default=False,
        help_text=_("Survivor reviewers read this article before the editors, whoever wrote it."),
    )
    audio = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recording"),
        help_text=_("A reading of the piece or a podcast episode: MP3, M4A, Ogg, Opus or WAV."),
    )
    audio_seconds = models.PositiveIntegerField(
        _("length of the recording in seconds"), null=True, blank=True, validators=[MaxValueValidator(24 * 3600)]
    )
    transcript = models.TextField(
        _("transcript"),
        blank=True,
        help_text=_("Everything said in the recording, for people who read rather than listen. Required with audio."),
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("standfirst"),
        index.SearchField("body"),
        index.RelatedFields("article_contributors", [index.SearchField("public_name")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.SearchField("survivor_commentary_text"),
        index.SearchField("transcript"),
        index.FilterField("publication_date"),
        index.FilterField("path"),
        index.FilterField("depth"),
    ]
    content_panels = [
        *Page.content_panels,
        FieldPanel("standfirst"),
        InlinePanel("article_contributors", label=_("Contributors"), min_num=1),
        MultiFieldPanel(
            [FieldPanel("content_notes"), FieldPanel("content_note_other")],
            heading=_("Content notes"),
            help_text=_("Readers see these before the article, and the body starts folded away behind them."),
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("audio"), FieldPanel("audio_seconds"), FieldPanel("transcript")],
            heading=_("Audio"),
        ),
    ]
    promote_panels = [
        *Page.promote_panels,
        FieldPanel("publication_date"),
        FieldPanel("tags"),
        FieldPanel("topics"),
        InlinePanel("related_links", label=_("Related articles")),
    ]
    settings_panels = [*Page.settings_panels, FieldPanel("comments_open"), FieldPanel("needs_survivor_read")]
    base_form_class = ArticlePageForm
    parent_page_types = ["publishing.SectionPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [models.Index(fields=["publication_date"], name="publishing_article_date")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(reading_minutes__gte=1), name="publishing_reading_minutes_positive"
            )
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["credits"] = list(self.article_contributors.select_related("contributor"))
        context["tags"] = list(self.tags.all())
        context["page_topics"] = list(self.topics.all())
        context["related_articles"] = list(self.related_articles()) if self.pk else []
        context["embed_origins"] = self.embed_origins()
        # Home and section, both already loaded while routing the request here.
        section = self.get_parent()
        context["breadcrumb_trail"] = [section.get_parent(), section]
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if origins := self.embed_origins():
            # Only this page may frame the players it embeds; everywhere else frame-src stays 'none'.
            response._csp_config = {**settings.SECURE_CSP, "frame-src": sorted(origins)}
        page_cache.response_keep(self, request, response)
        return response

    def get_view_restrictions(self):
        """Wagtail's check on every request, skipped while the site has no view restriction at all."""
        if not restricted_paths():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def related_articles(self):
        """The editors' related picks that readers can open, in the editors' order, in one query."""
        position = RelatedArticle.objects.filter(article_id=self.pk, related_id=OuterRef("pk")).values("sort_order")
        return (
            ArticlePage.objects.live()
            .filter(public_q())
            .defer("body")
            .annotate(position=Subquery(position[:1]))
            .filter(position__isnull=False)
            .exclude(pk=self.pk)
            .order_by("position")
        )

    def embed_origins(self) -> set[str]:
        return {
            origin
            for block in self.body
            if block.block_type == "embed" and (origin := embed_origin(block.value["url"]))
        }

    def save(self, *args, **kwargs):
        # Derived from the body so listings show it without rendering every article.
        self.reading_minutes = reading_minutes(self.body)
        if self.live and self.pk and not ArticlePage.objects.filter(pk=self.pk, live=True).exists():
            gates.publish_check(article=self)  # going live by any path, even a row saved by hand
        super().save(*args, **kwargs)

    def publish(self, revision, user=None, **kwargs):
        """Every Wagtail path to going live (and to being scheduled) comes through here."""
        gates.publish_check(article=revision.as_object(), user=user)
        return super().publish(revision, user=user, **kwargs)

    def survivor_commentary_text(self) -> str:
        """The survivor reviewers' public commentaries (the review app's), so search finds them too."""
        return "\n\n".join(self.commentaries.filter(hidden_at__isnull=True).values_list("body", flat=True))

    @property
    def date(self):
        return self.publication_date or self.first_published_at or self.go_live_at

    @property
    def content_note_labels(self) -> list[str]:
        labels = dict(ContentNote.choices)
        notes = [str(labels[value]) for value in self.content_notes if value in labels]
        if self.content_note_other:
            notes.append(self.content_note_other)
        return notes

    @property
    def needs_safe_messaging(self) -> bool:
        return bool(SAFE_MESSAGING_NOTES.intersection(self.content_notes))


class ArticleContributor(Orderable):
    """One contributor on one article, with the byline this piece is published under."""

    article = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="article_contributors")
    contributor = models.ForeignKey(
        Contributor, on_delete=models.PROTECT, related_name="article_credits", verbose_name=_("contributor")
    )
    byline = models.CharField(
        _("published as"),
        max_length=16,
        choices=Byline.choices,
        default=Byline.NAME,
        help_text=_("For authors at risk: initials or “Anonymous”. Only editors see who wrote it."),
    )

    panels = [FieldPanel("contributor"), FieldPanel("byline")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["article", "contributor"], name="publishing_contributor_once_per_article"),
            models.CheckConstraint(
                condition=models.Q(byline__in=Byline.values), name="publishing_articlecontributor_byline_valid"
            ),
        ]

    @property
    def is_public(self) -> bool:
        """Whether readers may see who this contributor is (and find the piece on their author page)."""
        return self.byline == Byline.NAME

    @property
    def public_name(self) -> str:
        if self.byline == Byline.ANONYMOUS:
            return str(_("Anonymous"))
        if self.byline == Byline.INITIALS:
            return self.contributor.initials
        return self.contributor.display_name


class RelatedArticle(Orderable):
    article = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="related_links")
    related = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("related article")
    )

    panels = [PageChooserPanel("related", "publishing.ArticlePage")]


@register_setting(icon="doc-full")
class PublishingSettings(BaseSiteSetting):
    feeds_full_text = models.BooleanField(
        _("full text in feeds"),
        default=False,
        help_text=_("Off: feeds carry the standfirst and a link. On: they carry the whole article."),
    )

    class Meta:
        verbose_name = _("publishing settings")


def reading_minutes(body) -> int:
    """Estimated from the words in the body's stored data, without rendering it."""
    words = sum(len(strip_tags(text).split()) for text in _texts(body.raw_data))
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def _texts(data):
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        yield from _texts(data.get("value", data) if "type" in data else list(data.values()))
    elif isinstance(data, Iterable):  # lists, and StreamValue's raw-data view
        for item in data:
            yield from _texts(item)
