"""Editing for 15 minutes with the history kept; deleting one's own comment at any time."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.utils import timezone

from fairfield.comments import services
from fairfield.comments.models import CommentRevision, CommentStatus
from fairfield.comments.services import comment_delete, comment_edit
from fairfield.comments.tests.conftest import comment_make, textarea_text
from fairfield.moderation.screening import CommentRefused, Screening

pytestmark = pytest.mark.django_db


def test_the_author_edits_within_fifteen_minutes_and_the_old_body_is_kept(article, member):
    comment = comment_make(article, author=member, body="Frist draft", minutes_ago=5)
    comment_edit(comment=comment, editor=member, body="First draft")
    comment.refresh_from_db()
    assert comment.body == "First draft"
    assert comment.body_html == "<p>First draft</p>"
    assert comment.edited_at is not None
    assert list(comment.revisions.values_list("body", flat=True)) == ["Frist draft"]


def test_every_earlier_body_is_kept_in_order(article, member):
    comment = comment_make(article, author=member, body="one")
    comment_edit(comment=comment, editor=member, body="two")
    comment_edit(comment=comment, editor=member, body="three")
    assert list(CommentRevision.objects.filter(comment=comment).values_list("body", flat=True)) == ["one", "two"]


def test_editing_after_fifteen_minutes_is_refused(article, member):
    comment = comment_make(article, author=member, body="Old", minutes_ago=16)
    with pytest.raises(CommentRefused, match="15 minutes"):
        comment_edit(comment=comment, editor=member, body="New")
    comment.refresh_from_db()
    assert comment.body == "Old"
    assert not comment.revisions.exists()


def test_another_member_cannot_edit(article, member, other_member):
    comment = comment_make(article, author=member, body="Mine")
    with pytest.raises(CommentRefused) as refusal:
        comment_edit(comment=comment, editor=other_member, body="Theirs")
    assert refusal.value.status_code == 403


def test_an_edit_goes_through_screening_with_the_comment_being_edited(article, member, monkeypatch):
    seen = {}

    def screen(**kwargs):
        seen.update(kwargs)
        return Screening(status=CommentStatus.PENDING)

    monkeypatch.setattr(services, "comment_screen", screen)
    comment = comment_make(article, author=member, body="Fine")
    comment_edit(comment=comment, editor=member, body="Now with a watched word")
    comment.refresh_from_db()
    assert seen["editing"] == comment
    assert comment.status == CommentStatus.PENDING


def test_the_edit_page_saves_and_refuses_bad_text_keeping_it(member_client, article, member):
    comment = comment_make(article, author=member, body="Before")
    page = member_client.get(f"/comments/{comment.pk}/edit/")
    assert page.status_code == 200
    assert textarea_text(BeautifulSoup(page.content, "html.parser").select_one("textarea")) == "Before"
    refused = member_client.post(f"/comments/{comment.pk}/edit/", {"body": "  "})
    assert refused.status_code == 400
    saved = member_client.post(f"/comments/{comment.pk}/edit/", {"body": "After"})
    assert saved.status_code == 302
    comment.refresh_from_db()
    assert comment.body == "After"


def test_a_leading_newline_survives_the_edit_page(member_client, article, member):
    comment = comment_make(article, author=member, body="\nHello")
    page = member_client.get(f"/comments/{comment.pk}/edit/")
    assert textarea_text(BeautifulSoup(page.content, "html.parser").select_one("textarea")) == "\nHello"


def test_the_edit_page_after_the_window_says_so_and_a_late_post_keeps_the_text(member_client, article, member):
    comment = comment_make(article, author=member, body="Before", minutes_ago=20)
    response = member_client.get(f"/comments/{comment.pk}/edit/", follow=True)
    assert "can no longer be changed" in response.content.decode()
    late = member_client.post(f"/comments/{comment.pk}/edit/", {"body": "Too late"})
    assert late.status_code == 403
    assert textarea_text(BeautifulSoup(late.content, "html.parser").select_one("textarea")) == "Too late"


def test_another_member_cannot_reach_the_edit_or_delete_page(article, member, other_member):
    comment = comment_make(article, author=member)
    client = Client()
    client.force_login(other_member)
    assert client.get(f"/comments/{comment.pk}/edit/").status_code == 404
    assert client.post(f"/comments/{comment.pk}/edit/", {"body": "x"}).status_code == 404
    assert client.post(f"/comments/{comment.pk}/delete/").status_code == 404
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PUBLISHED


def test_anonymous_editing_keeps_the_text_and_asks_to_log_in(client, article, member):
    comment = comment_make(article, author=member)
    assert client.get(f"/comments/{comment.pk}/edit/").status_code == 302
    response = client.post(f"/comments/{comment.pk}/edit/", {"body": "Changed my mind"})
    assert response.status_code == 403
    assert textarea_text(BeautifulSoup(response.content, "html.parser").select_one("textarea")) == "Changed my mind"


def test_the_author_deletes_any_time_and_a_placeholder_stays_while_replies_hang_under_it(
    member_client, article, member, other_member
):
    comment = comment_make(article, author=member, body="Regretted words", minutes_ago=60 * 24)
    comment_make(article, author=other_member, body="A reply that still reads", parent=comment)
    assert member_client.get(f"/comments/{comment.pk}/delete/").status_code == 200
    response = member_client.post(f"/comments/{comment.pk}/delete/", follow=True)
    comment.refresh_from_db()
    assert comment.status == CommentStatus.DELETED_BY_AUTHOR
    html = response.content.decode()
    assert "Regretted words" not in html
    assert "removed by its author" in html
    assert "A reply that still reads" in html


def test_a_deleted_comment_without_replies_disappears(member_client, article, member):
    comment = comment_make(article, author=member, body="Gone")
    comment_delete(comment=comment, member=member)
    html = member_client.get(article.url).content.decode()
    assert "Gone" not in html
    assert "removed by its author" not in html


def test_another_member_cannot_delete_through_the_service(article, member, other_member):
    comment = comment_make(article, author=member)
    with pytest.raises(CommentRefused):
        comment_delete(comment=comment, member=other_member)


def test_a_removed_comment_shows_the_moderators_note_and_its_author_can_ask_for_a_review(
    member_client, article, member, other_member
):
    comment = comment_make(article, author=member, body="Taken down")
    comment.status, comment.public_note = CommentStatus.REMOVED, "names a private person"
    comment.save()
    html = member_client.get(article.url).content.decode()
    assert "removed by moderators: names a private person" in html
    assert f"/moderation/comments/{comment.pk}/appeal/" in html
    assert "Taken down" not in html
    other = Client()
    other.force_login(other_member)
    assert f"/moderation/comments/{comment.pk}/appeal/" not in other.get(article.url).content.decode()


def test_the_edit_link_shows_only_inside_the_window(member_client, article, member):
    fresh = comment_make(article, author=member, body="fresh")
    old = comment_make(article, author=member, body="old", minutes_ago=30)
    html = member_client.get(article.url).content.decode()
    assert f"/comments/{fresh.pk}/edit/" in html
    assert f"/comments/{old.pk}/edit/" not in html
    assert f"/comments/{old.pk}/delete/" in html
    assert timezone.now() < fresh.editable_until <= timezone.now() + timedelta(minutes=15)


def test_moderators_see_every_version_of_an_edited_comment_and_members_do_not(
    client, article, member, other_member, moderator
):
    comment = comment_make(article, author=member, body="First <b>version</b>")
    comment_edit(comment=comment, editor=member, body="Second version")
    url = f"/comments/{comment.pk}/history/"
    client.force_login(moderator)
    html = client.get(url).content.decode()
    assert "First &lt;b&gt;version&lt;/b&gt;" in html
    assert "Second version" in html
    for someone in (member, other_member):
        client.force_login(someone)
        assert client.get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302
