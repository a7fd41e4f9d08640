"""A member deletes their account: afterwards nothing in the database, the cache or the pages names them."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from wagtail.log_actions import log

from fairfield.accounts.tests.factories import PASSWORD, totp_code
from fairfield.comments.models import Comment, CommentStatus
from fairfield.donations.models import Donation
from fairfield.privacy.tests.dump import database_mentions

pytestmark = pytest.mark.django_db

ERASE_URL = reverse("privacy:erase")
IDENTIFIERS = ("Vesper Quill", "vesper.quill@example.org")


def _erase(client, django_capture_on_commit_callbacks, *, words="delete", password=PASSWORD, **extra):
    data = {"words": words, "password": password, "confirm": "on", **extra}
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(ERASE_URL, data)


@pytest.fixture
def logged_in(client, history, admin_user):
    # Staff work that names her: an admin edited her account, she edited an article in the admin.
    log(instance=history.member, action="wagtail.edit", user=admin_user)
    log(instance=history.article, action="wagtail.edit", user=history.member)
    history.article.save_revision(user=history.member)
    client.force_login(history.member)
    return client


def test_deleting_words_leaves_her_nowhere(logged_in, history, client, django_capture_on_commit_callbacks):
    other_device = Client()
    other_device.force_login(history.member)
    anonymous = Client()
    assert "Vesper Quill" in anonymous.get(history.article.url).content.decode()  # now in the page cache

    response = _erase(client, django_capture_on_commit_callbacks, words="delete")

    assert response.status_code == 302
    assert response["Location"] == reverse("privacy:erased")
    assert not get_user_model().objects.filter(pk=history.member.pk).exists()
    assert database_mentions("vesper", "quill") == []
    comment = Comment.objects.get(pk=history.comment.pk)
    assert (comment.status, comment.body, comment.author_id) == (CommentStatus.DELETED_BY_AUTHOR, "", None)
    assert Comment.objects.filter(pk=history.reply.pk, body__startswith="Alder answers").exists()
    page = anonymous.get(history.article.url).content.decode()
    assert "Vesper" not in page
    assert "removed by its author" in page
    assert "Alder answers" in page
    assert anonymous.get("/members/Vesper%20Quill/").status_code == 404
    assert other_device.get(reverse("accounts:edit_profile")).status_code == 302
    assert client.get(reverse("privacy:erased")).status_code == 200


def test_keeping_words_shows_them_under_a_former_member(logged_in, history, client, django_capture_on_commit_callbacks):
    response = _erase(client, django_capture_on_commit_callbacks, words="keep")

    assert response.status_code == 302
    assert database_mentions(*IDENTIFIERS) == []
    comment = Comment.objects.get(pk=history.comment.pk)
    assert (comment.author_id, comment.author_name) == (None, "a former member")
    assert comment.revisions.count() == 0
    page = Client().get(history.article.url).content.decode()
    assert "own words about the night ward." in page
    assert "a former member" in page
    assert "Vesper Quill" not in page


def test_gifts_keep_only_what_the_receipt_needs_unlinked(
    logged_in, history, client, django_capture_on_commit_callbacks
):
    _erase(client, django_capture_on_commit_callbacks)

    gift = Donation.objects.get()
    assert (gift.first_name, gift.last_name, gift.address) == ("Robin", "Marsh", "12 Tide Lane")
    assert (gift.user_id, gift.email, gift.dedication_message) == (None, "", "")
    assert gift.receipt.number == "FF-2026-0001"
    assert gift.amount_cents == 2500


def test_a_wrong_password_deletes_nothing(client, history, django_capture_on_commit_callbacks):
    client.force_login(history.member)

    response = _erase(client, django_capture_on_commit_callbacks, password="not my password")

    assert response.status_code == 400
    assert "That is not your password." in response.content.decode()
    assert get_user_model().objects.filter(pk=history.member.pk).exists()
    assert Comment.objects.filter(author=history.member).count() == 1


def test_the_choice_and_the_confirmation_are_required(client, vesper, django_capture_on_commit_callbacks):
    client.force_login(vesper)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ERASE_URL, {"password": PASSWORD})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Please choose what happens to your public words." in html
    assert "Please tick the box to confirm." in html
    assert get_user_model().objects.filter(pk=vesper.pk).exists()


def test_repeated_wrong_passwords_are_stopped(client, vesper, django_capture_on_commit_callbacks):
    client.force_login(vesper)
    for _ in range(5):
        _erase(client, django_capture_on_commit_callbacks, password="guess")
    response = _erase(client, django_capture_on_commit_callbacks)
    assert "Too many wrong attempts" in response.content.decode()
    assert get_user_model().objects.filter(pk=vesper.pk).exists()


def test_a_member_with_a_second_factor_must_give_a_code(client, moderator, django_capture_on_commit_callbacks):
    client.force_login(moderator)
    assert 'name="code"' in client.get(ERASE_URL).content.decode()

    refused = _erase(client, django_capture_on_commit_callbacks, code="000000")
    assert refused.status_code == 400
    assert get_user_model().objects.filter(pk=moderator.pk).exists()

    accepted = _erase(client, django_capture_on_commit_callbacks, code=totp_code(moderator.totp_secret))
    assert accepted.status_code == 302
    assert not get_user_model().objects.filter(pk=moderator.pk).exists()
    assert database_mentions("kestrel") == []


def test_readers_are_sent_to_log_in_and_nothing_happens(client, vesper):
    response = client.post(ERASE_URL, {"words": "delete", "password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert get_user_model().objects.filter(pk=vesper.pk).exists()


def test_the_form_only_ever_deletes_the_logged_in_member(client, vesper, alder, django_capture_on_commit_callbacks):
    client.force_login(alder)
    # Alder's password, whatever else is sent: there is no way to name another account.
    _erase(client, django_capture_on_commit_callbacks, member=vesper.pk, pk=vesper.pk)
    assert get_user_model().objects.filter(pk=vesper.pk).exists()
    assert not get_user_model().objects.filter(pk=alder.pk).exists()


def test_her_address_and_browser_are_nowhere_after_a_real_log_in(history, django_capture_on_commit_callbacks):
    """Log in through the form from a known address and browser; after the erasure neither is in any table."""
    device = Client(REMOTE_ADDR="203.0.113.77", HTTP_USER_AGENT="VesperBrowser/9.1 (Lighthouse)")
    response = device.post(reverse("account_login"), {"login": "vesper.quill@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert device.get(reverse("privacy:erase")).status_code == 200

    _erase(device, django_capture_on_commit_callbacks, words="keep")

    assert database_mentions("203.0.113.77", "VesperBrowser", *IDENTIFIERS) == []


def test_the_feeds_and_profile_no_longer_name_her(logged_in, history, client, django_capture_on_commit_callbacks):
    _erase(client, django_capture_on_commit_callbacks, words="keep")

    reader = Client()
    for address in ("/feeds/rss/", "/", history.article.url, "/authors/"):
        response = reader.get(address)
        assert response.status_code == 200, address
        assert "Vesper Quill" not in response.content.decode(), address


def test_the_form_page_reads_little(client, vesper, django_assert_max_num_queries):
    client.force_login(vesper)
    with django_assert_max_num_queries(8):
        response = client.get(ERASE_URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="code"' not in html
    assert 'autocomplete="current-password"' in html


def test_a_pseudonym_in_any_script_is_erased_everywhere(client, django_capture_on_commit_callbacks, moderator):
    from fairfield.accounts.roles import Role
    from fairfield.accounts.tests.factories import UserFactory
    from fairfield.audit.services import audit_record
    from fairfield.moderation.tests.factories import comment_make
    from fairfield.privacy.models import PrivacyAction
    from fairfield.publishing.tests.factories import article_publish, section_create

    zoe = UserFactory(pseudonym="Zoë Ñandú 雪", email="zoe@example.org", roles=[Role.MEMBER])
    comment_make(article_publish(section_create()), zoe, body="Plain words.")
    audit_record(action=PrivacyAction.EXPORT_REQUESTED, actor=moderator, summary="x", data={"about": "Zoë Ñandú 雪"})
    client.force_login(zoe)

    response = _erase(client, django_capture_on_commit_callbacks, words="keep")

    assert response.status_code == 302
    assert database_mentions("Zoë Ñandú 雪", "zoe@example.org") == []
