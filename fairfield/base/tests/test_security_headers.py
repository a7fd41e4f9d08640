"""Readers' browsers are told to load nothing from elsewhere, and our pages keep that promise."""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from wagtail.models import Site

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["/", "/about/", "/no-such-page/"]


def csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


class ResourceCollector(HTMLParser):
    """Collects every address a page makes the browser load or submit to, and any inline script or style.

    Plain <a> links are left out: prose may well point readers to other sites.
    """

    def __init__(self):
        super().__init__()
        self.urls = []
        self.inline = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link":
            self.urls.append(attrs.get("href") or "")
        if tag == "form":
            self.urls.append(attrs.get("action") or "")
        if tag in {"script", "img", "iframe", "source", "audio", "video"}:
            self.urls.append(attrs.get("src") or "")
            if tag == "script" and not attrs.get("src"):
                self.inline.append("<script> without src")
        if tag == "style":
            self.inline.append("<style>")
        if "style" in attrs:
            self.inline.append(f'<{tag} style="…">')
        if any(name.startswith("on") for name in attrs):
            self.inline.append(f"<{tag}> event handler attribute")


def collect(html: str) -> ResourceCollector:
    collector = ResourceCollector()
    collector.feed(html)
    return collector


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_pages_allow_only_their_own_scripts_and_styles(client, url):
    response = client.get(url)

    directives = csp_directives(response.headers["Content-Security-Policy"])
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_pages_send_the_protective_headers(client, url):
    response = client.get(url)

    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_wagtail_admin_gets_its_own_looser_policy(client, editor):
    client.force_login(editor)

    response = client.get("/admin/")

    assert response.status_code == 200
    directives = csp_directives(response.headers["Content-Security-Policy"])
    assert directives["default-src"] == ["'self'"]
    assert "'unsafe-inline'" in directives["script-src"]
    assert directives["frame-ancestors"] == ["'self'"]
    assert response.headers["Cross-Origin-Resource-Policy"] == "same-origin"


def test_admin_policy_applies_before_login_too(client):
    response = client.get("/admin/")

    assert response.status_code == 302
    assert "'unsafe-inline'" in csp_directives(response.headers["Content-Security-Policy"])["script-src"]


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_pages_link_to_nothing_but_this_site(client, url):
    own_hosts = {"testserver"} | {urlsplit(site.root_url).netloc for site in Site.objects.all()}

    addresses = collect(client.get(url).content.decode()).urls

    assert "/static/fairfield/css/site.css" in addresses
    foreign = [address for address in addresses if urlsplit(address).netloc not in {"", *own_hosts}]
    assert foreign == []


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_pages_have_no_inline_scripts_or_styles_for_the_policy_to_block(client, url):
    html = client.get(url).content.decode()

    assert collect(html).inline == []
