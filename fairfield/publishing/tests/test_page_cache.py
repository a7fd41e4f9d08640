"""Anonymous readers share one rendered copy of an article until something on it changes."""

from datetime import UTC, datetime

import pytest

from fairfield.comments.models import Comment, CommentStatus
from fairfield.comments.services import comment_status_change
from fairfield.publishing.models import ArticlePage
from fairfield.publishing.tests.factories import article_publish, section_create


@pytest.fixture
def article(db):
    return article_publish(section_create(), title="The long corridor")


def title_set_behind_the_cache(article, title):
    """Change the article in the database without any signal, as a stale cache would never notice."""
    ArticlePage.objects.filter(pk=article.pk).update(title=title)


def comment_pending(article, body):
    return Comment.objects.create(
        article=article, number=1, depth=1, author_name="Sorrel", body=body,
        status=CommentStatus.PENDING, created_at=datetime(2026, 1, 5, tzinfo=UTC),
    )  # fmt: skip


def test_anonymous_readers_share_the_first_rendering(client, article):
    first = client.get(article.url)
    title_set_behind_the_cache(article, "A title nobody has seen")

    second = client.get(article.url)

    assert second.status_code == 200
    assert second.content == first.content
    assert "The long corridor" in second.content.decode()


def test_approving_a_comment_shows_it_to_the_next_reader(client, article):
    comment = comment_pending(article, "The night staff changed everything.")
    assert "The night staff changed everything." not in client.get(article.url).content.decode()

    comment_status_change(comment=comment, status=CommentStatus.PUBLISHED)

    assert "The night staff changed everything." in client.get(article.url).content.decode()


def test_removing_a_comment_takes_it_off_the_cached_page(client, article):
    comment = comment_pending(article, "Words that broke the guidelines.")
    comment_status_change(comment=comment, status=CommentStatus.PUBLISHED)
    assert "Words that broke the guidelines." in client.get(article.url).content.decode()

    comment_status_change(comment=comment, status=CommentStatus.REMOVED, public_note="personal attack")

    assert "Words that broke the guidelines." not in client.get(article.url).content.decode()


def test_saving_the_article_refreshes_its_page(client, article):
    client.get(article.url)
    article.title = "The corridor, revised"
    article.save()

    assert "The corridor, revised" in client.get(article.url).content.decode()


def test_the_newest_first_order_is_cached_apart_from_the_default(client, article):
    client.get(article.url)
    client.get(article.url + "?comments=newest")
    title_set_behind_the_cache(article, "Retitled")

    assert "The long corridor" in client.get(article.url + "?comments=newest").content.decode()


@pytest.mark.parametrize("query", ["?page=2", "?comments=newest&x=1", "?utm_source=x"])
def test_other_query_strings_are_never_cached(client, article, query):
    client.get(article.url + query)
    title_set_behind_the_cache(article, "Retitled")

    assert "Retitled" in client.get(article.url + query).content.decode()


def test_members_always_get_a_fresh_page(client, article, member):
    client.get(article.url)
    client.force_login(member)
    title_set_behind_the_cache(article, "Retitled")

    page = client.get(article.url).content.decode()

    assert "Retitled" in page
    assert "Wren" in page


def test_a_reader_with_a_message_waiting_gets_a_fresh_page_that_shows_it(client, article, member):
    client.get(article.url)
    title_set_behind_the_cache(article, "Retitled")
    client.force_login(member)
    client.post("/accounts/logout/")

    page = client.get(article.url).content.decode()

    assert "Retitled" in page
    assert "You have logged out." in page


def test_a_zero_lifetime_turns_the_cache_off(client, article, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(article.url)
    title_set_behind_the_cache(article, "Retitled")

    assert "Retitled" in client.get(article.url).content.decode()


def test_a_cached_page_is_served_without_a_single_query(client, article, django_assert_num_queries):
    client.get(article.url)

    with django_assert_num_queries(0):
        response = client.get(article.url)

    assert "The long corridor" in response.content.decode()


def test_a_cached_page_keeps_the_security_headers(client, article):
    first = client.get(article.url)
    second = client.get(article.url)

    for header in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy"):
        assert second.headers.get(header) == first.headers.get(header) is not None


def test_a_page_behind_a_password_is_never_cached_for_the_next_reader(client, article):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.PASSWORD, password="ward7")
    restriction = PageViewRestriction.objects.get(page=article)
    client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{article.pk}/",
        {"password": "ward7", "return_url": article.url},
    )
    assert "The long corridor" in client.get(article.url).content.decode()

    stranger = client.__class__()
    page = stranger.get(article.url).content.decode()

    assert 'name="password"' in page


def test_restricting_a_cached_page_takes_it_out_of_the_cache_at_once(client, article):
    from wagtail.models import PageViewRestriction

    client.get(article.url)
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)

    response = client.get(article.url)

    assert response.status_code == 302
    assert "/accounts/login/" in response.headers["Location"]


def test_a_moved_article_is_not_served_from_its_old_address(client, article):
    client.get(article.url)
    old_url = article.url
    article.slug = "the-long-corridor"
    article.save_revision().publish()

    assert client.get(old_url).status_code == 404


def test_a_page_cached_before_the_change_commits_is_stale_after_it(client, article, django_capture_on_commit_callbacks):
    comment = comment_pending(article, "Said before the commit.")
    with django_capture_on_commit_callbacks(execute=True):
        comment_status_change(comment=comment, status=CommentStatus.PUBLISHED)
        # Another reader, still seeing the old state, renders and caches the page before the commit.
        Comment.objects.filter(pk=comment.pk).update(status=CommentStatus.PENDING)
        assert "Said before the commit." not in client.get(article.url).content.decode()
        Comment.objects.filter(pk=comment.pk).update(status=CommentStatus.PUBLISHED)

    assert "Said before the commit." in client.get(article.url).content.decode()


def test_a_page_cached_for_one_host_is_not_served_to_another(client, article):
    first = client.get(article.url, headers={"host": "localhost"})
    assert first.status_code == 200
    title_set_behind_the_cache(article, "Rendered for the second host")
    other = client.get(article.url, headers={"host": "127.0.0.1"})
    assert "Rendered for the second host" in other.content.decode()
    assert client.get(article.url, headers={"host": "localhost"}).content == first.content


def test_a_spanish_reader_never_gets_the_english_copy_and_back(client, article, settings):
    settings.LANGUAGE_COOKIE_NAME = "django_language"
    english = client.get(article.url, headers={"accept-language": "en"})
    assert '<html lang="en">' in english.content.decode()

    spanish = client.get(article.url, headers={"accept-language": "es"})
    assert '<html lang="es">' in spanish.content.decode()

    client.cookies["django_language"] = "en"
    assert '<html lang="en">' in client.get(article.url, headers={"accept-language": "es"}).content.decode()
    client.cookies["django_language"] = "es"
    assert '<html lang="es">' in client.get(article.url, headers={"accept-language": "en"}).content.decode()


def test_each_language_keeps_its_own_cached_copy(client, article):
    english = client.get(article.url, headers={"accept-language": "en"})
    spanish = client.get(article.url, headers={"accept-language": "es"})
    title_set_behind_the_cache(article, "A title nobody has seen")

    assert client.get(article.url, headers={"accept-language": "en"}).content == english.content
    assert client.get(article.url, headers={"accept-language": "es"}).content == spanish.content
