"""A discussion is behind the same door as its article: Wagtail's view restrictions (password, log-in, groups)
hold on every path to a comment — the comment pages, the mute button, the flag page and the e-mails."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.models import PageViewRestriction

from fairfield.accounts.access import may
from fairfield.comments.models import Comment, Mute, ThreadFollow
from fairfield.comments.tests.conftest import comment_make, post_url
from fairfield.moderation.models import Flag
from fairfield.notifications.models import FollowEvent, Notification, NotificationKind
from fairfield.notifications.services import comment_announce, digests_send

pytestmark = pytest.mark.django_db

SECRET = "A body only the group should read"


def _restrict(article, kind, **fields):
    restriction = PageViewRestriction.objects.create(page=article, restriction_type=kind, **fields)
    if kind == PageViewRestriction.GROUPS:
        restriction.groups.set([Group.objects.get_or_create(name="Circle of trust")[0]])
    return restriction


@pytest.fixture(params=[PageViewRestriction.PASSWORD, PageViewRestriction.GROUPS])
def restricted(request, article):
    fields = {"password": "swordfish"} if request.param == PageViewRestriction.PASSWORD else {}
    _restrict(article, request.param, **fields)
    return article


@pytest.fixture
def secret_comment(restricted, other_member):
    return comment_make(restricted, author=other_member, body=SECRET)


def test_posting_under_a_restricted_article_is_refused(member_client, restricted):
    response = member_client.post(post_url(restricted), {"body": "Let me in"})
    assert response.status_code == 404
    assert not Comment.objects.filter(body="Let me in").exists()


def test_the_reply_page_does_not_quote_a_restricted_comment(member_client, secret_comment):
    response = member_client.get(f"/comments/{secret_comment.pk}/reply/")
    assert response.status_code == 404
    assert SECRET not in response.content.decode()
    assert member_client.post(f"/comments/{secret_comment.pk}/reply/", {"body": "Answer"}).status_code == 404
    assert Comment.objects.count() == 1


def test_editing_ones_comment_needs_the_article_too(secret_comment, other_member):
    client = Client()
    client.force_login(other_member)
    assert client.get(f"/comments/{secret_comment.pk}/edit/").status_code == 404
    assert client.post(f"/comments/{secret_comment.pk}/edit/", {"body": "Changed"}).status_code == 404
    secret_comment.refresh_from_db()
    assert secret_comment.body == SECRET


def test_following_a_restricted_discussion_is_refused(member_client, restricted, member):
    assert member_client.post(f"/comments/article/{restricted.pk}/follow/").status_code == 404
    assert not ThreadFollow.objects.filter(user=member).exists()


def test_muting_by_comment_number_under_a_restricted_article_names_nobody(member_client, secret_comment):
    response = member_client.post(f"/comments/{secret_comment.pk}/mute/", follow=True)
    assert response.status_code == 404
    assert "Alder" not in response.content.decode()
    assert not Mute.objects.exists()


def test_the_flag_page_does_not_show_a_restricted_comment(member_client, secret_comment):
    response = member_client.get(f"/moderation/comments/{secret_comment.pk}/flag/")
    assert response.status_code == 404
    assert SECRET not in response.content.decode()
    assert member_client.post(f"/moderation/comments/{secret_comment.pk}/flag/", {"reason": "spam"}).status_code == 404
    assert not Flag.objects.exists()


def test_a_follower_who_lost_access_gets_no_digest_and_no_reply_mail(article, member, other_member):
    ThreadFollow.objects.create(user=member, article=article)
    parent = comment_make(article, author=member, body="My first words")
    _restrict(article, PageViewRestriction.GROUPS)
    reply = comment_make(article, author=other_member, body=SECRET, parent=parent)
    comment_announce(comment=reply)
    assert not Notification.objects.filter(user=member, kind=NotificationKind.REPLIES).exists()
    FollowEvent.objects.get_or_create(user=member, comment=reply)
    digests_send()
    assert not Notification.objects.filter(user=member).exists()
    assert not FollowEvent.objects.filter(user=member).exists()


def test_a_member_of_the_group_takes_part(member_client, article, member):
    _restrict(article, PageViewRestriction.GROUPS)
    member.groups.add(Group.objects.get(name="Circle of trust"))
    assert may(member, "comments.article.discuss", article)
    response = member_client.post(post_url(article), {"body": "Inside the circle"})
    assert response.status_code == 302
    assert Comment.objects.filter(body="Inside the circle").exists()


def test_a_reader_who_gave_the_password_takes_part(member_client, article, member):
    restriction = _restrict(article, PageViewRestriction.PASSWORD, password="swordfish")
    assert not may(member, "comments.article.discuss", article)  # no session: a password cannot be shown
    session = member_client.session
    session[restriction.passed_view_restrictions_session_key] = [restriction.pk]
    session.save()
    assert member_client.post(post_url(article), {"body": "I know the word"}).status_code == 302
    assert Comment.objects.filter(body="I know the word").exists()


def test_a_login_restriction_admits_members(member_client, article):
    _restrict(article, PageViewRestriction.LOGIN)
    assert member_client.post(post_url(article), {"body": "Members only"}).status_code == 302


def test_leaving_stays_possible_after_access_is_lost(member_client, restricted, member):
    ThreadFollow.objects.create(user=member, article=restricted)
    assert member_client.post(f"/comments/article/{restricted.pk}/unfollow/").status_code == 302
    assert not ThreadFollow.objects.exists()


# Who wrote a comment others cannot see is not told through the mute button.


@pytest.mark.parametrize("status", ["pending", "held", "removed", "deleted_by_author"])
def test_muting_a_comment_others_cannot_see_names_nobody(member_client, article, other_member, member, status):
    hidden = comment_make(article, author=other_member, body="Not shown", status=status)
    response = member_client.post(f"/comments/{hidden.pk}/mute/", follow=True)
    assert response.status_code == 404
    assert "Alder" not in response.content.decode()
    assert not Mute.objects.filter(muter=member).exists()
