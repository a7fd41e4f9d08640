import pytest
from django.template import Context, Template

from fairfield.comments.models import CommentStatus
from fairfield.comments.tests.conftest import comment_make
from fairfield.publishing.tests.factories import article_publish

pytestmark = pytest.mark.django_db

LISTING = Template(
    "{% load comments_tags %}{% comment_counts_for articles as counts %}"
    "{% for article in articles %}{{ article.title }}={{ counts|count_for:article.pk }};{% endfor %}"
)


def test_a_listing_gets_every_articles_published_comment_count_in_one_query(article, django_assert_max_num_queries):
    quiet = article_publish(article.get_parent().specific, title="Quiet", slug="quiet")
    comment_make(article)
    comment_make(article)
    comment_make(article, status=CommentStatus.PENDING)
    with django_assert_max_num_queries(1):
        html = LISTING.render(Context({"articles": [article, quiet]}))
    assert html == f"{article.title}=2;Quiet=0;"


def test_section_and_home_listings_show_each_articles_comment_count_with_a_link_to_the_discussion(client, article):
    comment_make(article)
    comment_make(article)
    comment_make(article, status=CommentStatus.PENDING)
    link = f'<a href="{article.url}#comments">2 comments</a>'

    assert link in client.get(article.get_parent().url).content.decode()
    assert link in client.get("/").content.decode()
