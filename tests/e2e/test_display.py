"""Every kind of public page at phone, tablet and desktop widths, in the dark theme, with reduced motion.

320 CSS pixels wide is also what a 1280-pixel window shows at 400% zoom and a 640-pixel one at 200%: a page that
reflows there without sideways scrolling passes WCAG 2.2's reflow criterion (1.4.10). With
FAIRFIELD_SCREENSHOTS=<folder> the test also saves a screenshot of each page at 360, 768 and 1280 pixels.
"""

import os
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from fairfield.publishing.models import ArticlePage, SectionPage

WIDTHS = {"phone": 360, "tablet": 768, "desktop": 1280}


@pytest.fixture
def demo_pages(live_server):
    call_command("load_demo", verbosity=0)
    article = ArticlePage.objects.live().filter(content_notes__len__gt=0).first() or ArticlePage.objects.live().first()
    section = SectionPage.objects.live().first()
    return {
        "home": "/",
        "section": section.url,
        "article": article.url,
        "search": "/search/?q=ward",
        "testimony": "/testimony/",
        "round-tables": "/roundtables/",
        "log-in": "/accounts/login/",
    }


def _sideways_overflow(page) -> int:
    return page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")


def test_public_pages_reflow_at_320_pixels_and_pass_axe_in_the_dark_theme(page, demo_pages, assert_accessible):
    page.emulate_media(color_scheme="dark", reduced_motion="reduce")
    page.set_viewport_size({"width": 320, "height": 800})
    for name, address in demo_pages.items():
        page.goto(address)
        expect(page.locator("main")).to_be_visible()
        assert _sideways_overflow(page) <= 0, f"{name} scrolls sideways at 320 px"
        assert page.evaluate("() => getComputedStyle(document.body).backgroundColor") != "rgb(251, 248, 242)", name
        assert_accessible(page)


def test_reduced_motion_stops_transitions_and_smooth_scrolling(page, demo_pages):
    page.emulate_media(reduced_motion="reduce")
    page.goto(demo_pages["article"])
    durations = page.evaluate(
        "() => [...document.querySelectorAll('a, button')].map(e => getComputedStyle(e).transitionDuration)"
    )
    assert set(durations) <= {"0s"}
    assert page.evaluate("() => getComputedStyle(document.documentElement).scrollBehavior") == "auto"


def test_text_zoomed_to_200_percent_loses_nothing(page, demo_pages):
    page.set_viewport_size({"width": 1280, "height": 900})
    for name in ("home", "article", "log-in"):
        page.goto(demo_pages[name])
        page.evaluate("() => { document.documentElement.style.fontSize = '200%'; }")
        assert _sideways_overflow(page) <= 0, f"{name} scrolls sideways with text at 200%"


def test_screenshots_for_the_docs(page, demo_pages):
    folder = os.environ.get("FAIRFIELD_SCREENSHOTS")
    if not folder:
        pytest.skip("set FAIRFIELD_SCREENSHOTS to a folder to save screenshots")
    Path(folder).mkdir(parents=True, exist_ok=True)
    for name in ("home", "article", "testimony"):
        for size, width in WIDTHS.items():
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(demo_pages[name])
            page.screenshot(path=str(Path(folder) / f"{name}-{size}.png"))
