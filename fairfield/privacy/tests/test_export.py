"""A member asks for their data, the worker builds a ZIP, the member downloads it from the link in the mail."""

import io
import json
import re
import zipfile
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from fairfield.privacy import services
from fairfield.privacy.models import DataExport, ExportStatus

pytestmark = pytest.mark.django_db

EXPORT_URL = reverse("privacy:export")


def _ask(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(EXPORT_URL)
    assert response.status_code == 302
    return response


def _link_in_mail(to: str) -> str:
    message = next(message for message in mail.outbox if to in message.to)
    return re.search(r"https?://\S+/privacy/export/\S+/", message.body).group(0)


def _path(link: str) -> str:
    return "/" + link.split("/", 3)[3]


def _open(response) -> zipfile.ZipFile:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    return zipfile.ZipFile(io.BytesIO(response.content))


def test_member_gets_a_zip_of_their_data_and_nobody_elses(client, history, django_capture_on_commit_callbacks):
    client.force_login(history.member)
    mail.outbox = []
    _ask(client, django_capture_on_commit_callbacks)

    link = _link_in_mail(history.member.email)
    assert "Your data from Fairfield is ready" in mail.outbox[-1].subject
    archive = _open(client.get(_path(link)))
    names = set(archive.namelist())
    assert {"index.html", "profile.json", "comments.json", "flags.json", "mutes.json", "newsletter.json"} <= names
    profile = json.loads(archive.read("profile.json"))["rows"]
    assert profile[0]["pseudonym"] == "Vesper Quill"
    assert profile[0]["email"] == "vesper.quill@example.org"
    comments = json.loads(archive.read("comments.json"))["rows"]
    assert [comment["body"] for comment in comments] == ["Vesper's own words about the night ward."]
    assert comments[0]["earlier_versions"][0]["body"] == "An earlier draft by Vesper."
    assert json.loads(archive.read("flags.json"))["rows"][0]["text"] == "Vesper flags this."
    assert json.loads(archive.read("mutes.json"))["rows"][0]["muted__pseudonym"] == "Alder"
    assert json.loads(archive.read("appeals.json"))["rows"][0]["text"] == "Vesper appeals: please look again."
    assert json.loads(archive.read("newsletter.json"))["rows"][0]["confirmed"]
    gift = json.loads(archive.read("gifts.json"))["rows"][0]
    assert (gift["last_name"], gift["receipt"]) == ("Marsh", "FF-2026-0001")
    assert json.loads(archive.read("notification_settings.json"))["rows"] == [{"kind": "follows", "enabled": False}]
    index = archive.read("index.html").decode()
    assert "Vesper&#x27;s own words about the night ward." in index
    assert "<h1>Your data on Fairfield</h1>" in index

    everything = "\n".join(archive.read(name).decode() for name in names)
    assert "about the ward." not in everything
    assert "Alder answers" not in everything
    assert "alder@example.org" not in everything


def test_the_export_never_holds_second_factor_secrets(client, moderator, django_capture_on_commit_callbacks):
    from allauth.mfa.models import Authenticator

    client.force_login(moderator)
    _ask(client, django_capture_on_commit_callbacks)
    archive = _open(client.get(_path(_link_in_mail(moderator.email))))
    secret = Authenticator.objects.get(user=moderator).data["secret"]
    assert all(secret not in archive.read(name).decode() for name in archive.namelist())
    assert json.loads(archive.read("two_factor.json"))["rows"][0]["type"] == "totp"


def test_another_member_cannot_use_the_link(client, history, alder, django_capture_on_commit_callbacks):
    client.force_login(history.member)
    _ask(client, django_capture_on_commit_callbacks)
    path = _path(_link_in_mail(history.member.email))

    client.force_login(alder)
    response = client.get(path)

    assert response.status_code == 404
    assert b"PK" not in response.content[:2]
    assert b"Vesper" not in response.content


def test_the_link_needs_logging_in(client, history, django_capture_on_commit_callbacks):
    client.force_login(history.member)
    _ask(client, django_capture_on_commit_callbacks)
    path = _path(_link_in_mail(history.member.email))
    client.logout()

    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_made_up_link_is_not_found(client, vesper):
    client.force_login(vesper)
    assert client.get(reverse("privacy:export_download", args=["not-a-token"])).status_code == 404


def test_the_link_expires(client, vesper, monkeypatch, django_capture_on_commit_callbacks):
    client.force_login(vesper)
    _ask(client, django_capture_on_commit_callbacks)
    export = DataExport.objects.get(user=vesper)
    old = timezone.now().timestamp() - timedelta(days=services.EXPORT_LINK_DAYS, minutes=1).total_seconds()
    monkeypatch.setattr("django.core.signing.time.time", lambda: old)
    token = services.export_token(export)
    monkeypatch.undo()

    response = client.get(reverse("privacy:export_download", args=[token]))

    assert response.status_code == 410
    assert b"expired" in response.content


def test_expired_archives_are_deleted(client, vesper, django_capture_on_commit_callbacks):
    client.force_login(vesper)
    _ask(client, django_capture_on_commit_callbacks)
    path = _path(_link_in_mail(vesper.email))

    services.exports_purge(now=timezone.now() + timedelta(days=services.EXPORT_LINK_DAYS, seconds=1))

    export = DataExport.objects.get(user=vesper)
    assert (export.status, export.archive) == (ExportStatus.EXPIRED, None)
    assert client.get(path).status_code == 410


def test_a_second_request_while_one_is_prepared_makes_no_second_export(client, vesper):
    client.force_login(vesper)
    # Without running the on-commit callbacks the first export stays queued.
    client.post(EXPORT_URL)
    response = client.post(EXPORT_URL, follow=True)

    assert DataExport.objects.filter(user=vesper).count() == 1
    assert "already being prepared" in response.content.decode()


def test_the_export_page_lists_requests_in_few_queries(client, vesper, django_assert_max_num_queries):
    for _ in range(3):
        DataExport.objects.create(user=vesper, status=ExportStatus.EXPIRED)
    client.force_login(vesper)
    with django_assert_max_num_queries(8):
        response = client.get(EXPORT_URL)
    assert response.status_code == 200
    assert response.content.decode().count("Link expired") == 3


def test_readers_are_sent_to_log_in(client):
    response = client.get(EXPORT_URL)
    assert response.status_code == 302
    assert client.post(EXPORT_URL).status_code == 302
    assert not DataExport.objects.exists()


def test_the_export_page_is_linked_from_the_profile(client, vesper):
    client.force_login(vesper)
    html = client.get(reverse("accounts:edit_profile")).content.decode()
    assert f'href="{EXPORT_URL}"' in html
    assert f'href="{reverse("privacy:erase")}"' in html


def test_an_unconfirmed_address_gives_no_access_to_someone_elses_gifts(vesper, alder):
    from allauth.account.models import EmailAddress

    from fairfield.donations.models import Donation, Method, Status
    from fairfield.newsletter.models import Subscriber
    from fairfield.privacy.archive import archive_build
    from fairfield.privacy.services import account_erase

    Donation.objects.create(
        first_name="Alder",
        last_name="Birch",
        email="alder@example.org",
        address="3 Oak Row",
        amount_cents=1000,
        currency="USD",
        method=Method.TEST,
        status=Status.SUCCEEDED,
        succeeded_at=timezone.now(),
    )
    Subscriber.objects.create(email="alder@example.org", confirmed_at=timezone.now())
    EmailAddress.objects.create(user=vesper, email="ALDER@example.org", verified=False, primary=False)

    archive = zipfile.ZipFile(io.BytesIO(archive_build(vesper)))
    assert json.loads(archive.read("gifts.json"))["rows"] == []
    assert json.loads(archive.read("newsletter.json"))["rows"] == []
    assert "3 Oak Row" not in "".join(archive.read(name).decode() for name in archive.namelist())

    account_erase(member=vesper, keep_words=False)
    assert Donation.objects.get().email == "alder@example.org"
    assert Subscriber.objects.filter(email="alder@example.org").exists()


def test_review_work_is_in_the_export_of_the_one_who_did_it(survivor_reviewer, contributor, vesper):
    from fairfield.privacy.archive import archive_build
    from fairfield.publishing.tests.factories import article_publish, section_create
    from fairfield.review.models import Attribution, AuthorResponse, PositionalityStatement, SurvivorCommentary

    article = article_publish(section_create(), title="On the ward")
    commentary = SurvivorCommentary.objects.create(
        article=article, reviewer=survivor_reviewer, attribution=Attribution.ANONYMOUS, body="Read as a survivor."
    )
    AuthorResponse.objects.create(commentary=commentary, author=contributor, body="Thank you, reviewer.")
    PositionalityStatement.objects.create(
        author=contributor, version=1, role="Nurse", power="P", gain="G", coercion="C"
    )

    reviewer_zip = zipfile.ZipFile(io.BytesIO(archive_build(survivor_reviewer)))
    contributor_zip = zipfile.ZipFile(io.BytesIO(archive_build(contributor)))
    other_zip = zipfile.ZipFile(io.BytesIO(archive_build(vesper)))

    assert json.loads(reviewer_zip.read("survivor_commentaries.json"))["rows"][0]["body"] == "Read as a survivor."
    assert json.loads(contributor_zip.read("author_responses.json"))["rows"][0]["body"] == "Thank you, reviewer."
    assert json.loads(contributor_zip.read("positionality_statements.json"))["rows"][0]["role"] == "Nurse"
    # An anonymous commentary's author is not revealed to the professional it answers.
    assert "Heron" not in "".join(contributor_zip.read(name).decode() for name in contributor_zip.namelist())
    assert "Read as a survivor." not in "".join(other_zip.read(name).decode() for name in other_zip.namelist())


def test_hostile_text_is_escaped_in_the_readable_page(vesper):
    from fairfield.moderation.tests.factories import comment_make
    from fairfield.privacy.archive import archive_build
    from fairfield.publishing.tests.factories import article_publish, section_create

    body = '<script>alert("x")</script> \u202e <img src=x onerror=alert(1)>'
    comment_make(article_publish(section_create()), vesper, body=body)

    archive = zipfile.ZipFile(io.BytesIO(archive_build(vesper)))

    index = archive.read("index.html").decode()
    assert "<script>alert" not in index
    assert "&lt;script&gt;" in index
    assert "<img src=x" not in index
    assert json.loads(archive.read("comments.json"))["rows"][0]["body"] == body


def test_a_failed_build_lets_the_member_ask_again(vesper, monkeypatch):
    export = services.export_request(member=vesper)

    def broken(member, **kwargs):
        raise RuntimeError("an inventory entry broke")

    monkeypatch.setattr(services, "archive_build", broken)
    with pytest.raises(RuntimeError):
        services.export_build(export_id=export.pk)

    export.refresh_from_db()
    assert export.status == ExportStatus.FAILED
    assert services.export_request(member=vesper).pk != export.pk


def test_the_housekeeping_command_deletes_expired_archives(vesper):
    from django.core.management import call_command

    export = DataExport.objects.create(
        user=vesper, status=ExportStatus.READY, archive=b"PK", expires_at=timezone.now() - timedelta(seconds=1)
    )

    call_command("privacy_exports_housekeeping", stdout=io.StringIO())

    export.refresh_from_db()
    assert (export.status, export.archive) == (ExportStatus.EXPIRED, None)
