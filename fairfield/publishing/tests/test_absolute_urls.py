"""Canonical links, og:url and feed links: from the request in development, from the site's address in production."""

import re

import pytest

from fairfield.publishing.tests.factories import article_publish, section_create

pytestmark = pytest.mark.django_db

OTHER_PORT = "127.0.0.1:8123"


@pytest.fixture
def article():
    return article_publish(section_create())


def _canonical(html):
    return re.search(r'<link rel="canonical" href="([^"]+)"', html).group(1)


def _og_url(html):
    return re.search(r'<meta property="og:url" content="([^"]+)"', html).group(1)


def test_in_development_an_article_links_to_the_port_it_was_served_on(client, article):
    html = client.get(article.url, HTTP_HOST=OTHER_PORT).content.decode()
    assert _canonical(html) == f"http://{OTHER_PORT}{article.url}"
    assert _og_url(html) == f"http://{OTHER_PORT}{article.url}"
    assert ":8000" not in html


def test_in_development_the_home_and_section_pages_link_to_the_port_they_were_served_on(client, article):
    for url in ("/", article.get_parent().url):
        html = client.get(url, HTTP_HOST=OTHER_PORT).content.decode()
        assert _canonical(html) == f"http://{OTHER_PORT}{url}", url


def test_in_development_feed_items_link_to_the_port_the_feed_was_served_on(client, article):
    feed = client.get("/feeds/rss/", HTTP_HOST=OTHER_PORT).content.decode()
    assert f"<link>http://{OTHER_PORT}{article.url}</link>" in feed
    assert ":8000" not in feed


def test_in_production_links_use_the_sites_address_whatever_the_host_header(client, article, settings):
    settings.PRODUCTION = True
    settings.SITE_URL = "https://fairfield.example"
    html = client.get(article.url, HTTP_HOST=OTHER_PORT).content.decode()
    assert _canonical(html) == f"https://fairfield.example{article.url}"
    assert _og_url(html) == f"https://fairfield.example{article.url}"
    feed = client.get("/feeds/rss/", HTTP_HOST=OTHER_PORT).content.decode()
    assert f"<link>https://fairfield.example{article.url}</link>" in feed
