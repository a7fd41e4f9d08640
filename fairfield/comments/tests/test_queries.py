"""The article page costs the same number of queries whatever the size of its discussion.

The discussion adds one query for a reader (the comments) and two for a member (the comments with
their mutes, and the member's standing: confirmed address, following). A logged-in member's page
also pays for the session, the user and their roles (three queries outside the comments app).
"""

import pytest
from django.utils import timezone

from fairfield.comments.models import Comment, CommentStatus, Mute
from fairfield.comments.services import thread_follow

pytestmark = pytest.mark.django_db


def discussion_make(article, authors, *, threads=100, replies=2):
    now = timezone.now()
    tops = Comment.objects.bulk_create(
        Comment(
            article=article, author=authors[n % len(authors)], body=f"Top {n} *with* https://example.org/{n}",
            number=n + 1, depth=1, status=CommentStatus.PUBLISHED, created_at=now,
        )
        for n in range(threads)
    )  # fmt: skip
    Comment.objects.bulk_create(
        Comment(
            article=article, author=authors[(n + r) % len(authors)], body=f"Reply {r}", parent=top, root=top,
            in_reply_to=top, depth=2, status=CommentStatus.PUBLISHED, created_at=now,
        )
        for n, top in enumerate(tops)
        for r in range(replies)
    )  # fmt: skip


@pytest.mark.parametrize("size", [3, 300])
def test_the_article_page_for_a_member_stays_within_fifteen_queries(
    client, article, member, other_member, django_assert_max_num_queries, size
):
    discussion_make(article, [member, other_member], threads=size // 3)
    Mute.objects.create(muter=member, muted=other_member)
    thread_follow(user=member, article=article)
    client.force_login(member)
    client.get(article.url)
    with django_assert_max_num_queries(15):
        response = client.get(article.url)
    assert (
        response.content.decode().count('class="comment"')
        + response.content.decode().count('class="comment comment--waiting"')
        == size
    )


@pytest.mark.parametrize("size", [3, 300])
def test_the_article_page_for_a_reader_stays_within_fifteen_queries(
    client, article, member, django_assert_max_num_queries, size
):
    discussion_make(article, [member], threads=size // 3)
    client.get(article.url)
    with django_assert_max_num_queries(15):
        response = client.get(article.url)
    assert f"{size} comments" in response.content.decode()
