"""A reader reads an imported discussion under an article: numbered, threaded, accessible."""

from datetime import UTC, datetime, timedelta

from playwright.sync_api import expect

from fairfield.comments.models import Comment, CommentStatus
from fairfield.publishing.tests.factories import article_publish, section_create

START = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)


def test_a_reader_follows_a_threaded_discussion_by_its_numbers(page, assert_accessible):
    article = article_publish(section_create(), title="The long corridor")
    first = Comment.objects.create(
        article=article,
        number=1,
        depth=1,
        author_name="Tamsin",
        body="It was the keys.",
        status=CommentStatus.PUBLISHED,
        created_at=START,
    )
    Comment.objects.create(
        article=article,
        parent=first,
        root=first,
        in_reply_to=first,
        depth=2,
        author_name="Ned",
        body="Same for me: <script>alert(1)</script>",
        status=CommentStatus.PUBLISHED,
        created_at=START + timedelta(minutes=5),
    )
    Comment.objects.create(
        article=article,
        number=2,
        depth=1,
        author_name="Held back",
        body="Waiting for a moderator.",
        status=CommentStatus.PENDING,
        created_at=START + timedelta(minutes=9),
    )

    page.goto(article.url)
    thread = page.locator("#comments")
    expect(thread).to_contain_text("2 comments")
    expect(thread).to_contain_text("It was the keys.")
    expect(thread).to_contain_text("<script>alert(1)</script>")
    expect(thread).not_to_contain_text("Waiting for a moderator.")
    assert_accessible(page)
