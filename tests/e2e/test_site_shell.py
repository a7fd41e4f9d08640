import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_reader_can_skip_to_the_main_content_with_the_keyboard(page, assert_accessible):
    page.goto("/about/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    assert skip.evaluate("element => element === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    assert_accessible(page)
