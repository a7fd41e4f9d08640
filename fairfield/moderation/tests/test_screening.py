from datetime import timedelta

import pytest
from django.utils import timezone

from fairfield.comments.models import CommentStatus
from fairfield.moderation.models import ListedWord, MemberStanding, PremoderatedArticle, WordAction
from fairfield.moderation.normalise import normalise, normalise_for_comparison
from fairfield.moderation.screening import CommentRefused, comment_screen, count_links, member_is_established
from fairfield.moderation.tests.factories import comment_make, make_established

pytestmark = pytest.mark.django_db


def screen(author, article, body="A thought about the ward.", **kwargs):
    return comment_screen(author=author, article=article, body=body, **kwargs)


def refusal(author, article, body="A thought about the ward.", **kwargs) -> CommentRefused:
    with pytest.raises(CommentRefused) as caught:
        screen(author, article, body, **kwargs)
    return caught.value


# Normalisation


@pytest.mark.parametrize(
    ("typed", "seen"),
    [
        ("BADWORD", "badword"),
        ("ｂａｄｗｏｒｄ", "badword"),  # full-width letters
        ("bad\u200bword", "badword"),  # zero-width space
        ("bad\u200dwo\u2060rd\ufeff", "badword"),  # joiner, word joiner, byte-order mark
        ("bad\u00adword", "badword"),  # soft hyphen
        ("Straße", "strasse"),  # case folding, not just lower case
        ("cafe\u0301", "café"),  # an accent typed as a combining mark
        ("ﬁne", "fine"),  # a ligature
    ],
)
def test_text_is_normalised_the_way_readers_would_read_it(typed, seen):
    assert normalise(typed) == seen


def test_comparison_ignores_runs_of_whitespace_and_the_ends():
    assert normalise_for_comparison("  Same\n\n  words\t here ") == "same words here"


# Suspensions and bans


def test_a_suspended_member_is_refused_with_403_and_the_end_date(member, article):
    until = timezone.now() + timedelta(days=3)
    MemberStanding.objects.create(member=member, suspended_until=until, suspension_reason="Repeated insults")
    refused = refusal(member, article)
    assert refused.status_code == 403
    assert "suspended" in refused.message
    assert str(until.year) in refused.message
    assert "Repeated insults" in refused.message


def test_a_suspension_that_has_ended_no_longer_refuses(member, article):
    MemberStanding.objects.create(member=member, suspended_until=timezone.now() - timedelta(minutes=1))
    assert screen(member, article).status == CommentStatus.PENDING


def test_a_banned_member_is_refused_with_403_and_the_reason(member, article):
    MemberStanding.objects.create(member=member, banned_at=timezone.now(), ban_reason="Spam links, many times")
    refused = refusal(member, article)
    assert refused.status_code == 403
    assert "banned" in refused.message
    assert "Spam links, many times" in refused.message


def test_a_banned_member_cannot_edit_either(member, article):
    comment = comment_make(article, member)
    MemberStanding.objects.create(member=member, banned_at=timezone.now())
    assert refusal(member, article, "Changed.", editing=comment).status_code == 403


# Trust levels


def test_a_new_members_comment_waits(member, article):
    screening = screen(member, article)
    assert screening.status == CommentStatus.PENDING
    assert "new member" in screening.reasons


def test_a_member_with_three_published_comments_and_a_week_old_account_posts_directly(member, article):
    make_established(member, article)
    assert screen(member, article).status == CommentStatus.PUBLISHED


def test_three_published_comments_are_not_enough_in_the_first_week(member, article):
    make_established(member, article)
    member.date_joined = timezone.now() - timedelta(days=6, hours=23)
    member.save(update_fields=["date_joined"])
    assert screen(member, article).status == CommentStatus.PENDING


def test_an_old_account_with_only_two_published_comments_still_waits(member, article):
    make_established(member, article, comments=2)
    comment_make(article, member, status=CommentStatus.REMOVED, created_at=timezone.now() - timedelta(days=9))
    assert not member_is_established(member, now=timezone.now())
    assert screen(member, article).status == CommentStatus.PENDING


def test_moderators_are_established_from_the_start(moderator, article):
    assert screen(moderator, article).status == CommentStatus.PUBLISHED


def test_an_established_member_on_premoderation_waits(member, article):
    make_established(member, article)
    MemberStanding.objects.create(member=member, premoderated=True)
    screening = screen(member, article)
    assert screening.status == CommentStatus.PENDING
    assert "member on pre-moderation" in screening.reasons


def test_everyone_waits_on_an_article_on_premoderation(moderator, article):
    PremoderatedArticle.objects.create(article=article)
    screening = screen(moderator, article)
    assert screening.status == CommentStatus.PENDING
    assert "article on pre-moderation" in screening.reasons


# Links


@pytest.mark.parametrize(
    ("body", "links"),
    [
        ("no links here", 0),
        ("see https://example.org and http://example.net", 2),
        ("www.example.org, [a](https://example.org/x), mailto:a@example.org", 3),
        ("ＨＴＴＰＳ://example.org", 1),  # full-width letters are still a link
    ],
)
def test_links_are_counted_however_they_are_written(body, links):
    assert count_links(body) == links


def test_a_new_member_may_include_two_links(member, article):
    assert screen(member, article, "https://a.example and https://b.example").status == CommentStatus.PENDING


def test_a_new_members_third_link_is_refused_with_the_count(member, article):
    refused = refusal(member, article, "https://a.example https://b.example https://c.example")
    assert refused.status_code == 400
    assert "at most 2 links" in refused.message
    assert "has 3" in refused.message


def test_an_established_member_may_include_more_links(member, article):
    make_established(member, article)
    body = " ".join(f"https://{n}.example" for n in range(10))
    assert screen(member, article, body).status == CommentStatus.PUBLISHED


def test_the_link_limit_applies_to_edits_too(member, article):
    comment = comment_make(article, member, status=CommentStatus.PENDING)
    assert refusal(member, article, "https://a.x https://b.x https://c.x", editing=comment).status_code == 400


# Word lists


@pytest.fixture
def word_lists(db):
    ListedWord.objects.create(phrase="Slurword", action=WordAction.BLOCK)
    ListedWord.objects.create(phrase="go away forever", action=WordAction.BLOCK)
    ListedWord.objects.create(phrase="meds", action=WordAction.WATCH)


@pytest.mark.parametrize(
    "body",
    [
        "You are a slurword.",
        "SLURWORD!",
        "slur\u200bword",
        "ｓｌｕｒｗｏｒｄ",
        "s\u00adlurword",
        "Just go   away\nforever.",
        "GO AWAY FOREVER",
    ],
)
def test_a_blocked_word_is_refused_however_it_is_disguised(member, article, word_lists, body):
    refused = refusal(member, article, body)
    assert refused.status_code == 400
    assert "contains a word this site does not allow" in refused.message


def test_the_refusal_names_the_blocked_word(member, article, word_lists):
    assert "“Slurword”" in refusal(member, article, "slurword").message


@pytest.mark.parametrize("body", ["Slurwords are not this.", "noslurword", "go away for ever"])
def test_blocked_words_match_whole_words_only(member, article, word_lists, body):
    assert screen(member, article, body).status == CommentStatus.PENDING


def test_a_watched_word_publishes_and_says_why_it_is_watched(member, article, word_lists):
    make_established(member, article)
    screening = screen(member, article, "I stopped my Meds slowly.")
    assert screening.status == CommentStatus.PUBLISHED
    assert screening.reasons == ("watched words: meds",)


def test_edits_are_checked_against_the_word_lists_and_keep_their_status(member, article, word_lists):
    comment = comment_make(article, member)
    assert refusal(member, article, "now a slurword", editing=comment).status_code == 400
    screening = screen(member, article, "about meds", editing=comment)
    assert screening.status == CommentStatus.PUBLISHED
    assert screening.reasons == ("watched words: meds",)


def test_a_body_of_a_megabyte_is_screened_quickly(member, article, word_lists):
    import time

    started = time.monotonic()
    screen(member, article, "word " * 200_000)
    assert time.monotonic() - started < 5


# Duplicates


def test_the_same_comment_within_five_minutes_is_refused(member, article):
    comment_make(article, member, body="Thank you for this.", created_at=timezone.now() - timedelta(minutes=4))
    refused = refusal(member, article, "  thank YOU for\u200b this. ")
    assert refused.status_code == 400
    assert "same comment" in refused.message


def test_the_same_comment_after_five_minutes_is_fine(member, article):
    comment_make(article, member, body="Thank you for this.", created_at=timezone.now() - timedelta(minutes=6))
    assert screen(member, article, "Thank you for this.").status == CommentStatus.PENDING


def test_the_same_words_from_someone_else_are_fine(member, other_member, article):
    comment_make(article, other_member, body="Thank you for this.")
    assert screen(member, article, "Thank you for this.").status == CommentStatus.PENDING


def test_an_edit_is_not_a_duplicate_of_itself(member, article):
    comment = comment_make(article, member, body="Thank you for this.")
    assert screen(member, article, "Thank you for this.", editing=comment).status == CommentStatus.PUBLISHED


# Rate limits


@pytest.fixture
def limits_on(settings):
    settings.MODERATION_RATE_LIMITS = True


def test_rate_limits_are_off_in_tests_unless_turned_on(member, article):
    for _ in range(3):
        comment_make(article, member, body=f"Burst {_}")
    assert screen(member, article).status == CommentStatus.PENDING


def test_a_new_member_waits_30_seconds_between_comments(member, article, limits_on):
    comment_make(article, member, body="First.", created_at=timezone.now() - timedelta(seconds=10))
    refused = refusal(member, article, "Second.")
    assert refused.status_code == 429
    assert "try again in 20 seconds" in refused.message


def test_a_new_member_may_comment_again_after_30_seconds(member, article, limits_on):
    comment_make(article, member, body="First.", created_at=timezone.now() - timedelta(seconds=31))
    assert screen(member, article, "Second.").status == CommentStatus.PENDING


def test_a_new_member_may_post_ten_comments_a_day(member, article, limits_on):
    start = timezone.now() - timedelta(hours=20)
    for n in range(9):
        comment_make(article, member, body=f"Comment {n}", created_at=start + timedelta(minutes=n))
    assert screen(member, article, "The tenth.").status == CommentStatus.PENDING
    comment_make(article, member, body="The tenth.", created_at=timezone.now() - timedelta(minutes=5))
    refused = refusal(member, article, "The eleventh.")
    assert refused.status_code == 429
    assert "10 comments a day" in refused.message
    # The first of the ten leaves the 24-hour window four hours from now.
    assert "try again in 1440" in refused.message


def test_an_established_member_may_post_five_comments_in_ten_minutes(member, article, limits_on):
    make_established(member, article)
    for n in range(4):
        comment_make(article, member, body=f"Quick {n}", created_at=timezone.now() - timedelta(minutes=8 - n))
    assert screen(member, article, "Fifth.").status == CommentStatus.PUBLISHED
    comment_make(article, member, body="Fifth.", created_at=timezone.now())
    refused = refusal(member, article, "Sixth.")
    assert refused.status_code == 429
    assert "5 comments every 10 minutes" in refused.message
    assert "try again in 120 seconds" in refused.message


def test_deleted_comments_still_count_towards_the_limit(member, article, limits_on):
    comment_make(article, member, body="Gone.", status=CommentStatus.DELETED_BY_AUTHOR)
    assert refusal(member, article, "Again.").status_code == 429


def test_edits_are_not_rate_limited(member, article, limits_on):
    comment = comment_make(article, member, body="First.", status=CommentStatus.PENDING)
    assert screen(member, article, "First, corrected.", editing=comment).status == CommentStatus.PENDING
