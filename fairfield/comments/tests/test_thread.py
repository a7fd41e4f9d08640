import re
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fairfield.comments.models import Comment, CommentStatus
from fairfield.comments.selectors import thread_for_article
from fairfield.publishing.tests.factories import article_publish, section_create

START = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def article(db):
    return article_publish(section_create())


def top(article, number, *, minutes=None, status=CommentStatus.PUBLISHED, body=None, **fields):
    return Comment.objects.create(
        article=article,
        number=number,
        depth=1,
        author_name=fields.pop("author_name", f"Guest {number}"),
        body=body if body is not None else f"Top comment {number}",
        status=status,
        created_at=START + timedelta(minutes=number if minutes is None else minutes),
        **fields,
    )


def reply(parent, name, *, minutes, status=CommentStatus.PUBLISHED, in_reply_to=None):
    depth = min(parent.depth + 1, 4)
    return Comment.objects.create(
        article=parent.article,
        parent=parent,
        root=parent.root or parent,
        in_reply_to=in_reply_to or parent,
        depth=depth,
        author_name=name,
        body=f"Reply by {name}",
        status=status,
        created_at=START + timedelta(minutes=minutes),
    )


def page_html(client, article, query=""):
    response = client.get(article.url + query)
    assert response.status_code == 200
    return response.content.decode()


def thread_section(html):
    return html[html.index('id="comments"') :]


def test_top_level_comments_show_oldest_first_with_their_numbers_and_permalinks(client, article):
    second = top(article, 2, minutes=10)
    first = top(article, 1, minutes=5)
    html = thread_section(page_html(client, article))
    assert html.index("Top comment 1") < html.index("Top comment 2")
    for comment in (first, second):
        assert f'id="comment-{comment.pk}"' in html
        assert f'href="#comment-{comment.pk}"' in html
    assert re.search(rf'href="#comment-{first.pk}"[^>]*>1</a>', html)
    assert re.search(rf'href="#comment-{second.pk}"[^>]*>2</a>', html)
    assert "2 comments" in html


def test_newest_first_reverses_the_threads_but_keeps_replies_oldest_first(client, article):
    first = top(article, 1)
    top(article, 2)
    reply(first, "Early", minutes=20)
    reply(first, "Late", minutes=30)
    html = thread_section(page_html(client, article, "?comments=newest"))
    assert html.index("Top comment 2") < html.index("Top comment 1")
    assert html.index("Reply by Early") < html.index("Reply by Late")


def test_replies_nest_under_their_parent_down_to_depth_four(article):
    first = top(article, 1)
    second = reply(first, "B", minutes=2)
    third = reply(second, "C", minutes=3)
    fourth = reply(third, "D", minutes=4)
    fifth = reply(third, "E", minutes=5, in_reply_to=fourth)
    (entry,) = thread_for_article(article).entries
    assert entry.comment == first
    level_three = entry.replies[0].replies[0]
    assert level_three.comment == third
    assert [child.comment for child in level_three.replies] == [fourth, fifth]
    assert level_three.replies[1].replying_to == "D"


def test_nested_replies_render_as_nested_lists_of_articles(client, article, member):
    first = top(article, 1)
    second = Comment.objects.create(
        article=article,
        parent=first,
        root=first,
        in_reply_to=first,
        depth=2,
        author=member,
        author_name="ignored",
        body="Member reply",
        status=CommentStatus.PUBLISHED,
        created_at=START + timedelta(hours=1),
    )
    html = thread_section(page_html(client, article))
    assert re.search(
        rf'<ol class="comment-list comment-list--replies">\s*<li[^>]*comment--depth-2">\s*<article class="comment" '
        rf'id="comment-{second.pk}"',
        html,
    )
    assert "Wren" in html
    assert "ignored" not in html
    assert "wren@example.org" not in html
    assert '<time datetime="2024-05-01T13:00:00+00:00">' in html


@pytest.mark.parametrize(
    ("status", "placeholder"),
    [
        (CommentStatus.DELETED_BY_AUTHOR, "removed by its author"),
        (CommentStatus.REMOVED, "removed by moderators"),
    ],
)
def test_a_removed_comment_with_visible_replies_leaves_a_placeholder_without_body_or_author(
    client, article, status, placeholder
):
    gone = top(article, 1, status=status, author_name="Vanished", body="Words taken back")
    reply(gone, "Answerer", minutes=5)
    html = thread_section(page_html(client, article))
    assert placeholder in html
    assert "Reply by Answerer" in html
    assert "Vanished" not in html
    assert "Words taken back" not in html
    assert "1 comment" in html


def test_a_removed_comment_without_visible_replies_disappears(client, article):
    top(article, 1, status=CommentStatus.DELETED_BY_AUTHOR, body="Withdrawn words")
    hidden_only = top(article, 2, status=CommentStatus.REMOVED, body="Removed words")
    reply(hidden_only, "Waiting", minutes=5, status=CommentStatus.PENDING)
    html = thread_section(page_html(client, article))
    assert "removed by" not in html
    assert "Withdrawn words" not in html
    assert "No comments yet" in html


@pytest.mark.parametrize("status", [CommentStatus.PENDING, CommentStatus.HELD])
def test_pending_and_held_comments_never_show_nor_anything_under_them(client, article, status):
    top(article, 1)
    waiting = top(article, 2, status=status, body="Not yet public")
    reply(waiting, "Below", minutes=9)
    html = thread_section(page_html(client, article))
    assert "Not yet public" not in html
    assert "Reply by Below" not in html
    assert "1 comment" in html


def test_a_script_in_a_comment_body_is_escaped_and_paragraphs_kept(client, article):
    top(article, 1, body='<script>alert("x")</script>\n\nSecond <b>para</b>')
    html = thread_section(page_html(client, article))
    assert "<script>alert" not in html
    assert '&lt;script&gt;alert("x")&lt;/script&gt;' in html
    assert "<p>Second &lt;b&gt;para&lt;/b&gt;</p>" in html


def test_an_article_without_comments_says_so(client, article):
    html = thread_section(page_html(client, article))
    assert "No comments yet" in html
    assert "0 comments" in html
    assert "comment-list" not in html


def comments_bulk(article, threads):
    tops = Comment.objects.bulk_create(
        Comment(
            article=article,
            number=n + 1,
            depth=1,
            author_name=f"Guest {n}",
            body="Hello",
            status=CommentStatus.PUBLISHED,
            created_at=START + timedelta(minutes=n),
        )
        for n in range(threads)
    )
    Comment.objects.bulk_create(
        Comment(
            article=article,
            parent=parent,
            root=parent,
            in_reply_to=parent,
            depth=2,
            author_name="Replier",
            body="Reply",
            status=CommentStatus.PUBLISHED,
            created_at=START + timedelta(days=1),
        )
        for parent in tops
        for _ in range(2)
    )


@pytest.mark.parametrize("threads", [10, 100])
def test_the_thread_loads_in_at_most_two_queries_whatever_its_size(
    article, member, threads, django_assert_max_num_queries
):
    comments_bulk(article, threads)
    Comment.objects.filter(article=article, depth=2).update(author=member)
    with django_assert_max_num_queries(2):
        thread = thread_for_article(article)
        names = [reply.author_display for entry in thread.entries for reply in entry.replies]
    assert thread.count == threads * 3
    assert set(names) == {"Wren"}


def test_the_article_page_costs_the_same_queries_with_30_or_300_comments(
    client, article, django_assert_max_num_queries, settings
):
    settings.PAGE_CACHE_SECONDS = 0  # the rendering itself is measured, not the cache
    comments_bulk(article, 10)
    client.get(article.url)
    with CaptureQueriesContext(connection) as small:
        assert "30 comments" in client.get(article.url).content.decode()
    Comment.objects.filter(article=article).delete()
    comments_bulk(article, 100)
    with django_assert_max_num_queries(len(small)):
        assert "300 comments" in client.get(article.url).content.decode()
