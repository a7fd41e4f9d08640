from datetime import UTC, datetime, timedelta

import pytest
from django.db import IntegrityError, transaction

from fairfield.comments.models import Comment, CommentStatus
from fairfield.comments.selectors import comment_count, comment_counts
from fairfield.comments.services import IncomingComment, comment_import, comment_import_update
from fairfield.publishing.tests.factories import article_publish, section_create

START = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def article(db):
    return article_publish(section_create())


def incoming(key, parent=None, minutes=0, status=CommentStatus.PUBLISHED):
    return IncomingComment(
        key=key,
        parent_key=parent,
        author_name=f"Guest {key}",
        body=f"Comment {key}",
        status=status,
        created_at=START + timedelta(minutes=minutes),
    )


def test_top_level_comments_are_numbered_in_date_order(article):
    created = comment_import(
        article=article, incoming=[incoming("b", minutes=5), incoming("a"), incoming("c", minutes=9)]
    )
    assert [created[key].number for key in "abc"] == [1, 2, 3]


def test_later_imports_number_after_the_existing_comments(article):
    first = comment_import(article=article, incoming=[incoming("a")])
    later = comment_import(
        article=article, incoming=[incoming("b", parent="a"), incoming("c", minutes=1)], existing=first
    )
    assert later["b"].parent == first["a"]
    assert later["c"].number == 2


def test_replies_nest_to_depth_four_and_deeper_ones_stay_at_four_answering_their_comment(article):
    chain = [incoming("1")] + [incoming(str(n), parent=str(n - 1), minutes=n) for n in range(2, 7)]
    created = comment_import(article=article, incoming=chain)
    assert [created[str(n)].depth for n in range(1, 7)] == [1, 2, 3, 4, 4, 4]
    assert created["5"].parent == created["3"]
    assert created["5"].in_reply_to == created["4"]
    assert created["6"].in_reply_to == created["5"]
    assert {created[str(n)].root_id for n in range(2, 7)} == {created["1"].pk}


def test_a_reply_to_an_unknown_comment_becomes_top_level(article):
    created = comment_import(article=article, incoming=[incoming("x", parent="gone")])
    assert (created["x"].parent, created["x"].number, created["x"].depth) == (None, 1, 1)


def test_an_imported_comment_can_be_brought_up_to_date(article):
    created = comment_import(article=article, incoming=[incoming("a", status=CommentStatus.PENDING)])
    comment_import_update(comment=created["a"], author_name="Renamed", body="New", status=CommentStatus.PUBLISHED)
    stored = Comment.objects.get(pk=created["a"].pk)
    assert (stored.author_name, stored.body, stored.status) == ("Renamed", "New", CommentStatus.PUBLISHED)


def test_the_database_refuses_a_depth_outside_one_to_four(article):
    with pytest.raises(IntegrityError), transaction.atomic():
        Comment.objects.create(article=article, depth=5, number=1, body="x", created_at=START)


def test_the_database_refuses_an_unknown_status(article):
    with pytest.raises(IntegrityError), transaction.atomic():
        Comment.objects.create(article=article, number=1, body="x", status="lost", created_at=START)


def test_the_database_refuses_two_top_level_comments_with_one_number(article):
    Comment.objects.create(article=article, number=1, body="x", created_at=START)
    with pytest.raises(IntegrityError), transaction.atomic():
        Comment.objects.create(article=article, number=1, body="y", created_at=START)


def test_the_database_refuses_a_numbered_reply(article):
    top = Comment.objects.create(article=article, number=1, body="x", created_at=START)
    with pytest.raises(IntegrityError), transaction.atomic():
        Comment.objects.create(article=article, parent=top, root=top, depth=2, number=2, body="y", created_at=START)


def test_counts_include_published_comments_only(article, django_assert_num_queries):
    other = article_publish(article.get_parent().specific)
    comment_import(article=article, incoming=[incoming("a"), incoming("b", minutes=1, status=CommentStatus.PENDING)])
    comment_import(article=other, incoming=[incoming("c"), incoming("d", parent="c", minutes=1)])
    assert comment_count(article=article) == 1
    with django_assert_num_queries(1):
        assert comment_counts(article_ids=[article.pk, other.pk]) == {article.pk: 1, other.pk: 2}
