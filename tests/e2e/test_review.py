"""The survivor-first review end to end in a browser.

A professional joins and describes themselves; an editor makes them a contributor (group and byline set up
directly, as editors do in Wagtail's admin). Their first draft is posted to Wagtail's add-page form with Django's
test client (the snippet chooser in the inline panel is slow to drive in a browser, as in test_publishing); every
other step — the held-back submission, the reading list, the statement, submitting, claiming, reading, commentaries,
the anonymous one, the response, the revision, the updated assessment, sending to the editors, the editor's
approval and what readers see — happens in the browser.
"""

import re
from urllib.parse import urlsplit

from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from playwright.sync_api import expect
from wagtail.models import WorkflowState

from fairfield.accounts.models import User
from fairfield.accounts.roles import Role
from fairfield.accounts.tests.factories import PASSWORD, UserFactory, totp_code
from fairfield.publishing.models import ArticlePage, Contributor
from fairfield.publishing.tests.factories import section_create
from fairfield.review.models import Assessment
from fairfield.review.tests.factories import (
    REFLECTION,
    admin_form_data,
    contributor_make_ready,
    draft_create,
    draft_submit,
    reading_item_create,
    review_settings_set,
)


def _log_in(page, email, *, totp_secret=None):
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in", exact=True).click()
    if totp_secret:
        expect(page.get_by_role("heading", level=1)).to_have_text("Enter your code")
        page.locator("#id_code").fill(totp_code(totp_secret))
        page.get_by_role("main").get_by_role("button", name="Log in").click()
    expect(page.get_by_role("navigation", name="Your account").get_by_role("button", name="Log out")).to_be_visible()


def _join_as_a_professional(page, assert_accessible) -> User:
    page.goto("/accounts/signup/")
    page.get_by_label("E-mail address").fill("lark@example.org")
    page.get_by_label("Pseudonym").fill("Dr Lark")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    page.get_by_role("button", name="Join", exact=True).click()
    message = [message for message in mail.outbox if "lark@example.org" in message.to][-1]
    link = next(link for link in re.findall(r"https?://\S+", message.body) if "/accounts/confirm-email/" in link)
    page.goto(urlsplit(link).path)
    page.get_by_role("button", name="Confirm").click()
    page.goto("/members/me/")
    page.get_by_label("Mental-health professional").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("Your profile is saved.")
    return User.objects.get(pseudonym="Dr Lark")


def _submit_in_the_admin(page, article):
    """Open the editor's action menu and submit. Wagtail's sticky header can lie over the footer's menu
    toggle while the page settles, so the clicks are dispatched to the controls themselves."""
    page.goto(f"/admin/pages/{article.pk}/edit/")
    page.wait_for_load_state("networkidle")
    page.locator("footer [data-w-dropdown-target='toggle']").first.dispatch_event("click")
    submit = page.locator("button[name='action-submit']")
    expect(submit).to_be_attached()
    with page.expect_navigation():
        submit.dispatch_event("click")


def _review_in_the_browser(page, reviewer, title, *, attribution, verdict, body, assert_accessible=None):
    _log_in(page, reviewer.email)
    page.goto("/review/")
    queue = page.get_by_role("region", name="Waiting for a first read")
    queue.get_by_role("link", name=title).click()
    page.get_by_role("button", name="Claim this draft for a first read").click()
    expect(page.get_by_role("status")).to_contain_text("The draft is yours to read")
    if assert_accessible:
        assert_accessible(page)
    page.get_by_role("link", name="Read the draft").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    page.go_back()
    page.get_by_role("link", name="Write your commentary").click()
    page.get_by_label("Public commentary").fill(body)
    page.get_by_label("Private note to the author and editors (optional)").fill(f"A private word from {reviewer}.")
    page.get_by_label(verdict).check()
    page.get_by_label("Reasons for your assessment").fill("Because of how the ward is described.")
    page.get_by_label(attribution).check()
    if assert_accessible:
        assert_accessible(page)
    page.get_by_role("button", name="Save my commentary").click()
    expect(page.get_by_role("status")).to_contain_text("Your commentary is saved.")


def test_a_professionals_article_is_read_first_by_survivors_and_published_with_their_answers(page, assert_accessible):
    section = section_create()
    heron = UserFactory(pseudonym="Heron", roles=[Role.MEMBER, Role.SURVIVOR_REVIEWER], relationships=["survivor"])
    curlew = UserFactory(pseudonym="Curlew", roles=[Role.MEMBER, Role.SURVIVOR_REVIEWER], relationships=["survivor"])
    editor = UserFactory(pseudonym="Osprey", roles=[Role.MEMBER, Role.EDITOR], totp=True)
    review_settings_set(endorsements_to_require=1)
    reading_item_create(proposer=heron, endorsers=[curlew], title="Voices from the locked ward")

    lark = _join_as_a_professional(page, assert_accessible)
    lark.groups.add(Group.objects.get(name=Role.CONTRIBUTOR))
    byline = Contributor.objects.create(display_name="Dr Lark", slug="dr-lark", account=lark, is_professional=True)
    client = Client()
    client.force_login(lark)
    client.post(
        f"/admin/pages/add/publishing/articlepage/{section.pk}/",
        admin_form_data(title="What the night round misses", slug="night-round", contributor=byline),
    )
    draft = ArticlePage.objects.get(slug="night-round")

    # Submitting is held back until the reading list and the statement are done.
    _submit_in_the_admin(page, draft)
    expect(page.locator("body")).to_contain_text("Your draft is saved but not submitted")
    assert_accessible(page)
    assert not WorkflowState.objects.for_instance(draft).exists()

    page.goto("/review/")
    assert_accessible(page)
    expect(page.get_by_role("region", name="Before you submit")).to_contain_text("Write your positionality statement")
    page.get_by_role("link", name="Work through the reading list").click()
    page.get_by_label("Voices from the locked ward").check()
    page.get_by_label("What I took from the reading list").fill("Too short.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("at least 300 characters")
    expect(page.get_by_label("What I took from the reading list")).to_have_value("Too short.")
    assert_accessible(page)
    page.get_by_label("Voices from the locked ward").check()
    page.get_by_label("What I took from the reading list").fill(REFLECTION)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("worked through the survivor reading list")

    page.get_by_role("link", name="Your positionality statement").click()
    assert_accessible(page)
    page.get_by_label("My role").fill("I am a psychiatric nurse on nights.")
    page.get_by_label("The power it gives me").fill("I can call for restraint and sedation.")
    page.get_by_label("What I gain from this writing").fill("A name as a thoughtful nurse.")
    page.get_by_label("My relationship to coercive practice").fill("I have restrained people.")
    page.get_by_role("button", name="Save a new version").click()
    expect(page.get_by_role("region", name="Before you submit")).to_contain_text("You are ready to submit drafts.")

    _submit_in_the_admin(page, draft)
    expect(page.locator("body")).not_to_contain_text("saved but not submitted")
    assert_accessible(page)
    assert WorkflowState.objects.for_instance(draft).filter(status="in_progress").exists()

    # Two survivor reviewers claim, read and answer; one anonymously.
    _review_in_the_browser(
        page,
        heron,
        "What the night round misses",
        attribution="My pseudonym",
        verdict="Listens to survivors",
        body="Heron: this nurse names the power of the night round.",
        assert_accessible=assert_accessible,
    )
    _review_in_the_browser(
        page,
        curlew,
        "What the night round misses",
        attribution="Anonymous",
        verdict="Does not yet listen",
        body="The piece still talks about us as a workload.",
    )

    # The author reads both, never learns who wrote anonymously, responds and revises.
    _log_in(page, "lark@example.org")
    page.goto("/review/")
    page.get_by_role("link", name="What the night round misses").click()
    main = page.get_by_role("main")
    expect(main).to_contain_text("Commentary by Anonymous")
    expect(main).to_contain_text("A private word from Curlew")
    expect(main).not_to_contain_text("Commentary by Curlew")
    assert_accessible(page)
    anonymous = page.get_by_role("article", name="Commentary by Anonymous")
    anonymous.get_by_role("link", name="Respond to this commentary").click()
    page.get_by_label("Your public response").fill("You are right; I rewrote the ending about workload.")
    page.get_by_role("button", name="Save my response").click()
    expect(page.get_by_role("status")).to_contain_text("Your response is saved")
    page.goto(f"/admin/pages/{draft.pk}/edit/")
    page.locator("#id_standfirst").fill(
        "A night nurse on what the round does not see, revised after survivors read it."
    )
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator("body")).to_contain_text("has been updated")
    assert_accessible(page)

    # The anonymous reviewer updates the assessment after the revision; the first version is kept.
    _log_in(page, curlew.email)
    page.goto(f"/review/drafts/{draft.pk}/commentary/")
    page.get_by_label("Listens with reservations").check()
    page.get_by_label("Reasons for your assessment").fill("The new ending treats us as people.")
    page.get_by_role("button", name="Save my commentary").click()
    expect(page.get_by_role("status")).to_contain_text("Your commentary is saved.")
    assert Assessment.objects.filter(commentary__reviewer=curlew).count() == 2

    _log_in(page, "lark@example.org")
    page.goto(f"/review/drafts/{draft.pk}/")
    page.get_by_role("button", name="Send to the editors").click()
    expect(page.get_by_role("status")).to_contain_text("Sent to the editors")

    # The editor approves in Wagtail's admin, which publishes.
    _log_in(page, editor.email, totp_secret=editor.totp_secret)
    page.goto(f"/admin/pages/{draft.pk}/edit/")
    page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    page.locator("button[data-workflow-action-name='approve']").first.click()
    expect(page.locator(".messages")).to_contain_text("What the night round misses")
    assert_accessible(page)
    draft.refresh_from_db()
    assert draft.live

    # A reader sees the label, the assessments, the commentaries, the response and the statement.
    page.context.clear_cookies()
    page.goto("/stories/night-round/")
    first_read = page.get_by_role("region", name="Survivor first read")
    expect(first_read).to_contain_text("Listens to survivors")
    expect(first_read).to_contain_text("Listens with reservations")
    expect(first_read).to_contain_text("Heron: this nurse names the power of the night round.")
    expect(first_read).to_contain_text("You are right; I rewrote the ending about workload.")
    expect(first_read).to_contain_text("I can call for restraint and sedation.")
    expect(first_read).to_contain_text("Revised")
    expect(page.locator("body")).not_to_contain_text("Curlew")
    expect(page.locator("body")).not_to_contain_text("A private word")
    assert_accessible(page)
    page.get_by_role("link", name="All articles with a survivor first read").click()
    expect(page.get_by_role("main")).to_contain_text("What the night round misses")
    assert_accessible(page)
    page.goto("/authors/dr-lark/")
    expect(page.get_by_role("main")).to_contain_text("Has worked through the survivor reading list")
    assert_accessible(page)


def test_a_survivors_article_takes_the_plain_path_and_others_cannot_see_drafts(page, assert_accessible):
    section = section_create()
    wren = UserFactory(pseudonym="Wren", roles=[Role.MEMBER, Role.CONTRIBUTOR], relationships=["survivor"])
    finch = UserFactory(pseudonym="Finch", roles=[Role.MEMBER, Role.CONTRIBUTOR], relationships=["survivor"])
    heron = UserFactory(pseudonym="Heron", roles=[Role.MEMBER, Role.SURVIVOR_REVIEWER], relationships=["survivor"])
    editor = UserFactory(pseudonym="Osprey", roles=[Role.MEMBER, Role.EDITOR], totp=True)
    contributor_make_ready(wren)
    draft = draft_submit(
        draft_create(section, owner=wren, title="The kitchen at the respite house", professional=False), user=wren
    )

    # Not in the reviewers' queue: it went straight to the editors.
    _log_in(page, heron.email)
    page.goto("/review/")
    expect(page.get_by_role("region", name="Waiting for a first read")).to_contain_text("Nothing is waiting for you.")
    assert page.goto(f"/review/drafts/{draft.pk}/").status == 404

    # Another contributor neither finds nor opens it.
    _log_in(page, finch.email)
    page.goto(f"/admin/pages/{section.pk}/")
    expect(page.locator("main")).not_to_contain_text("The kitchen at the respite house")
    assert_accessible(page)
    assert page.goto(f"/review/drafts/{draft.pk}/read/").status == 404

    _log_in(page, editor.email, totp_secret=editor.totp_secret)
    page.goto(f"/admin/pages/{draft.pk}/edit/")
    page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    page.locator("button[data-workflow-action-name='approve']").first.click()
    expect(page.locator(".messages")).to_contain_text("The kitchen at the respite house")
    assert_accessible(page)

    page.context.clear_cookies()
    draft.refresh_from_db()
    assert draft.live
    page.goto(draft.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("The kitchen at the respite house")
    expect(page.locator("body")).not_to_contain_text("Survivor first read")
    assert_accessible(page)
