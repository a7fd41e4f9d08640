"""A reader searches the magazine in a real browser: highlighted results, a section filter, a second page."""

from playwright.sync_api import expect

from fairfield.publishing.tests.factories import article_publish, section_create


def test_a_reader_searches_filters_by_section_and_pages_through_results(page, assert_accessible):
    stories = section_create()
    news = section_create(title="News", slug="news", description="What happened this week.")
    for number in range(12):
        article_publish(news, title=f"Tribunal report {number}", slug=f"report-{number}")
    article_publish(
        stories, title="My tribunal, in my words", slug="my-tribunal", standfirst="A hearing I will not forget."
    )

    page.goto("/search/")
    page.get_by_label("Search for").fill("tribunal")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.get_by_role("heading", level=2)).to_have_text("13 articles found")
    expect(page.locator(".search-result__title mark").first).to_have_text("tribunal", ignore_case=True)
    expect(page.get_by_label("Search for")).to_have_value("tribunal")
    assert_accessible(page)

    page.get_by_label("Section").select_option(label="Personal stories")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.get_by_role("heading", level=2)).to_have_text("1 article found")
    expect(page.locator(".search-result__title")).to_have_text("My tribunal, in my words")

    page.get_by_label("Section").select_option(label="News")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.get_by_role("heading", level=2)).to_have_text("12 articles found")
    expect(page.locator(".search-result")).to_have_count(10)
    page.get_by_role("link", name="More results").click()
    expect(page.locator(".pagination__status")).to_have_text("Page 2 of 2")
    expect(page.locator(".search-result")).to_have_count(2)
    expect(page.get_by_label("Section")).to_have_value("news")
    assert_accessible(page)


def test_an_odd_query_shows_a_friendly_note_and_keeps_the_text(page, assert_accessible):
    page.goto("/search/")
    page.get_by_label("Search for").fill('" ( * -')
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Search looks for words")
    expect(page.get_by_label("Search for")).to_have_value('" ( * -')
    assert_accessible(page)


def test_the_site_feed_opens_as_xml_in_the_browser(page):
    stories = section_create()
    article_publish(stories, title="In the feed")
    response = page.request.get("/feeds/rss/")
    assert response.status == 200
    assert response.headers["content-type"].startswith("application/rss+xml")
    assert "<title>In the feed</title>" in response.text()
