from dataclasses import dataclass

import pytest
from django.utils import timezone

from fairfield.accounts.roles import Role
from fairfield.accounts.tests.factories import UserFactory


@dataclass
class History:
    member: object
    other: object
    article: object
    comment: object
    reply: object
    others_comment: object


@pytest.fixture
def vesper(db):
    """A member with a distinctive pseudonym and address, so a search of the database finds only her."""
    return UserFactory(pseudonym="Vesper Quill", email="vesper.quill@example.org", roles=[Role.MEMBER])


@pytest.fixture
def alder(db):
    return UserFactory(pseudonym="Alder", email="alder@example.org", roles=[Role.MEMBER])


@pytest.fixture
def history(vesper, alder, moderator):
    """Vesper has used most of the site: comments (one edited), a flag, a mute, a follow, e-mail settings,
    an appeal, a moderation record, a newsletter subscription and a receipted gift. Alder answered her."""
    from fairfield.audit.services import audit_record
    from fairfield.comments.models import CommentRevision, Mute, ThreadFollow
    from fairfield.donations.models import Donation, LedgerEntry, Method, Receipt, Status
    from fairfield.moderation.models import Appeal, AuditEntry, Flag, FlagReason, MemberStanding
    from fairfield.moderation.tests.factories import comment_make
    from fairfield.newsletter.models import Subscriber
    from fairfield.notifications.models import Notification, NotificationPreference
    from fairfield.privacy.models import PrivacyAction
    from fairfield.publishing.tests.factories import article_publish, section_create

    article = article_publish(section_create(), title="The night ward")
    comment = comment_make(article, vesper, body="Vesper's own words about the night ward.")
    CommentRevision.objects.create(comment=comment, body="An earlier draft by Vesper.", saved_at=timezone.now())
    reply = comment_make(article, alder, body="Alder answers: thank you for this.", parent=comment)
    others_comment = comment_make(article, alder, body="Alder's own comment, about the ward.")
    Flag.objects.create(comment=others_comment, flagged_by=vesper, reason=FlagReason.OTHER, text="Vesper flags this.")
    Mute.objects.create(muter=vesper, muted=alder)
    ThreadFollow.objects.create(user=vesper, article=article)
    NotificationPreference.objects.create(user=vesper, kind="follows", enabled=False)
    Notification.objects.create(
        user=alder,
        kind="replies",
        subject="Vesper Quill replied to your comment on “The night ward”",
        text="Vesper's own words about the night ward.",
        comment=comment,
    )
    Notification.objects.create(user=vesper, kind="replies", subject="Alder replied to your comment", text="thanks")
    Appeal.objects.create(comment=comment, text="Vesper appeals: please look again.")
    MemberStanding.objects.create(member=vesper, premoderated=True)
    AuditEntry.objects.create(
        action="member.premoderated",
        actor=moderator,
        actor_name=moderator.pseudonym,
        member=vesper,
        summary="Vesper Quill's comments now wait for a moderator",
    )
    audit_record(action=PrivacyAction.EXPORT_REQUESTED, actor=vesper, summary="Vesper Quill tried something")
    Subscriber.objects.create(email="Vesper.Quill@example.org", confirmed_at=timezone.now())
    donation = Donation.objects.create(
        first_name="Robin",
        last_name="Marsh",
        email="vesper.quill@example.org",
        address="12 Tide Lane",
        user=vesper,
        amount_cents=2500,
        currency="USD",
        method=Method.TEST,
        status=Status.SUCCEEDED,
        succeeded_at=timezone.now(),
        dedication_message="For Vesper's sister",
    )
    LedgerEntry.objects.create(donation=donation, kind="payment", amount_cents=2500, currency="USD")
    Receipt.objects.create(donation=donation, number="FF-2026-0001")
    return History(
        member=vesper, other=alder, article=article, comment=comment, reply=reply, others_comment=others_comment
    )
