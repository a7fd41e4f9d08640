"""Feeds, sitemap, robots.txt and the read-only API: how machines read the magazine."""

from django.urls import include, path
from wagtail.contrib.sitemaps.views import sitemap

from fairfield.publishing import feeds
from fairfield.publishing.api import api_router
from fairfield.publishing.sitemaps import robots_txt

app_name = "syndication"
urlpatterns = [
    path("feeds/rss/", feeds.SiteRss(), name="site_rss"),
    path("feeds/atom/", feeds.SiteAtom(), name="site_atom"),
    path("feeds/section/<str:slug>/rss/", feeds.SectionRss(), name="section_rss"),
    path("feeds/section/<str:slug>/atom/", feeds.SectionAtom(), name="section_atom"),
    path("feeds/author/<str:slug>/rss/", feeds.AuthorRss(), name="author_rss"),
    path("feeds/author/<str:slug>/atom/", feeds.AuthorAtom(), name="author_atom"),
    path("feeds/tag/<str:slug>/rss/", feeds.TagRss(), name="tag_rss"),
    path("feeds/podcast/<str:slug>/rss/", feeds.PodcastRss(), name="podcast_rss"),
    path("feeds/tag/<str:slug>/atom/", feeds.TagAtom(), name="tag_atom"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("api/v2/", include((api_router.get_urlpatterns(), "api"), namespace="api")),
]
