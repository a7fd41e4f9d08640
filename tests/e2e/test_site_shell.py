import pytest
from wagtail.models import Page

from fairfield.publishing.models import ArticlePage, SectionPage

PUBLIC_PAGES = ["/", "/about/", "/community-guidelines/", "/privacy/", "/crisis-resources/"]


@pytest.fixture
def magazine():
    """A section with a few articles, so list pages have real cards to lay out."""
    home = Page.objects.get(depth=2).specific
    section = home.add_child(instance=SectionPage(title="Personal stories", slug="stories"))
    titles = [
        "What the discharge papers never said: eleven years of learning to read my own file",
        "A letter to the nurse who sat with me",
        "Involuntary: notes from both sides of the locked door",
    ]
    for number, title in enumerate(titles, start=1):
        article = section.add_child(
            instance=ArticlePage(title=title, slug=f"article-{number}", standfirst="A survivor's account.")
        )
        article.save_revision().publish()
    return section


def test_reader_can_skip_to_the_main_content_with_the_keyboard(page, assert_accessible):
    page.goto("/about/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    assert skip.evaluate("element => element === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    assert_accessible(page)


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_pages_pass_the_accessibility_checks(page, assert_accessible, magazine, url):
    response = page.goto(url)

    assert response.status == 200
    assert page.locator("h1").count() == 1
    assert_accessible(page)


def test_magazine_pages_pass_the_accessibility_checks(page, assert_accessible, magazine):
    for url in ["/stories/", "/stories/article-1/"]:
        page.goto(url)
        assert page.locator("h1").count() == 1
        assert_accessible(page)


def test_not_found_page_passes_the_accessibility_checks(page, assert_accessible):
    response = page.goto("/no-such-page/")

    assert response.status == 404
    assert page.get_by_role("heading", level=1).inner_text() == "We could not find that page"
    assert_accessible(page)


@pytest.mark.parametrize("width", [375, 1280])
def test_pages_fit_the_screen_without_sideways_scrolling(page, magazine, width):
    page.set_viewport_size({"width": width, "height": 900})

    for url in ["/", "/about/", "/stories/", "/stories/article-1/", "/no-such-page/"]:
        page.goto(url)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, url
        assert page.get_by_role("navigation", name="Main").is_visible()
        assert page.get_by_role("complementary", name="Crisis support").is_visible()


def test_reader_can_use_the_navigation_with_the_tab_key_alone(page):
    page.goto("/")

    focused = []
    for _ in range(8):
        page.keyboard.press("Tab")
        focused.append(page.evaluate("document.activeElement.textContent.trim()"))
        if focused[-1] == "Guidelines":
            break
    assert focused[:4] == ["Skip to main content", "Fairfield", "About", "Guidelines"]
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "the focused link must show where focus is"

    page.keyboard.press("Enter")
    page.wait_for_url("**/community-guidelines/")
    assert page.get_by_role("heading", level=1).inner_text() == "Community guidelines"
    current = page.get_by_role("navigation", name="Main").get_by_role("link", name="Guidelines")
    assert current.get_attribute("aria-current") == "page"


def test_reader_can_reach_crisis_resources_with_the_keyboard(page):
    page.goto("/about/")

    for _ in range(12):
        page.keyboard.press("Tab")
        if "Need support now?" in page.evaluate("document.activeElement.textContent"):
            break
    else:
        pytest.fail("the crisis link was not reachable with the keyboard")
    page.keyboard.press("Enter")
    page.wait_for_url("**/crisis-resources/")
    assert page.get_by_role("heading", level=1).inner_text() == "Crisis resources"
