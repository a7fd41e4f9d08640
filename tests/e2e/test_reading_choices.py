"""A reader folds away restraint and reads quietly, every step in the browser."""

from playwright.sync_api import expect

from fairfield.comments.models import Comment, CommentStatus
from fairfield.publishing.models import ContentNote
from fairfield.publishing.tests.factories import article_publish, section_create


def test_a_reader_folds_restraint_everywhere_and_reads_quietly(page, assert_accessible):
    section = section_create()
    article_publish(section, title="Held down on a Tuesday", content_notes=[ContentNote.RESTRAINT])
    garden = article_publish(section, title="The garden we planted")
    Comment.objects.create(
        article=garden, author_name="Mira", body="Lovely.", status=CommentStatus.PUBLISHED, number=1, depth=1,
        created_at=garden.first_published_at,
    )  # fmt: skip

    page.goto("/")
    expect(page.get_by_role("link", name="Held down on a Tuesday")).to_be_visible()
    page.get_by_role("link", name="Reading choices").click()
    assert_accessible(page)
    page.get_by_label("Restraint").check()
    page.get_by_role("button", name="Save my choices").click()
    expect(page.get_by_role("status")).to_contain_text("saved in this browser")

    for address in ("/", section.url, "/search/?q=Tuesday"):
        page.goto(address)
        notice = page.get_by_text("Folded at your choice: notes on Restraint.")
        expect(notice).to_be_visible()
        expect(page.get_by_role("link", name="Held down on a Tuesday")).to_be_hidden()
        assert_accessible(page)
    page.get_by_text("Folded at your choice: notes on Restraint.").click()
    expect(page.get_by_role("link", name="Held down on a")).to_be_visible()

    page.goto("/reading/")
    page.get_by_label("Read quietly").check()
    page.get_by_role("button", name="Save my choices").click()
    page.goto("/")
    expect(page.get_by_role("link", name="1 comment")).to_have_count(0)
    page.goto(garden.url)
    expect(page.get_by_text("Lovely.")).to_be_hidden()
    page.get_by_text("Show comments").click()
    expect(page.get_by_text("Lovely.")).to_be_visible()
    assert_accessible(page)
