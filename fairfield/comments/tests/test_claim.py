"""Commenters from the old site claim their imported comments by proving they read mail at the address."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.test import Client

from fairfield.audit.models import AuditEntry
from fairfield.comments.models import Comment, CommentStatus
from fairfield.comments.services import IncomingComment, claim_key, comment_import, comment_import_update
from fairfield.publishing.tests.factories import article_publish, section_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(db):
    from django.utils import timezone

    article = article_publish(section_create(), title="The old discussion")
    made = comment_import(
        article=article,
        incoming=[
            IncomingComment(
                key=str(n),
                parent_key=None,
                author_name=name,
                author_email=email,
                body=f"Written on the old site by {name}.",
                status=CommentStatus.PUBLISHED,
                created_at=timezone.now(),
            )
            for n, (name, email) in enumerate(
                [("Jo", "Jo@Example.org"), ("Jo again", "jo@example.org"), ("Sam", "sam@example.org"), ("Anon", "")]
            )
        ],
    )
    return article, made


def _link(to: str) -> str:
    [message] = [m for m in mail.outbox if to in m.to]
    return urlsplit(re.search(r"https?://\S+/comments/claim/\S+/", message.body).group(0)).path


def test_the_database_keeps_a_keyed_hash_never_the_address(imported):
    _article, made = imported
    jo = made["0"]
    assert jo.claim_key == claim_key("jo@example.org") == made["1"].claim_key
    assert "jo@" not in jo.claim_key
    assert made["3"].claim_key == ""
    assert claim_key("not an address") == ""


def test_a_member_claims_the_comments_written_with_their_old_address(
    client, member, imported, django_capture_on_commit_callbacks
):
    article, made = imported
    mail.outbox = []
    client.force_login(member)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/comments/claim/", {"email": " JO@example.org "}, follow=True)
    assert "we have e-mailed it a link" in response.content.decode()
    link = _link("JO@example.org")
    page = client.get(link).content.decode()
    assert "2 comments were written on the old site" in page
    response = client.post(link, follow=True)

    assert "2 comments from the old site are now in your account." in response.content.decode()
    assert set(Comment.objects.filter(author=member).values_list("pk", flat=True)) == {made["0"].pk, made["1"].pk}
    assert Comment.objects.get(pk=made["0"].pk).claim_key == ""
    assert Comment.objects.get(pk=made["2"].pk).author is None
    assert AuditEntry.objects.filter(action="comments.imported.claimed", actor=member).exists()
    assert "Wren" in Client().get(article.url).content.decode()


def test_an_address_with_no_comments_gets_no_mail_and_the_same_answer(
    client, member, imported, django_capture_on_commit_callbacks
):
    mail.outbox = []
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/comments/claim/", {"email": "nobody@example.org"}, follow=True)
    assert "we have e-mailed it a link" in response.content.decode()
    assert mail.outbox == []


def test_a_link_opened_by_another_account_claims_nothing(
    client, member, other_member, imported, django_capture_on_commit_callbacks
):
    mail.outbox = []
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/comments/claim/", {"email": "jo@example.org"})
    link = _link("jo@example.org")

    client.force_login(other_member)
    assert client.get(link).status_code == 400
    response = client.post(link)

    assert response.status_code == 400
    assert "made for another account" in response.content.decode()
    assert not Comment.objects.filter(author__isnull=False).exists()


def test_a_link_used_twice_says_there_is_nothing_left(client, member, imported, django_capture_on_commit_callbacks):
    mail.outbox = []
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/comments/claim/", {"email": "jo@example.org"})
    link = _link("jo@example.org")
    client.post(link)

    page = client.get(link).content.decode()
    response = client.post(link, follow=True)

    assert "nothing left to claim" in page
    assert "0 comments from the old site" in response.content.decode()
    assert Comment.objects.filter(author=member).count() == 2


@pytest.mark.parametrize("token", ["nonsense", "a" * 500, "eyJtZW1iZXIiOjF9:forged:sig"])
def test_a_broken_link_is_refused_with_a_way_forward(client, member, token):
    client.force_login(member)
    response = client.get(f"/comments/claim/{token}/")
    assert response.status_code == 400
    assert "Ask for a new link" in response.content.decode()


@pytest.mark.parametrize("email", ["", "   ", "not-an-address", "x" * 300 + "@example.org", "jo@exa\u0000mple.org"])
def test_bad_addresses_are_refused_with_a_message_and_the_text_kept(client, member, email):
    client.force_login(member)
    response = client.post("/comments/claim/", {"email": email})
    assert response.status_code == 400
    assert "Nothing was sent yet" in response.content.decode()


def test_claiming_needs_a_login(client, imported):
    assert client.get("/comments/claim/").status_code == 302
    assert client.post("/comments/claim/", {"email": "jo@example.org"}).status_code == 302


def test_requests_are_limited_per_hour(client, member):
    client.force_login(member)
    for _attempt in range(5):
        assert client.post("/comments/claim/", {"email": "nobody@example.org"}).status_code == 302
    assert client.post("/comments/claim/", {"email": "nobody@example.org"}).status_code == 429


def test_a_claimed_comment_keeps_its_member_when_the_import_runs_again(member, imported):
    _article, made = imported
    Comment.objects.filter(pk=made["0"].pk).update(author=member, claim_key="")
    comment = Comment.objects.get(pk=made["0"].pk)

    comment_import_update(
        comment=comment, author_name="Jo", body="Edited on the old site.", status=CommentStatus.PUBLISHED,
        author_email="jo@example.org",
    )  # fmt: skip

    comment.refresh_from_db()
    assert comment.author == member and comment.claim_key == ""
