"""Browser journeys: Playwright driving Debian's chromium against pytest-django's live server.

Every page load is watched: a request to any host but the live server fails the test,
because Fairfield promises readers that no page contacts anyone else.
"""

import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.db import connections
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    """Mark browser tests, and start each from the data the migrations made (pages, roles, site).

    The live server needs committed data, so these tests are transactional; serialized
    rollback puts the migrations' rows back before each one.
    """
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.e2e)
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


@pytest.fixture(scope="session")
def browser(django_db_setup):
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        pytest.fail("Browser tests need Debian's chromium: apt-get install chromium")
    serialized = {alias: getattr(connections[alias], "_test_serialized_contents", None) for alias in connections}
    with sync_playwright() as playwright:
        # Once Playwright's event loop runs, Django hands this thread new connection objects;
        # give them the snapshot that serialized rollback restores after each test.
        for alias, contents in serialized.items():
            if contents is not None:
                connections[alias]._test_serialized_contents = contents
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser context whose every request must go to the live server."""
    context = browser.new_context(base_url=live_server.url)
    context.set_default_timeout(20_000)
    foreign_requests = []
    allowed = urlsplit(live_server.url).netloc

    def watch(request):
        parts = urlsplit(request.url)
        if parts.scheme in {"http", "https", "ws", "wss"} and parts.netloc != allowed:
            foreign_requests.append(request.url)

    context.on("request", watch)
    page = context.new_page()
    yield page
    context.close()
    assert foreign_requests == [], f"pages contacted other hosts: {foreign_requests}"


@pytest.fixture(scope="session")
def axe():
    return Axe()


@pytest.fixture
def assert_accessible(axe):
    """Run axe-core (shipped inside the axe-playwright-python package) on the current page."""

    def check(page):
        options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]}}
        for attempt in range(3):
            # A click just before may still be navigating: the old document can vanish under axe.
            page.wait_for_load_state("load")
            try:
                results = axe.run(page, options=options)
                break
            except PlaywrightError:
                if attempt == 2:
                    raise
                page.wait_for_timeout(250)
        violations = results.response["violations"]
        summary = [
            (
                v["id"],
                v["impact"],
                [(n["target"], n["html"][:160], n.get("failureSummary", "")[:300]) for n in v["nodes"]][:3],
            )
            for v in violations
        ]
        assert violations == [], f"accessibility violations on {page.url}: {summary}"

    return check
