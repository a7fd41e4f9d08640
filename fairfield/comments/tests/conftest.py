from datetime import timedelta

import pytest
from django.utils import timezone

from fairfield.comments.models import Comment, CommentStatus
from fairfield.publishing.tests.factories import article_publish, section_create


@pytest.fixture
def article(db):
    return article_publish(section_create())


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


def comment_make(
    article, *, author=None, body="A comment.", parent=None, status=CommentStatus.PUBLISHED, minutes_ago=0
):
    """A comment written straight into the database, shaped as comment_post would shape it."""
    created_at = timezone.now() - timedelta(minutes=minutes_ago)
    if parent is None:
        number = Comment.objects.filter(article=article, parent__isnull=True).count() + 1
        return Comment.objects.create(
            article=article, author=author, body=body, status=status, created_at=created_at, number=number, depth=1
        )
    attach = parent if parent.depth < 4 else parent.parent
    return Comment.objects.create(
        article=article,
        author=author,
        body=body,
        status=status,
        created_at=created_at,
        parent=attach,
        root=attach.root or attach,
        in_reply_to=parent,
        depth=attach.depth + 1,
    )


def post_url(article):
    return f"/comments/article/{article.pk}/post/"


def textarea_text(textarea) -> str:
    """A textarea's text as a browser reads it: HTML drops one newline straight after <textarea>,
    which html.parser keeps."""
    return textarea.get_text().removeprefix("\n")
