"""Posting and replying, through the service and through the form under an article."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from bs4 import BeautifulSoup
from django.db import IntegrityError
from django.test import Client
from django.utils import timezone

from fairfield.comments import services
from fairfield.comments.models import Comment, CommentSettings, CommentStatus
from fairfield.comments.services import comment_post
from fairfield.comments.tests.conftest import comment_make, post_url, textarea_text
from fairfield.moderation.screening import CommentRefused, Screening
from fairfield.publishing.tests.factories import article_publish

pytestmark = pytest.mark.django_db


def parse(response):
    return BeautifulSoup(response.content, "html.parser")


def kept_text(response) -> str:
    return textarea_text(parse(response).select_one("textarea[name=body]"))


def test_top_level_comments_are_numbered_in_order(article, member, other_member, established):
    established(member, other_member)
    first = comment_post(author=member, article=article, body="First.")
    second = comment_post(author=other_member, article=article, body="Second.")
    assert (first.number, second.number) == (1, 2)
    assert first.status == CommentStatus.PUBLISHED
    assert first.body_html == "<p>First.</p>"


def test_a_number_taken_meanwhile_is_retried_with_the_next(article, member, monkeypatch):
    comment_make(article, body="Already there")  # number 1
    calls = []
    real = services._next_number

    def stale(article_):
        calls.append(1)
        return 1 if len(calls) == 1 else real(article_)

    monkeypatch.setattr(services, "_next_number", stale)
    comment = comment_post(author=member, article=article, body="Mine.")
    assert comment.number == 2
    assert len(calls) == 2


def test_numbering_gives_up_after_repeated_clashes_without_leaving_a_row(article, member, monkeypatch):
    comment_make(article)
    monkeypatch.setattr(services, "_next_number", lambda article_: 1)
    with pytest.raises(IntegrityError):
        comment_post(author=member, article=article, body="Mine.")
    assert Comment.objects.count() == 1


def test_replies_nest_to_depth_four_and_deeper_ones_attach_there_answering_their_comment(article, member, established):
    established(member)
    level = comment_post(author=member, article=article, body="1")
    chain = [level]
    for depth in range(2, 6):
        level = comment_post(author=member, article=article, body=str(depth), parent=level)
        chain.append(level)
    assert [c.depth for c in chain] == [1, 2, 3, 4, 4]
    fifth = chain[4]
    assert fifth.parent == chain[2]
    assert fifth.in_reply_to == chain[3]
    assert fifth.root == chain[0]
    assert fifth.number is None


def test_an_unverified_member_cannot_post(article, member):
    EmailAddress.objects.filter(user=member).update(verified=False)
    with pytest.raises(CommentRefused) as refusal:
        comment_post(author=member, article=article, body="Hello")
    assert refusal.value.status_code == 403
    assert not Comment.objects.exists()


def test_comments_closed_on_the_article_refuse_posts(article, member):
    article.comments_open = False
    article.save()
    with pytest.raises(CommentRefused, match="closed"):
        comment_post(author=member, article=article, body="Hello")


def test_discussions_close_by_themselves_after_the_configured_days(article, member):
    settings = CommentSettings.for_site(article.get_site())
    settings.close_after_days = 30
    settings.save()
    article.first_published_at = timezone.now() - timedelta(days=31)
    article.save()
    with pytest.raises(CommentRefused, match="closed"):
        comment_post(author=member, article=article, body="Hello")
    settings.close_after_days = 0
    settings.save()
    assert comment_post(author=member, article=article, body="Hello").pk


@pytest.mark.parametrize(
    "status", [CommentStatus.PENDING, CommentStatus.HELD, CommentStatus.REMOVED, CommentStatus.DELETED_BY_AUTHOR]
)
def test_replies_to_comments_not_shown_are_refused(article, member, other_member, status):
    parent = comment_make(article, author=other_member, status=status)
    with pytest.raises(CommentRefused, match="cannot be answered"):
        comment_post(author=member, article=article, body="Reply", parent=parent)
    assert Comment.objects.count() == 1


def test_a_reply_to_a_comment_on_another_article_is_refused(article, member):
    elsewhere = article_publish(article.get_parent().specific, title="Elsewhere", slug="elsewhere")
    parent = comment_make(elsewhere)
    with pytest.raises(CommentRefused, match="different article"):
        comment_post(author=member, article=article, body="Reply", parent=parent)


def test_screening_decides_the_status_and_sees_the_parent(article, member, other_member, monkeypatch):
    seen = {}

    def screen(**kwargs):
        seen.update(kwargs)
        return Screening(status=CommentStatus.PENDING, reasons=("new member",))

    monkeypatch.setattr(services, "comment_screen", screen)
    parent = comment_make(article, author=other_member)
    comment = comment_post(author=member, article=article, body="Held back", parent=parent)
    assert comment.status == CommentStatus.PENDING
    assert seen == {
        "author": member,
        "article": article,
        "body": "Held back",
        "parent": parent,
        "safe_messaging_read": False,
        "content_notes": (),
    }


# Through the form


def test_a_member_posts_from_the_form_and_lands_on_their_comment(member_client, article, member, established):
    established(member)
    response = member_client.post(post_url(article), {"body": "Thank you for writing this.", "website": ""})
    comment = Comment.objects.get(article=article)
    assert response.status_code == 302
    assert response.url.endswith(f"#comment-{comment.pk}")
    page = member_client.get(response.url.split("#")[0]).content.decode()
    assert "Thank you for writing this." in page
    assert "Your comment is posted." in page


def test_the_form_posts_a_reply_with_a_parent_field(member_client, article, other_member):
    parent = comment_make(article, author=other_member)
    member_client.post(post_url(article), {"body": "Agreed.", "parent": parent.pk})
    assert Comment.objects.get(body="Agreed.").parent == parent


def test_the_reply_page_shows_the_comment_and_posts_under_it(member_client, article, other_member):
    parent = comment_make(article, author=other_member, body="What helped you?")
    page = member_client.get(f"/comments/{parent.pk}/reply/")
    assert page.status_code == 200
    assert "What helped you?" in page.content.decode()
    assert "Reply to Alder" in page.content.decode()
    response = member_client.post(f"/comments/{parent.pk}/reply/", {"body": "Peer support."})
    assert response.status_code == 302
    assert Comment.objects.get(body="Peer support.").in_reply_to == parent


def test_a_reply_to_another_articles_comment_through_the_form_is_refused_with_the_text_kept(member_client, article):
    elsewhere = article_publish(article.get_parent().specific, title="Elsewhere", slug="elsewhere")
    parent = comment_make(elsewhere)
    response = member_client.post(post_url(article), {"body": "Misplaced reply", "parent": parent.pk})
    assert response.status_code == 400
    assert "different article" in response.content.decode()
    assert kept_text(response) == "Misplaced reply"
    assert Comment.objects.count() == 1


@pytest.mark.parametrize(("code", "message"), [(429, "Slow down, please."), (403, "Suspended until Monday.")])
def test_a_refusal_by_screening_answers_its_code_and_keeps_the_text(member_client, article, monkeypatch, code, message):
    def refuse(**kwargs):
        raise CommentRefused(message, status_code=code)

    monkeypatch.setattr(services, "comment_screen", refuse)
    response = member_client.post(post_url(article), {"body": "My careful words\n\nsecond paragraph"})
    assert response.status_code == code
    assert message in response.content.decode()
    assert kept_text(response) == "My careful words\n\nsecond paragraph"
    assert not Comment.objects.exists()


def test_a_server_error_while_posting_keeps_the_text(member_client, article, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(services, "comment_screen", broken)
    response = member_client.post(post_url(article), {"body": "Do not lose me"})
    assert response.status_code == 500
    assert "your comment was not saved" in response.content.decode()
    assert kept_text(response) == "Do not lose me"


def test_a_filled_in_honeypot_is_refused(member_client, article):
    response = member_client.post(post_url(article), {"body": "Buy now", "website": "http://spam.example"})
    assert response.status_code == 400
    assert kept_text(response) == "Buy now"
    assert not Comment.objects.exists()


def test_an_anonymous_post_keeps_the_text_and_asks_to_log_in(client, article):
    response = client.post(post_url(article), {"body": "Written before my session ended"})
    assert response.status_code == 403
    assert "log in" in response.content.decode()
    assert kept_text(response) == "Written before my session ended"
    assert not Comment.objects.exists()


def test_an_unverified_member_is_refused_with_the_text_kept(member_client, member, article):
    EmailAddress.objects.filter(user=member).update(verified=False)
    response = member_client.post(post_url(article), {"body": "Hello"})
    assert response.status_code == 403
    assert "confirm your e-mail" in response.content.decode()
    assert kept_text(response) == "Hello"


def test_a_closed_article_refuses_with_the_text_kept(member_client, article):
    article.comments_open = False
    article.save()
    response = member_client.post(post_url(article), {"body": "Too late?"})
    assert response.status_code == 403
    assert kept_text(response) == "Too late?"
    page = member_client.get(article.url).content.decode()
    assert "This discussion is closed." in page
    assert 'name="body"' not in page


def test_a_post_without_a_csrf_token_is_refused_with_a_page_saying_the_text_was_not_saved(member, article):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    response = client.post(post_url(article), {"body": "No token"})
    assert response.status_code == 403
    text = response.content.decode()
    assert "Your text was not saved" in text
    assert "Back" in text
    assert not Comment.objects.exists()


def test_a_pending_comment_is_shown_to_its_writer_as_waiting_and_to_nobody_else(
    member_client, article, monkeypatch, client, other_member
):
    monkeypatch.setattr(services, "comment_screen", lambda **kwargs: Screening(status=CommentStatus.PENDING))
    response = member_client.post(post_url(article), {"body": "Please approve me"}, follow=True)
    text = response.content.decode()
    assert "waiting for a moderator" in text
    assert "Please approve me" in text
    assert "only you can see this comment" in text
    other = Client()
    other.force_login(other_member)
    assert "Please approve me" not in other.get(article.url).content.decode()
    assert "Please approve me" not in Client().get(article.url).content.decode()


def test_the_thread_offers_the_form_to_members_and_a_log_in_link_to_readers(member_client, article, client):
    assert 'name="body"' in member_client.get(article.url).content.decode()
    anonymous = Client().get(article.url).content.decode()
    assert 'name="body"' not in anonymous
    assert "Log in to comment" in anonymous


def test_the_reply_page_for_a_hidden_comment_is_not_found(member_client, article):
    parent = comment_make(article, status=CommentStatus.HELD)
    assert member_client.get(f"/comments/{parent.pk}/reply/").status_code == 404


def test_posting_needs_post(member_client, article):
    assert member_client.get(post_url(article)).status_code == 405


def test_a_readers_article_page_sets_no_csrf_cookie_so_it_can_be_cached(client, article):
    comment_make(article)
    response = client.get(article.url)
    assert "csrftoken" not in response.cookies
    assert "__Host-csrftoken" not in response.cookies


def test_the_reply_page_of_a_closed_discussion_says_so_instead_of_offering_a_form(member_client, article):
    parent = comment_make(article)
    article.comments_open = False
    article.save()
    response = member_client.get(f"/comments/{parent.pk}/reply/", follow=True)
    assert "This discussion is closed" in response.content.decode()
    assert 'name="body"' not in response.content.decode()
