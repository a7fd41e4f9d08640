import pytest
from django.test import Client

from fairfield.comments.models import Mute, ThreadFollow
from fairfield.comments.services import member_mute
from fairfield.comments.tests.conftest import comment_make

pytestmark = pytest.mark.django_db


def test_muting_folds_the_members_comments_away_for_the_muter_only(member_client, article, member, other_member):
    comment = comment_make(article, author=other_member, body="Loud words")
    response = member_client.post(f"/comments/{comment.pk}/mute/", {"next": article.url}, follow=True)
    assert Mute.objects.filter(muter=member, muted=other_member).exists()
    html = response.content.decode()
    assert "You muted Alder" in html
    assert '<details class="comment__muted"><summary>Comment by a member you muted</summary>' in html
    assert "Unmute Alder" in html
    assert "Comment by a member you muted" not in Client().get(article.url).content.decode()


def test_unmuting_from_the_list(member_client, member, other_member):
    member_mute(muter=member, muted=other_member)
    page = member_client.get("/comments/muted/").content.decode()
    assert "Alder" in page
    member_client.post(f"/comments/muted/{other_member.pk}/unmute/")
    assert not Mute.objects.exists()
    assert "You have not muted anyone." in member_client.get("/comments/muted/").content.decode()


def test_nobody_can_mute_themselves(member_client, article, member):
    comment = comment_make(article, author=member)
    assert member_client.post(f"/comments/{comment.pk}/mute/").status_code == 404
    assert member_mute(muter=member, muted=member) is None
    assert not Mute.objects.exists()


def test_muting_needs_a_login(client, article, other_member):
    comment = comment_make(article, author=other_member)
    response = client.post(f"/comments/{comment.pk}/mute/")
    assert response.status_code == 302
    assert "/accounts/login/" in response.url
    assert client.get("/comments/muted/").status_code == 302


def test_an_unsafe_next_address_is_ignored(member_client, article, other_member):
    comment = comment_make(article, author=other_member)
    response = member_client.post(f"/comments/{comment.pk}/mute/", {"next": "https://evil.example/"})
    assert not response.url.startswith("https://evil")


def test_following_and_unfollowing_a_discussion(member_client, article, member):
    html = member_client.post(f"/comments/article/{article.pk}/follow/", follow=True).content.decode()
    assert ThreadFollow.objects.filter(user=member, article=article).exists()
    assert "You follow this discussion." in html
    member_client.post(f"/comments/article/{article.pk}/follow/")
    assert ThreadFollow.objects.count() == 1
    html = member_client.post(f"/comments/article/{article.pk}/unfollow/", follow=True).content.decode()
    assert not ThreadFollow.objects.exists()
    assert "Follow this discussion" in html


def test_readers_cannot_follow(client, article):
    assert client.post(f"/comments/article/{article.pk}/follow/").status_code == 302
    assert not ThreadFollow.objects.exists()
