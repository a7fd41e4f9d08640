"""sitemap.xml lists what readers may open; robots.txt points crawlers at it and away from private areas."""

from xml.etree import ElementTree

import pytest
from defusedxml.ElementTree import fromstring
from wagtail.models import PageViewRestriction

from fairfield.publishing.tests.factories import article_publish, section_create

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_paths(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root: ElementTree.Element = fromstring(response.content)
    return {loc.text.removeprefix("http://localhost") for loc in root.findall("sm:url/sm:loc", NS)}


def test_the_sitemap_lists_home_standing_pages_sections_and_live_public_articles(client):
    stories = section_create()
    article_publish(stories, title="Public", slug="public")
    paths = sitemap_paths(client)
    assert {"/", "/about/", "/community-guidelines/", "/stories/", "/stories/public/"} <= paths


def test_the_sitemap_leaves_out_drafts_and_password_protected_pages(client):
    stories = section_create()
    article_publish(stories, title="Draft", slug="draft", publish=False)
    protected = article_publish(stories, title="Protected", slug="protected")
    PageViewRestriction.objects.create(page=protected, restriction_type=PageViewRestriction.PASSWORD, password="x")
    withdrawn = article_publish(stories, title="Withdrawn", slug="withdrawn")
    withdrawn.unpublish()
    paths = sitemap_paths(client)
    assert "/stories/" in paths
    assert not {"/stories/draft/", "/stories/protected/", "/stories/withdrawn/"} & paths


def test_the_sitemap_takes_a_constant_number_of_queries(client, django_assert_max_num_queries):
    stories = section_create()
    counts = []
    for batch in (3, 9):
        for _ in range(batch):
            article_publish(stories)
        client.get("/sitemap.xml")
        with django_assert_max_num_queries(10) as captured:
            client.get("/sitemap.xml")
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_robots_txt_allows_reading_and_keeps_crawlers_out_of_private_areas(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[:2] == ["User-agent: *", "Allow: /"]
    for path in ["/admin/", "/accounts/", "/members/me/", "/search/"]:
        assert f"Disallow: {path}" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_robots_txt_accepts_only_reads(client):
    assert client.post("/robots.txt").status_code == 405
