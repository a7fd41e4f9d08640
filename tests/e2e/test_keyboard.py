"""The main journeys with the keyboard alone: every control reached with Tab, focus always visible, no positive
tabindex, errors announced. (Mouse-free, as for people who use a keyboard, a switch or a screen reader.)"""

import re

from playwright.sync_api import expect

from fairfield.accounts.roles import Role
from fairfield.accounts.tests.factories import PASSWORD, UserFactory
from fairfield.comments.models import Comment
from fairfield.moderation.tests.factories import make_established
from fairfield.publishing.tests.factories import article_publish, section_create
from fairfield.roundtables.tests.factories import make_table
from fairfield.testimony.models import Status, Testimony
from tests.e2e.keyboard import FOCUSED, log_in, start_from_top, tab_to, type_into

from .test_donations import support_page  # noqa: F401 - the support page fixture


def _press(page, name: str, key: str = "Enter") -> None:
    tab_to(page, name)
    page.keyboard.press(key)


def _follow(page, name: str) -> None:
    """Press Enter on a link or submit button and wait for the next page; focus starts again at its top."""
    tab_to(page, name)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    start_from_top(page)


def _arrow_to(page, name: str, *, limit: int = 12) -> None:
    """Move through a radio group with the arrow keys until `name` is chosen."""
    for _ in range(limit):
        focused = page.evaluate("() => document.activeElement.labels[0].innerText")
        if name in focused:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"{name!r} is not in the radio group")


def test_a_member_posts_a_comment_and_a_reply_with_the_keyboard(page, assert_accessible):
    wren = UserFactory(pseudonym="Wren", email="wren@example.org", roles=[Role.MEMBER])
    alder = UserFactory(pseudonym="Alder", email="alder@example.org", roles=[Role.MEMBER])
    section = section_create()
    earlier = article_publish(section, title="An earlier discussion", slug="an-earlier-discussion")
    for member in (wren, alder):
        make_established(member, earlier)
    article = article_publish(section, title="What the night staff never saw")

    log_in(page, wren.email, PASSWORD)
    expect(page.get_by_role("navigation", name="Your account")).to_contain_text("Log out")
    page.goto(article.url)
    start_from_top(page)
    assert "Skip" in tab_to(page, "Skip")["name"], "the first stop skips the navigation"

    _follow(page, "Post comment")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Your comment was not saved yet")
    expect(page.get_by_label("Your comment")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)

    start_from_top(page)
    type_into(page, "Your comment", "The night staff were kind. The rules were not.")
    _follow(page, "Post comment")
    expect(page.get_by_role("status")).to_contain_text("Your comment is posted.")
    assert_accessible(page)

    page.context.clear_cookies()
    log_in(page, alder.email, PASSWORD)
    page.goto(article.url)
    start_from_top(page)
    _press(page, "Reply")
    # The writing form opens under the comment with focus in it.
    assert "Your reply to Wren" in page.evaluate(FOCUSED)["name"]
    page.keyboard.type("Same on my ward.")
    _follow(page, "Post reply")
    expect(page.locator(".comment-list--replies .comment").first).to_contain_text("Same on my ward.")
    assert Comment.objects.filter(author=alder, parent__author=wren).exists()


def test_a_member_gives_in_test_mode_with_the_keyboard(page, support_page, assert_accessible):  # noqa: F811
    member = UserFactory(pseudonym="Wren", email="wren@example.org", roles=[Role.MEMBER])
    log_in(page, member.email, PASSWORD)
    page.goto(support_page.url)
    start_from_top(page)
    tab_to(page, "$20.00")
    _arrow_to(page, "$10.00")
    type_into(page, "First name", "Wren")
    type_into(page, "Last name", "Alvarez")
    tab_to(page, "Cheque")
    _arrow_to(page, "Test mode")
    _follow(page, "Review your gift")
    expect(page.get_by_text("Donation total: $10.00")).to_be_visible()
    _follow(page, "Continue (test mode)")
    expect(page.get_by_text("TEST MODE", exact=True)).to_be_visible()
    _follow(page, "Pay in test mode")
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for your gift")
    assert_accessible(page)


def test_a_visitor_writes_and_withdraws_a_testimony_with_the_keyboard(page, assert_accessible):
    page.goto("/testimony/")
    start_from_top(page)
    _follow(page, "Tell what happened")
    _follow(page, "Begin")
    code = page.locator("#resume-code").inner_text()
    start_from_top(page)
    _follow(page, "I have kept it: continue")
    type_into(page, "What happened", "They came at night. Later a peer worker sat with me.")
    _follow(page, "Save and continue")
    expect(page.get_by_role("heading", level=1)).to_have_text("Where, what and who")
    _press(page, "Inpatient ward", " ")
    expect(page.get_by_label("Inpatient ward")).to_be_checked()
    _follow(page, "Save and continue")
    _follow(page, "Save and continue")
    tab_to(page, "Record only")
    _arrow_to(page, "Public, anonymous")
    _follow(page, "Save and continue")
    expect(page.get_by_role("heading", level=1)).to_have_text("Check and send")
    _follow(page, "Send my testimony")
    expect(page.locator("#testimony-status")).to_contain_text("Waiting for review")
    assert_accessible(page)

    page.goto(f"/testimony/private/{code}/")
    start_from_top(page)
    _follow(page, "Withdraw my testimony")
    _follow(page, "Yes, withdraw it")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your testimony is withdrawn")
    assert Testimony.objects.get().status == Status.WITHDRAWN


def test_a_seat_holder_takes_a_round_table_turn_with_the_keyboard(page, assert_accessible):
    table, seats = make_table(start=True)
    log_in(page, seats[0].holder.email, PASSWORD)
    expect(page.get_by_role("navigation", name="Your account")).to_contain_text("Log out")
    page.goto(f"/roundtables/{table.slug}/")
    start_from_top(page)
    type_into(page, "Your turn", "word " * 401)
    _follow(page, "Post my turn")
    expect(page.get_by_role("alert")).to_contain_text(re.compile(r"the limit is \d+"))
    tab_to(page, "Your turn")
    page.keyboard.press("Control+A")
    page.keyboard.type("Whoever holds the keys decides what a crisis is.")
    _follow(page, "Post my turn")
    expect(page.get_by_role("status")).to_contain_text("Your turn is posted")
    assert_accessible(page)
