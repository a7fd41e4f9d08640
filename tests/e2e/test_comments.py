"""Members in the discussion, in a real browser: post, reply, edit, delete, mute, follow, and nothing lost."""

import re

from django.core import mail
from playwright.sync_api import expect

from fairfield.accounts.roles import Role
from fairfield.accounts.tests.factories import PASSWORD, UserFactory
from fairfield.comments.models import Comment, CommentStatus, ThreadFollow
from fairfield.moderation.tests.factories import make_established
from fairfield.publishing.tests.factories import article_publish, section_create


def _log_in(page, email: str) -> None:
    page.goto("/accounts/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in", exact=True).click()
    expect(page.get_by_role("navigation", name="Your account")).to_contain_text("Log out")


def _log_out(page) -> None:
    page.get_by_role("navigation", name="Your account").get_by_role("button", name="Log out").click()
    expect(page.get_by_role("navigation", name="Your account").get_by_role("link", name="Log in")).to_be_visible()


def _people_and_article():
    """Two established members (moderation lets their comments publish at once) and an article to discuss."""
    wren = UserFactory(pseudonym="Wren", email="wren@example.org", roles=[Role.MEMBER])
    alder = UserFactory(pseudonym="Alder", email="alder@example.org", roles=[Role.MEMBER])
    section = section_create()
    earlier = article_publish(section, title="An earlier discussion", slug="an-earlier-discussion")
    for member in (wren, alder):
        make_established(member, earlier)
    article = article_publish(section, title="What the night staff never saw")
    return wren, alder, article


def test_members_post_reply_edit_and_delete_and_the_thread_still_reads(page, assert_accessible):
    wren, alder, article = _people_and_article()
    mail.outbox = []
    _log_in(page, wren.email)
    page.goto(article.url)
    page.get_by_label("Your comment").fill("The night staff were kind.\n\nThe *rules* were not.")
    page.get_by_role("button", name="Post comment").click()
    expect(page.get_by_role("status")).to_contain_text("Your comment is posted.")
    first = page.locator("#comments .comment").first
    expect(first).to_contain_text("The night staff were kind.")
    expect(first.locator("em")).to_have_text("rules")
    expect(first.locator(".comment__number")).to_have_text("1")
    assert_accessible(page)
    _log_out(page)

    _log_in(page, alder.email)
    page.goto(article.url)
    # The reply page, for readers without JavaScript and for links in e-mails.
    page.goto(f"/comments/{Comment.objects.get(author=wren, article=article).pk}/reply/")
    expect(page.get_by_role("heading", name="Reply to Wren")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Your comment").fill("Same on my ward, see https://example.org/ward")
    page.get_by_role("button", name="Post reply").click()
    reply = page.locator(".comment-list--replies .comment").first
    expect(reply).to_contain_text("Same on my ward")
    expect(reply.get_by_role("link", name="https://example.org/ward")).to_have_attribute("rel", "nofollow ugc noopener")
    assert any(
        "Alder replied to your comment" in message.subject for message in mail.outbox if wren.email in message.to
    )

    reply.get_by_role("link", name="Edit").click()
    page.get_by_label("Your comment").fill("Same on my ward.")
    page.get_by_role("button", name="Save changes").click()
    reply = page.locator(".comment-list--replies .comment").first
    expect(reply).to_contain_text("Same on my ward.")
    expect(reply).to_contain_text("edited")
    assert Comment.objects.get(author=alder, article=article).revisions.count() == 1
    _log_out(page)

    _log_in(page, wren.email)
    page.goto(article.url)
    page.locator("#comments .comment").first.get_by_role("link", name="Delete").click()
    page.get_by_role("button", name="Delete comment").click()
    thread = page.locator("#comments")
    expect(thread).to_contain_text("Comment removed by its author.")
    expect(thread).not_to_contain_text("The night staff were kind.")
    expect(thread).to_contain_text("Same on my ward.")
    assert_accessible(page)


def test_an_edit_after_fifteen_minutes_is_refused(page):
    wren, _alder, article = _people_and_article()
    comment = Comment.objects.create(
        article=article, author=wren, body="Old words", number=1, depth=1, status=CommentStatus.PUBLISHED,
        created_at=article.first_published_at,
    )  # fmt: skip
    Comment.objects.filter(pk=comment.pk).update(created_at=comment.created_at.replace(year=2020))
    _log_in(page, wren.email)
    page.goto(article.url)
    expect(page.locator(f"#comment-{comment.pk}").get_by_role("link", name="Edit")).to_have_count(0)
    page.goto(f"/comments/{comment.pk}/edit/")
    expect(page.get_by_role("status")).to_contain_text("can no longer be changed")


def test_a_member_mutes_and_unmutes_another_and_follows_the_discussion(page, assert_accessible):
    wren, alder, article = _people_and_article()
    Comment.objects.create(
        article=article, author=alder, body="Loud and unkind", number=1, depth=1, status=CommentStatus.PUBLISHED,
        created_at=article.first_published_at,
    )  # fmt: skip
    _log_in(page, wren.email)
    page.goto(article.url)
    page.get_by_role("button", name="Mute Alder").click()
    expect(page.get_by_role("status")).to_contain_text("You muted Alder")
    folded = page.locator("details.comment__muted")
    expect(folded.locator("summary")).to_have_text("Comment by a member you muted")
    expect(page.get_by_text("Loud and unkind")).not_to_be_visible()
    folded.locator("summary").click()
    expect(page.get_by_text("Loud and unkind")).to_be_visible()
    assert_accessible(page)

    page.goto("/comments/muted/")
    page.get_by_role("button", name="Unmute Alder").click()
    expect(page.get_by_text("You have not muted anyone.")).to_be_visible()
    page.goto(article.url)
    expect(page.get_by_text("Loud and unkind")).to_be_visible()

    page.get_by_role("button", name="Follow this discussion").click()
    expect(page.locator("#comments")).to_contain_text("You follow this discussion.")
    assert ThreadFollow.objects.filter(user=wren, article=article).exists()
    page.get_by_role("button", name="Stop following").click()
    expect(page.get_by_role("button", name="Follow this discussion")).to_be_visible()


def test_a_draft_survives_a_reload_and_is_cleared_once_posted(page):
    wren, _alder, article = _people_and_article()
    _log_in(page, wren.email)
    page.goto(article.url)
    box = page.get_by_label("Your comment")
    box.press_sequentially("Half a thought, then the tab crashed")
    page.reload()
    expect(page.get_by_label("Your comment")).to_have_value("Half a thought, then the tab crashed")
    expect(page.locator("[data-draft-note]")).to_contain_text("restored")
    page.get_by_role("button", name="Post comment").click()
    expect(page.get_by_role("status")).to_contain_text("Your comment is posted.")
    page.reload()
    expect(page.get_by_label("Your comment")).to_have_value("")


def test_a_refused_post_keeps_the_text_in_the_box(page, settings):
    """A new member's second comment within 30 seconds meets moderation's real rate limit."""
    settings.MODERATION_RATE_LIMITS = True
    newcomer = UserFactory(pseudonym="Sorrel", email="sorrel@example.org", roles=[Role.MEMBER])
    article = article_publish(section_create(), title="What the night staff never saw")
    _log_in(page, newcomer.email)
    page.goto(article.url)
    page.get_by_label("Your comment").fill("My first words here.")
    page.get_by_role("button", name="Post comment").click()
    expect(page.get_by_role("status")).to_contain_text("waiting for a moderator")
    page.get_by_label("Your comment").fill("Words I do not want to type twice")
    response_status = []
    page.on("response", lambda response: response_status.append(response.status))
    page.get_by_role("button", name="Post comment").click()
    expect(page.get_by_role("alert")).to_contain_text("try again in")
    expect(page.get_by_label("Your comment")).to_have_value("Words I do not want to type twice")
    assert 429 in response_status
    assert list(Comment.objects.filter(article=article).values_list("body", flat=True)) == ["My first words here."]


def test_posting_with_the_keyboard_only(page):
    wren, _alder, article = _people_and_article()
    _log_in(page, wren.email)
    page.goto(article.url)
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "body":
            break
    else:
        raise AssertionError("the comment box cannot be reached with Tab")
    page.keyboard.type("Typed without a mouse.")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Add content notes (optional)"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Post comment"
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Your comment is posted.")
    expect(page.locator("#comments")).to_contain_text("Typed without a mouse.")
    assert re.search(r"#comment-\d+$", page.url)


def test_with_javascript_reply_opens_under_the_comment_and_posts_there(page, assert_accessible):
    wren, alder, article = _people_and_article()
    parent = Comment.objects.create(
        article=article, author=alder, body="Has anyone found a good peer group?", number=1, depth=1,
        status=CommentStatus.PUBLISHED, created_at=article.first_published_at,
    )  # fmt: skip
    _log_in(page, wren.email)
    page.goto(article.url)
    page.get_by_role("link", name="Reply to Alder").click()
    assert page.url.endswith(article.url)  # no page change: the form opened in place
    box = page.get_by_label("Your reply to Alder")
    expect(box).to_be_focused()
    assert_accessible(page)
    box.fill("Yes, on Thursdays.")
    page.get_by_role("button", name="Post reply").click()
    expect(page.get_by_role("status")).to_contain_text("Your comment is posted.")
    reply = Comment.objects.get(body="Yes, on Thursdays.")
    assert reply.parent == parent
    expect(page.locator(f"#comment-{reply.pk}")).to_contain_text("Yes, on Thursdays.")


def test_a_comment_held_for_moderation_is_shown_only_to_its_writer_marked_as_waiting(page, assert_accessible):
    """A new member's first comments wait for a moderator (moderation's trust levels)."""
    _wren, alder, article = _people_and_article()
    newcomer = UserFactory(pseudonym="Sorrel", email="sorrel@example.org", roles=[Role.MEMBER])
    _log_in(page, newcomer.email)
    page.goto(article.url)
    page.get_by_label("Your comment").fill("My first words here.")
    page.get_by_role("button", name="Post comment").click()
    expect(page.get_by_role("status")).to_contain_text("waiting for a moderator")
    mine = page.locator("#comments .comment").first
    expect(mine).to_contain_text("My first words here.")
    expect(mine).to_contain_text("only you can see this comment")
    assert_accessible(page)
    _log_out(page)
    _log_in(page, alder.email)
    page.goto(article.url)
    expect(page.locator("#comments")).not_to_contain_text("My first words here.")
