"""“This helped me”: a member marks a comment; only its writer sees how many; it orders and hides nothing."""

import pytest
from django.test import Client

from fairfield.comments.models import CommentStatus, Helped
from fairfield.comments.services import comment_helped_mark
from fairfield.comments.tests.conftest import comment_make
from fairfield.moderation.screening import CommentRefused

pytestmark = pytest.mark.django_db


@pytest.fixture
def marked(article, member, other_member):
    """Alder's comment, marked as helpful by Wren."""
    comment = comment_make(article, author=other_member, body="What helped me was a peer group.")
    Helped.objects.create(member=member, comment=comment)
    return comment


def _page(client, article) -> str:
    return client.get(article.url + "?comments=newest").content.decode()


def test_the_writer_sees_how_many_it_helped_and_nobody_else_does(article, member, other_member, marked):
    writer, marker, reader = Client(), Client(), Client()
    writer.force_login(other_member)
    marker.force_login(member)

    assert "This helped 1 person (only you see this)" in _page(writer, article)
    assert "This helped 1 person" not in _page(marker, article)
    assert "This helped 1 person" not in _page(reader, article)
    assert "This helped 1 person" not in reader.get(article.url).content.decode()  # the cached copy too


def test_a_member_marks_and_takes_back_a_mark(client, article, member, other_member):
    comment = comment_make(article, author=other_member)
    client.force_login(member)

    client.post(f"/comments/{comment.pk}/helped/")
    client.post(f"/comments/{comment.pk}/helped/")
    assert Helped.objects.filter(member=member, comment=comment).count() == 1
    assert 'aria-pressed="true">This helped me' in _page(client, article)

    client.post(f"/comments/{comment.pk}/not-helped/")
    assert not Helped.objects.exists()
    assert 'aria-pressed="false">This helped me' in _page(client, article)


def test_nobody_marks_their_own_comment_or_a_hidden_one(article, member):
    own = comment_make(article, author=member)
    pending = comment_make(article, status=CommentStatus.PENDING)
    for comment in (own, pending):
        with pytest.raises(CommentRefused):
            comment_helped_mark(member=member, comment=comment)
    assert not Helped.objects.exists()


def test_marking_needs_a_login_and_a_post(client, article, other_member):
    comment = comment_make(article, author=other_member)
    assert client.post(f"/comments/{comment.pk}/helped/").status_code == 302
    assert not Helped.objects.exists()
    assert client.get(f"/comments/{comment.pk}/helped/").status_code in (302, 405)


def test_marks_do_not_change_the_order_of_comments(client, article, member, other_member):
    first = comment_make(article, author=other_member, body="First, not marked.", minutes_ago=10)
    second = comment_make(article, author=other_member, body="Second, marked.")
    Helped.objects.create(member=member, comment=second)
    page = Client().get(article.url).content.decode()
    assert page.index("First, not marked.") < page.index("Second, marked.")
    assert first.pk


def test_the_thread_takes_no_extra_query_for_the_marks(article, member, other_member, django_assert_max_num_queries):
    for number in range(5):
        comment = comment_make(article, author=other_member, body=f"Comment {number}")
        Helped.objects.create(member=member, comment=comment)
    client = Client()
    client.force_login(other_member)
    client.get(article.url)
    with django_assert_max_num_queries(15):
        client.get(article.url)
