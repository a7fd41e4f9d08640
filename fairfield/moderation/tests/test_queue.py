"""The queue in Wagtail's admin, through the test client: who may use it, and every decision."""

from datetime import timedelta

import pytest
from django.utils import timezone

from fairfield.accounts.roles import Role
from fairfield.accounts.tests.factories import UserFactory
from fairfield.comments.models import CommentStatus
from fairfield.moderation.models import (
    AuditEntry,
    Flag,
    FlagReason,
    ListedWord,
    MemberStanding,
    PremoderatedArticle,
    WatchReview,
    WordAction,
)
from fairfield.moderation.screening import CommentRefused, comment_screen
from fairfield.moderation.services import comment_remove, watch_review_open

pytestmark = pytest.mark.django_db

QUEUE = "/admin/moderation/"


def review_url(comment):
    return f"/admin/moderation/comments/{comment.pk}/"


def decide_url(comment, action):
    return f"/admin/moderation/comments/{comment.pk}/{action}/"


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


@pytest.fixture
def pending(comment_by, member):
    return comment_by(member, body="My first comment here.", status=CommentStatus.PENDING)


# Who may use the queue


def test_anonymous_readers_are_sent_to_log_in(client, pending):
    for url in (QUEUE, review_url(pending), "/admin/moderation/audit/"):
        response = client.get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]
    assert client.post(decide_url(pending, "approve")).status_code == 302
    pending.refresh_from_db()
    assert pending.status == CommentStatus.PENDING


def test_members_without_admin_access_are_turned_away(client, other_member, pending):
    client.force_login(other_member)
    assert client.get(QUEUE).status_code == 403
    assert client.post(decide_url(pending, "approve")).status_code == 403
    pending.refresh_from_db()
    assert pending.status == CommentStatus.PENDING


@pytest.mark.parametrize("persona", ["contributor", "survivor_reviewer"])
def test_other_admin_users_get_403(client, request, pending, persona):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    for url in (QUEUE, review_url(pending), "/admin/moderation/audit/", f"/admin/moderation/members/{user.pk}/"):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "Only moderators, editors and admins" in response.text
    assert client.post(decide_url(pending, "approve")).status_code == 403
    pending.refresh_from_db()
    assert pending.status == CommentStatus.PENDING
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize("persona", ["moderator", "editor", "admin_user"])
def test_moderators_editors_and_admins_see_the_queue_and_its_menu(client, request, pending, persona):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(QUEUE + "?tab=pending")
    assert response.status_code == 200
    assert "My first comment here." in response.text
    assert "Comment moderation" in client.get("/admin/").text


def test_the_menu_is_not_shown_to_contributors(client, contributor):
    client.force_login(contributor)
    assert "Comment moderation" not in client.get("/admin/").text


# The tabs


def test_self_harm_concerns_come_first_and_stay_up(moderator_client, comment_by, member, other_member):
    spam = comment_by(member, body="Buy my course.")
    worry = comment_by(member, body="I do not see the point any more.")
    Flag.objects.create(comment=spam, flagged_by=other_member, reason=FlagReason.SPAM)
    Flag.objects.create(comment=worry, flagged_by=other_member, reason=FlagReason.SELF_HARM)
    response = moderator_client.get(QUEUE)
    text = response.text
    assert "Self-harm concerns: look at these first" in text
    assert text.index("I do not see the point") < text.index("Buy my course.")
    worry.refresh_from_db()
    assert worry.status == CommentStatus.PUBLISHED


def test_the_watched_tab_lists_published_comments_with_watched_words(moderator_client, comment_by, member):
    ListedWord.objects.create(phrase="tapering", action=WordAction.WATCH)
    comment = comment_by(member, body="My Tapering plan.")
    watch_review_open(comment=comment)
    response = moderator_client.get(QUEUE + "?tab=watched")
    assert "My Tapering plan." in response.text
    assert "watched words: tapering" in response.text


def test_a_comment_posted_with_watched_words_joins_the_queue_through_the_signal(article, member):
    from fairfield.comments.signals import comment_changed

    ListedWord.objects.create(phrase="tapering", action=WordAction.WATCH)
    screening = comment_screen(author=member, article=article, body="On tapering slowly.")
    from fairfield.moderation.tests.factories import comment_make

    comment = comment_make(article, member, body="On tapering slowly.", status=screening.status)
    comment_changed.send(sender=type(comment), comment=comment)
    comment_changed.send(sender=type(comment), comment=comment)
    assert WatchReview.objects.open().filter(comment=comment).count() == 1


def test_the_tab_counts_count_only_comments_with_an_open_flag_or_review(
    moderator_client, comment_by, member, other_member
):
    for number in range(4):
        comment_by(member, body=f"An ordinary comment, number {number}.")
    flagged = comment_by(member, body="Buy my course.")
    Flag.objects.create(comment=flagged, flagged_by=other_member, reason=FlagReason.SPAM)
    answered = comment_by(member, body="An answered flag.")
    Flag.objects.create(comment=answered, flagged_by=other_member, reason=FlagReason.SPAM, resolved_at=timezone.now())

    response = moderator_client.get(QUEUE)

    counts = {name: count for name, _label, count in response.context["tabs"]}
    assert counts["flagged"] == 1
    assert counts["watched"] == 0
    assert "Flagged (1)" in " ".join(response.text.split())
    assert "Watched words (0)" in " ".join(response.text.split())


def test_an_unknown_tab_shows_the_flagged_tab(moderator_client):
    assert moderator_client.get(QUEUE + "?tab=<script>").status_code == 200


# Decisions on a comment


def test_approving_a_waiting_comment_publishes_it_and_tells_the_author(moderator_client, pending, notified, moderator):
    response = moderator_client.post(decide_url(pending, "approve"), {"approve-reason": ""})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == CommentStatus.PUBLISHED
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.comment, entry.member) == (
        "moderation.comment.approved",
        moderator,
        pending,
        pending.author,
    )
    assert [(user, kind, subject) for user, kind, subject, *_ in notified] == [
        (pending.author, "moderation", "Your comment is published")
    ]


def test_rejecting_a_waiting_comment_removes_it_with_the_reason(moderator_client, pending, notified):
    moderator_client.post(decide_url(pending, "reject"), {"reject-reason": "Off topic."})
    pending.refresh_from_db()
    assert pending.status == CommentStatus.REMOVED
    assert "Off topic." in notified[0][3]
    assert f"/moderation/comments/{pending.pk}/appeal/" in notified[0][4]


def test_removing_a_comment_needs_a_reason_and_shows_a_public_note(
    moderator_client, comment_by, member, notified, moderator
):
    comment = comment_by(member, body="Named the nurse in full.")
    response = moderator_client.post(decide_url(comment, "remove"), {"remove-reason": " ", "remove-public_note": ""})
    assert response.status_code == 400
    assert "Please give the reason the author will read." in response.text
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PUBLISHED
    assert notified == []

    response = moderator_client.post(
        decide_url(comment, "remove"),
        {"remove-reason": "It names a private person.", "remove-public_note": "names a private person"},
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert (comment.status, comment.public_note) == (CommentStatus.REMOVED, "names a private person")
    assert "It names a private person." in notified[0][3]
    entry = AuditEntry.objects.get(action="moderation.comment.removed")
    assert (entry.actor, entry.reason) == (moderator, "It names a private person.")


def test_holding_a_comment_hides_it(moderator_client, comment_by, member):
    comment = comment_by(member)
    moderator_client.post(decide_url(comment, "hold"), {"hold-reason": "Checking with the author."})
    comment.refresh_from_db()
    assert comment.status == CommentStatus.HELD


def test_approving_a_flagged_comment_answers_its_flags(moderator_client, comment_by, member, other_member):
    comment = comment_by(member, status=CommentStatus.HELD)
    Flag.objects.create(comment=comment, flagged_by=other_member, reason=FlagReason.SPAM)
    moderator_client.post(decide_url(comment, "approve"), {})
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PUBLISHED
    assert not Flag.objects.open().exists()


def test_a_decision_that_does_not_fit_the_status_is_refused_with_a_message(moderator_client, comment_by, member):
    comment = comment_by(member)
    response = moderator_client.post(decide_url(comment, "reject"), {})
    assert response.status_code == 400
    assert "Only a comment that is waiting can be rejected" in response.text
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PUBLISHED


def test_an_unknown_action_is_not_found(moderator_client, pending):
    assert moderator_client.post(decide_url(pending, "explode"), {}).status_code == 404


def test_decisions_are_posts_only(moderator_client, pending):
    assert moderator_client.get(decide_url(pending, "approve")).status_code == 405


def test_the_crisis_message_is_sent_through_notify_and_nothing_is_hidden(
    moderator_client, comment_by, member, other_member, notified
):
    comment = comment_by(member, body="I can't keep going.")
    Flag.objects.create(comment=comment, flagged_by=other_member, reason=FlagReason.SELF_HARM)
    page = moderator_client.get(review_url(comment))
    assert "Send the crisis-resources message" in page.text
    assert "/crisis-resources/" in page.text
    moderator_client.post(decide_url(comment, "crisis"), {"crisis-text": "We are thinking of you."})
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PUBLISHED
    (user, kind, _subject, text, url) = notified[0]
    assert (user, kind, text) == (member, "moderation", "We are thinking of you.")
    assert url.endswith("/crisis-resources/")
    assert AuditEntry.objects.filter(action="moderation.member.crisis_resources_sent").exists()
    assert not Flag.objects.open().exists()


# Party to a comment


def test_a_moderator_cannot_decide_on_their_own_comment(moderator_client, comment_by, moderator):
    own = comment_by(moderator, status=CommentStatus.PENDING)
    page = moderator_client.get(review_url(own))
    assert "another moderator must decide" in page.text
    response = moderator_client.post(decide_url(own, "approve"), {})
    assert response.status_code == 403
    own.refresh_from_db()
    assert own.status == CommentStatus.PENDING
    assert not AuditEntry.objects.exists()


def test_a_moderator_cannot_remove_a_reply_to_them(moderator_client, comment_by, moderator, member, notified):
    theirs = comment_by(moderator)
    reply = comment_by(member, parent=theirs, body="You are wrong about this.")
    response = moderator_client.post(decide_url(reply, "remove"), {"remove-reason": "Rude."})
    assert response.status_code == 403
    reply.refresh_from_db()
    assert reply.status == CommentStatus.PUBLISHED
    assert notified == []


def test_another_moderator_can_decide_on_it(client, comment_by, moderator, member):
    theirs = comment_by(moderator)
    reply = comment_by(member, parent=theirs)
    other = UserFactory(pseudonym="Merlin", roles=[Role.MEMBER, Role.MODERATOR], totp=True)
    client.force_login(other)
    client.post(decide_url(reply, "hold"), {})
    reply.refresh_from_db()
    assert reply.status == CommentStatus.HELD


def test_the_review_page_shows_the_thread_above_and_the_flags(moderator_client, comment_by, member, other_member):
    parent = comment_by(other_member, body="What the night staff said.")
    reply = comment_by(member, parent=parent, body="That is not what happened <b>to me</b>.")
    Flag.objects.create(comment=reply, flagged_by=other_member, reason=FlagReason.OTHER, text="Needs a look.")
    text = moderator_client.get(review_url(reply)).text
    assert text.index("What the night staff said.") < text.index("That is not what happened")
    assert "&lt;b&gt;to me&lt;/b&gt;" in text
    assert "Needs a look." in text
    assert "wren@example.org" not in text


# Members


def member_url(member, action=""):
    return f"/admin/moderation/members/{member.pk}/" + (f"{action}/" if action else "")


def test_a_moderator_suspends_a_member_until_a_date(moderator_client, member, article, notified):
    until = (timezone.now() + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M")
    response = moderator_client.post(
        member_url(member, "suspend"), {"suspend-until": until, "suspend-reason": "A week to cool off."}
    )
    assert response.status_code == 302
    standing = MemberStanding.objects.get(member=member)
    assert standing.suspended_until > timezone.now() + timedelta(days=6)
    with pytest.raises(CommentRefused) as refused:
        comment_screen(author=member, article=article, body="Back again.")
    assert refused.value.status_code == 403
    assert notified[0][0] == member
    assert AuditEntry.objects.filter(action="moderation.member.suspended", member=member).exists()


def test_a_suspension_in_the_past_is_refused(moderator_client, member):
    response = moderator_client.post(
        member_url(member, "suspend"), {"suspend-until": "2001-01-01T10:00", "suspend-reason": "Late."}
    )
    assert response.status_code == 400
    assert "must be in the future" in response.text
    assert not MemberStanding.objects.exists()


def test_a_moderator_bans_and_reinstates_a_member(moderator_client, member):
    moderator_client.post(member_url(member, "ban"), {"ban-reason": "Spam, again and again."})
    assert MemberStanding.objects.get(member=member).banned_at is not None
    moderator_client.post(member_url(member, "reinstate"), {})
    assert MemberStanding.objects.get(member=member).banned_at is None
    assert list(AuditEntry.objects.values_list("action", flat=True)) == [
        "moderation.member.reinstated",
        "moderation.member.banned",
    ]


def test_a_moderator_puts_a_member_on_premoderation(moderator_client, member):
    moderator_client.post(member_url(member, "premoderate"), {})
    assert MemberStanding.objects.get(member=member).premoderated
    moderator_client.post(member_url(member, "release"), {})
    assert not MemberStanding.objects.get(member=member).premoderated


def test_a_moderator_cannot_act_on_their_own_account(moderator_client, moderator):
    response = moderator_client.post(member_url(moderator, "ban"), {"ban-reason": "Me."})
    assert response.status_code == 403
    assert not MemberStanding.objects.exists()


def test_the_member_page_never_shows_an_email_address(moderator_client, member):
    response = moderator_client.get(member_url(member))
    assert response.status_code == 200
    assert "Wren" in response.text
    assert "wren@example.org" not in response.text


def test_a_moderator_puts_an_article_on_premoderation(moderator_client, article, pending):
    url = f"/admin/moderation/articles/{article.pk}/premoderation/"
    moderator_client.post(url, {"premoderate": "on", "comment": str(pending.pk)})
    assert PremoderatedArticle.objects.filter(article=article).exists()
    moderator_client.post(url, {"premoderate": "off"})
    assert not PremoderatedArticle.objects.exists()
    assert AuditEntry.objects.filter(action="moderation.article.premoderated", article=article).exists()


# The audit log


def test_the_audit_log_shows_who_did_what_and_why(moderator_client, comment_by, member, moderator):
    comment = comment_by(member, body="Some words.")
    comment_remove(comment=comment, moderator=moderator, reason="Because <i>reasons</i>.")
    response = moderator_client.get("/admin/moderation/audit/")
    assert response.status_code == 200
    assert "moderation.comment.removed" in response.text
    assert "Kestrel" in response.text
    assert "Because &lt;i&gt;reasons&lt;/i&gt;." in response.text
    assert moderator_client.get(f"/admin/moderation/audit/?member={member.pk}").status_code == 200


# Word lists


def test_a_moderator_adds_a_blocked_word_in_the_admin_and_it_is_audited(moderator_client, member, article):
    response = moderator_client.post(
        "/admin/moderation/words/add/", {"phrase": "Slurword", "action": "block", "note": ""}
    )
    assert response.status_code == 302, response.content[:2000]
    assert ListedWord.objects.filter(phrase="Slurword").exists()
    assert AuditEntry.objects.filter(action="moderation.words.added").exists()
    with pytest.raises(CommentRefused):
        comment_screen(author=member, article=article, body="a SLURWORD")


@pytest.mark.parametrize("phrase", ["\u200b\u200b", "!!!", "a\x00b"])
def test_a_word_list_entry_needs_a_visible_word(moderator_client, phrase):
    response = moderator_client.post("/admin/moderation/words/add/", {"phrase": phrase, "action": "block"})
    assert response.status_code == 200
    assert not ListedWord.objects.filter(action=WordAction.BLOCK).exists()


def test_the_same_word_cannot_be_listed_twice(moderator_client):
    ListedWord.objects.create(phrase="Slurword", action=WordAction.WATCH)
    moderator_client.post("/admin/moderation/words/add/", {"phrase": "ＳＬＵＲＷＯＲＤ", "action": "block"})
    assert ListedWord.objects.filter(phrase__iexact="slurword").count() == 1


def test_contributors_cannot_edit_the_word_lists(client, contributor):
    client.force_login(contributor)
    client.post("/admin/moderation/words/add/", {"phrase": "anything", "action": "block"})
    assert not ListedWord.objects.filter(phrase="anything").exists()


# Query counts stay the same however long the queue is


def _fill_queue(article, size):
    from fairfield.moderation.models import Appeal
    from fairfield.moderation.tests.factories import comment_make

    ListedWord.objects.create(phrase="tapering", action=WordAction.WATCH)
    for n in range(size):
        author = UserFactory(roles=[Role.MEMBER])
        flagger = UserFactory(roles=[Role.MEMBER])
        comment_make(article, author, body=f"Waiting {n}", status=CommentStatus.PENDING)
        comment_make(article, author, body=f"Held {n}", status=CommentStatus.HELD)
        flagged = comment_make(article, author, body=f"Flagged {n}")
        Flag.objects.create(comment=flagged, flagged_by=flagger, reason=FlagReason.SELF_HARM)
        watch_review_open(comment=comment_make(article, author, body=f"On tapering {n}"))
        removed = comment_make(article, author, body=f"Removed {n}", status=CommentStatus.REMOVED)
        Appeal.objects.create(comment=removed, text="Please.")


@pytest.mark.parametrize("tab", ["flagged", "pending", "watched", "held", "appeals"])
def test_every_tab_is_drawn_in_a_fixed_number_of_queries(moderator_client, article, tab, django_assert_max_num_queries):
    _fill_queue(article, 2)
    moderator_client.get(QUEUE + f"?tab={tab}")  # warm Wagtail's own per-session lookups
    with django_assert_max_num_queries(30) as small:
        assert moderator_client.get(QUEUE + f"?tab={tab}").status_code == 200
    _fill_queue(article, 12)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = moderator_client.get(QUEUE + f"?tab={tab}")
    assert response.status_code == 200


def test_the_review_page_is_drawn_in_a_bounded_number_of_queries(
    moderator_client, comment_by, member, other_member, django_assert_max_num_queries
):
    top = comment_by(other_member)
    middle = comment_by(member, parent=top)
    deep = comment_by(other_member, parent=middle)
    for n in range(20):
        comment_by(UserFactory(roles=[Role.MEMBER]), parent=deep, body=f"Reply {n}")
        Flag.objects.create(comment=deep, flagged_by=UserFactory(roles=[Role.MEMBER]), reason=FlagReason.SPAM)
    with django_assert_max_num_queries(40):
        assert moderator_client.get(review_url(deep)).status_code == 200


# Bad input in the moderators' own forms


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"remove-reason": "nul\x00here"}, "hidden “null” character"),
        ({"remove-reason": "r" * 1_000_000}, "Please keep this to 2000 characters"),
        ({"remove-reason": "Fine.", "remove-public_note": "n" * 301}, "at most 300 characters"),
        ({"remove-reason": "Fine.", "remove-public_note": "bad\ufffd"}, "could not be read"),
    ],
)
def test_bad_removal_reasons_are_refused_and_nothing_changes(
    moderator_client, comment_by, member, notified, data, message
):
    comment = comment_by(member)
    response = moderator_client.post(decide_url(comment, "remove"), data)
    assert response.status_code == 400
    assert message in response.text
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PUBLISHED
    assert not AuditEntry.objects.exists()
    assert notified == []


@pytest.mark.parametrize("until", ["", "tomorrow", "2026-13-45T99:99", "\x00"])
def test_a_suspension_needs_a_real_date(moderator_client, member, until):
    response = moderator_client.post(member_url(member, "suspend"), {"suspend-until": until, "suspend-reason": "x"})
    assert response.status_code == 400
    assert not MemberStanding.objects.exists()


def test_each_item_shows_the_thread_its_flags_and_its_authors_standing(
    moderator_client, comment_by, member, other_member
):
    parent = comment_by(other_member, body="The first night was the worst.")
    reply = comment_by(member, parent=parent, body="Not for me; the third was.", status=CommentStatus.HELD)
    Flag.objects.create(comment=reply, flagged_by=other_member, reason=FlagReason.HARASSMENT)
    MemberStanding.objects.create(member=member, premoderated=True)
    text = moderator_client.get(QUEUE + "?tab=held").text
    assert "In reply to Alder: “The first night was the worst.”" in text
    assert "Flags: Harassment" in text
    assert "Wren: member since" in text
    assert "0 published comments" in text
    assert "on pre-moderation" in text


def test_moderators_see_the_word_lists_and_the_menu_entries(moderator_client):
    ListedWord.objects.create(phrase="tapering", action=WordAction.WATCH, note="Medication talk: check tone.")
    listing = moderator_client.get("/admin/moderation/words/")
    assert listing.status_code == 200
    assert "tapering" in listing.text
    menu = moderator_client.get(QUEUE).text
    for entry in ("Queue", "Word lists", "Audit log"):
        assert entry in menu


def test_a_moderator_finds_an_article_and_puts_it_on_premoderation_before_any_comment(moderator_client, article):
    from fairfield.publishing.tests.factories import article_publish

    article_publish(article.get_parent().specific, title="Another piece")
    listing = moderator_client.get("/admin/moderation/articles/?q=quiet")
    assert listing.status_code == 200
    assert "Put “The quiet room” on pre-moderation" in listing.text
    assert "Another piece" not in listing.text
    response = moderator_client.post(f"/admin/moderation/articles/{article.pk}/premoderation/", {"premoderate": "on"})
    assert response.status_code == 302
    assert response["Location"] == "/admin/moderation/articles/"
    assert "Take “The quiet room” off pre-moderation" in moderator_client.get("/admin/moderation/articles/").text


def test_contributors_cannot_put_articles_on_premoderation(client, contributor, article):
    client.force_login(contributor)
    assert client.get("/admin/moderation/articles/").status_code == 403
    assert (
        client.post(f"/admin/moderation/articles/{article.pk}/premoderation/", {"premoderate": "on"}).status_code == 403
    )
    assert not PremoderatedArticle.objects.exists()
