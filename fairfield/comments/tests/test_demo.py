"""`load_demo --comments N`: a long sample discussion shaped like a real one, and a few comments elsewhere."""

import random
import re
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command

from fairfield.base.demo.writing import ARTICLES
from fairfield.comments.demo import BODY_LENGTH, LONG_DISCUSSION_SLUG, PENDING_COMMENTS, comment_body_write
from fairfield.comments.models import Comment, CommentStatus
from fairfield.publishing.models import ArticlePage

pytestmark = pytest.mark.django_db


def load_demo(*args) -> str:
    out = StringIO()
    call_command("load_demo", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_the_long_discussion_has_exactly_the_comments_asked_for_numbered_and_threaded():
    output = load_demo("--comments", "120", "--seed", "5")

    article = ArticlePage.objects.get(slug=LONG_DISCUSSION_SLUG)
    comments = list(Comment.objects.filter(article=article))
    top_level = [comment for comment in comments if comment.parent_id is None]
    assert len(comments) == 120
    assert sorted(comment.number for comment in top_level) == list(range(1, len(top_level) + 1))
    assert 0.5 < len(top_level) / len(comments) < 0.85
    depths = Counter(comment.depth for comment in comments)
    assert depths[2] > depths[3] >= 0 and max(depths) <= 4
    assert all(comment.author_id and comment.body_html for comment in comments)
    assert all(BODY_LENGTH[0] - 80 <= len(comment.body) <= BODY_LENGTH[1] for comment in comments)
    assert re.search(r"Loaded \d+ comments \(120 under", output)


def test_every_other_hand_written_article_gets_a_few_and_two_wait_for_a_moderator():
    load_demo("--comments", "10")

    for written in ARTICLES:
        published = Comment.objects.filter(article__slug=written.slug, status=CommentStatus.PUBLISHED).count()
        assert published == (10 if written.slug == LONG_DISCUSSION_SLUG else 4)
    assert Comment.objects.filter(status=CommentStatus.PENDING).count() == PENDING_COMMENTS


def test_the_same_seed_writes_the_same_comment():
    assert comment_body_write(random.Random(9)) == comment_body_write(random.Random(9))
    assert comment_body_write(random.Random(9)) != comment_body_write(random.Random(10))


def test_the_sample_discussion_reads_on_the_article_page(client):
    load_demo("--comments", "25")
    article = ArticlePage.objects.get(slug=LONG_DISCUSSION_SLUG)
    first = Comment.objects.get(article=article, number=1)

    page = client.get(article.url).content.decode()

    assert f'id="comment-{first.pk}"' in page
    assert first.author.pseudonym in page
