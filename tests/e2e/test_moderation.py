"""Moderators work the queue in Wagtail's admin; a member flags a comment; an author appeals a removal."""

from playwright.sync_api import expect

from fairfield.accounts.roles import Role
from fairfield.accounts.tests.factories import PASSWORD, UserFactory, totp_code
from fairfield.comments.models import Comment, CommentStatus
from fairfield.moderation.models import Appeal, AuditEntry, Flag
from fairfield.moderation.tests.factories import comment_make
from fairfield.publishing.tests.factories import article_publish, section_create


def log_in(page, user):
    page.goto("/accounts/login/")
    page.locator("#id_login").fill(user.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in", exact=True).click()
    if getattr(user, "totp_secret", None):
        expect(page.get_by_role("heading", level=1)).to_have_text("Enter your code")
        page.locator("#id_code").fill(totp_code(user.totp_secret))
        page.get_by_role("main").get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_attached()


def log_out(page):
    page.context.clear_cookies()


def test_moderators_approve_and_remove_and_a_second_moderator_restores_on_appeal(page, assert_accessible):
    article = article_publish(section_create(), title="The day room")
    wren = UserFactory(pseudonym="Wren", email="wren@example.org", roles=[Role.MEMBER])
    kestrel = UserFactory(
        pseudonym="Kestrel", email="kestrel@example.org", roles=[Role.MEMBER, Role.MODERATOR], totp=True
    )
    merlin = UserFactory(pseudonym="Merlin", email="merlin@example.org", roles=[Role.MEMBER, Role.MODERATOR], totp=True)
    waiting = comment_make(article, wren, body="My first words here, waiting.", status=CommentStatus.PENDING)
    sharp = comment_make(article, wren, body="The charge nurse on ward 4 was cruel.")

    # The first moderator approves the waiting comment from the queue.
    log_in(page, kestrel)
    page.goto("/admin/moderation/?tab=pending")
    assert_accessible(page)
    page.get_by_role("link", name="Wren on “The day room”").click()
    expect(page.locator("#comment-body")).to_have_text("My first words here, waiting.")
    assert_accessible(page)
    page.get_by_role("button", name="Approve", exact=True).click()
    expect(page.get_by_text("Comment approved.")).to_be_visible()
    assert_accessible(page)
    waiting.refresh_from_db()
    assert waiting.status == CommentStatus.PUBLISHED

    # …and removes another with a reason for the author and a public note.
    page.goto(f"/admin/moderation/comments/{sharp.pk}/")
    page.get_by_label("Reason, sent to the author").fill("It identifies a member of staff by their ward.")
    page.get_by_label("Short public note").fill("identifies a member of staff")
    page.get_by_role("button", name="Remove", exact=True).click()
    expect(page.get_by_text("Comment removed; the author has been told why.")).to_be_visible()
    assert_accessible(page)
    sharp.refresh_from_db()
    assert (sharp.status, sharp.public_note) == (CommentStatus.REMOVED, "identifies a member of staff")
    log_out(page)

    # The author asks for a review.
    log_in(page, wren)
    page.goto(f"/moderation/comments/{sharp.pk}/appeal/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ask for your comment to be looked at again")
    assert_accessible(page)
    page.get_by_role("button", name="Ask for a review").click()
    expect(page.locator(".error-summary")).to_contain_text("Please say why the comment should be looked at again.")
    assert_accessible(page)
    page.get_by_label("Why should another moderator look at it again?").fill(
        "I did not name anyone; there are twenty nurses on that ward."
    )
    page.get_by_role("button", name="Ask for a review").click()
    expect(page.get_by_text("Your request is with the moderators.")).to_be_visible()
    assert_accessible(page)
    assert Appeal.objects.get().removed_by == kestrel
    log_out(page)

    # The moderator who removed it cannot decide; a second moderator restores it.
    log_in(page, merlin)
    page.goto("/admin/moderation/?tab=appeals")
    page.get_by_role("link", name="Wren on “The day room”").click()
    expect(page.get_by_role("region", name="Appeal")).to_contain_text("there are twenty nurses on that ward")
    page.get_by_label("Comment restored").check()
    page.get_by_label("Note to the author").fill("You are right; it is back.")
    page.get_by_role("button", name="Decide", exact=True).click()
    expect(page.get_by_text("Appeal decided; the author has been told.")).to_be_visible()
    assert_accessible(page)
    sharp.refresh_from_db()
    assert sharp.status == CommentStatus.PUBLISHED
    page.goto("/admin/moderation/audit/")
    assert_accessible(page)
    audit = page.locator("table.moderation-audit")
    expect(audit).to_contain_text("moderation.appeal.restored")
    expect(audit).to_contain_text("moderation.comment.removed")
    expect(audit).to_contain_text("It identifies a member of staff by their ward.")
    assert list(AuditEntry.objects.order_by("pk").values_list("action", "actor_name")) == [
        ("moderation.comment.approved", "Kestrel"),
        ("moderation.comment.removed", "Kestrel"),
        ("moderation.appeal.submitted", "Wren"),
        ("moderation.appeal.restored", "Merlin"),
    ]


def test_a_member_flags_a_comment_with_a_reason(page, assert_accessible):
    article = article_publish(section_create(), title="Locked doors")
    writer = UserFactory(pseudonym="Tern", roles=[Role.MEMBER])
    comment = comment_make(article, writer, body="Everyone who disagrees is an idiot.")
    alder = UserFactory(pseudonym="Alder", email="alder@example.org", roles=[Role.MEMBER])

    log_in(page, alder)
    page.goto(f"/moderation/comments/{comment.pk}/flag/")
    expect(page.get_by_role("blockquote")).to_contain_text("Everyone who disagrees is an idiot.")
    assert_accessible(page)
    page.get_by_role("button", name="Send to moderators").click()
    expect(page.locator(".error-summary")).to_contain_text("Please choose a reason.")
    assert_accessible(page)
    page.get_by_label("A personal attack").check()
    page.get_by_label("Anything moderators should know").fill("Aimed at the author of the article.")
    page.get_by_role("button", name="Send to moderators").click()
    expect(page.get_by_text("Thank you. Moderators will look at the comment.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("You flagged this comment")
    assert_accessible(page)
    flag = Flag.objects.get()
    assert (flag.flagged_by, flag.reason, flag.text) == (
        alder,
        "personal_attack",
        "Aimed at the author of the article.",
    )
    assert Comment.objects.get(pk=comment.pk).status == CommentStatus.PUBLISHED


def test_three_members_flags_hold_a_comment_and_its_author_appeals(page, assert_accessible):
    from fairfield.moderation.models import FlagReason
    from fairfield.moderation.services import flag_create

    article = article_publish(section_create(), title="Tribunal day")
    wren = UserFactory(pseudonym="Wren", email="wren@example.org", roles=[Role.MEMBER])
    comment = comment_make(article, wren, body="The ward manager told the tribunal something untrue.")
    for name in ("Alder", "Birch"):
        flag_create(
            comment=comment, member=UserFactory(pseudonym=name, roles=[Role.MEMBER]), reason=FlagReason.HARASSMENT
        )
    cedar = UserFactory(pseudonym="Cedar", email="cedar@example.org", roles=[Role.MEMBER])
    kestrel = UserFactory(
        pseudonym="Kestrel", email="kestrel@example.org", roles=[Role.MEMBER, Role.MODERATOR], totp=True
    )

    # The third member's flag, in the browser, holds the comment.
    log_in(page, cedar)
    page.goto(f"/moderation/comments/{comment.pk}/flag/")
    page.get_by_label("Harassment").check()
    page.get_by_role("button", name="Send to moderators").click()
    expect(page.get_by_text("Thank you. Moderators will look at the comment.")).to_be_visible()
    comment.refresh_from_db()
    assert comment.status == CommentStatus.HELD
    page.goto(article.url)
    expect(page.locator("body")).not_to_contain_text("something untrue")
    log_out(page)

    # Its author tells the moderators their side.
    log_in(page, wren)
    page.goto(f"/moderation/comments/{comment.pk}/appeal/")
    expect(page.get_by_role("main")).to_contain_text("hidden while moderators look at it")
    page.get_by_label("Why should another moderator look at it again?").fill("It is in the tribunal's decision.")
    page.get_by_role("button", name="Ask for a review").click()
    expect(page.get_by_text("Your request is with the moderators.")).to_be_visible()
    assert_accessible(page)
    log_out(page)

    # A moderator sees it among the flagged and held comments, and restores it.
    log_in(page, kestrel)
    page.goto("/admin/moderation/?tab=held")
    page.get_by_role("link", name="Wren on “Tribunal day”").click()
    expect(page.get_by_role("region", name="Flags")).to_contain_text("Harassment")
    page.get_by_label("Comment restored").check()
    page.get_by_role("button", name="Decide", exact=True).click()
    expect(page.get_by_text("Appeal decided; the author has been told.")).to_be_visible()
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PUBLISHED
    assert not Flag.objects.open().exists()
