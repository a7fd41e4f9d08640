"""“This helped me” in the browser: a member marks a comment; its writer sees the count, nobody else does."""

from playwright.sync_api import expect

from fairfield.accounts.roles import Role
from fairfield.accounts.tests.factories import UserFactory
from fairfield.comments.models import Comment, CommentStatus
from fairfield.publishing.tests.factories import article_publish, section_create
from tests.e2e.people import log_in


def test_a_member_marks_a_comment_and_only_its_writer_sees_the_count(page, assert_accessible):
    wren = UserFactory(pseudonym="Wren", email="wren@example.org", roles=[Role.MEMBER])
    alder = UserFactory(pseudonym="Alder", email="alder@example.org", roles=[Role.MEMBER])
    article = article_publish(section_create(), title="Coming off, slowly")
    Comment.objects.create(
        article=article, author=alder, body="Tapering by ten percent a month is what worked for me.",
        status=CommentStatus.PUBLISHED, number=1, depth=1, created_at=article.first_published_at,
    )  # fmt: skip

    log_in(page, wren)
    page.goto(article.url)
    mark = page.locator("#comments").get_by_role("button", name="This helped me")
    expect(mark).to_have_attribute("aria-pressed", "false")
    mark.click()
    expect(page.get_by_role("status")).to_contain_text("never who")
    expect(page.locator("#comments").get_by_role("button", name="This helped me")).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(page.get_by_text("This helped 1 person")).to_have_count(0)
    assert_accessible(page)

    page.context.clear_cookies()
    page.goto(article.url)
    expect(page.get_by_text("This helped 1 person")).to_have_count(0)

    log_in(page, alder)
    page.goto(article.url)
    expect(page.get_by_text("This helped 1 person (only you see this)")).to_be_visible()
    assert_accessible(page)
