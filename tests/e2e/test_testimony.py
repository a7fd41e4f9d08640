"""The testimony archive in the browser: an anonymous visitor tells across two visits with a resume code, a
moderator redacts a name and publishes in the admin, a reader finds it, the writer withdraws it, and it is gone
from the archive, the figures, search, the feed and the sitemap."""

from playwright.sync_api import expect

from fairfield.accounts.roles import Role
from fairfield.accounts.tests.factories import PASSWORD, UserFactory, totp_code
from fairfield.testimony.models import Status, Testimony


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


def fetch(page, address):
    response = page.request.get(address)
    return response.status, response.text()


def test_a_testimony_is_told_in_two_visits_published_redacted_and_withdrawn_everywhere(page, assert_accessible):
    kestrel = UserFactory(
        pseudonym="Kestrel", email="kestrel@example.org", roles=[Role.MEMBER, Role.MODERATOR], totp=True
    )

    # First visit: an anonymous visitor begins, keeps the code, writes, and takes a break.
    page.goto("/testimony/")
    assert_accessible(page)
    page.get_by_role("navigation", name="Testimony archive").get_by_role("link", name="Tell what happened").click()
    expect(page.get_by_text("deleted 30 days after you last saved it")).to_be_visible()
    expect(
        page.get_by_role("complementary", name="If this brings things back").get_by_role(
            "link", name="All crisis lines, and what each may do"
        )
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Begin").click()
    code = page.locator("#resume-code").inner_text()
    assert len(code) == 19
    assert_accessible(page)
    page.get_by_role("link", name="I have kept it: continue").click()
    assert_accessible(page)
    page.get_by_label("A title, if you want one").fill("The night they came")
    page.get_by_label("What happened", exact=True).fill(
        "They came at night. Dr Okafor held the needle while two others held my arms.\n\n"
        "Later a peer worker sat with me and asked what I needed."
    )
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Where, what and who")
    assert_accessible(page)
    page.get_by_label("Inpatient ward").check()
    page.get_by_label("Forced medication").check()
    page.get_by_label("Peer support").check()
    page.get_by_role("button", name="Take a break").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Everything is saved")
    assert_accessible(page)

    # Second visit, from a browser that remembers nothing: the code opens the draft where it was left.
    page.context.clear_cookies()
    page.goto("/testimony/resume/")
    assert_accessible(page)
    page.get_by_label("Your resume code").fill(code.lower())
    page.get_by_role("button", name="Open my testimony").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Where, what and who")
    expect(page.get_by_label("Inpatient ward")).to_be_checked()
    page.get_by_role("button", name="Save and continue").click()
    assert_accessible(page)
    page.get_by_label("When").select_option("2010s")
    page.get_by_label("Where", exact=True).select_option("europe")
    page.get_by_role("button", name="Save and continue").click()
    assert_accessible(page)
    page.get_by_label("Public, anonymous").check()
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check and send")
    assert_accessible(page)
    page.get_by_role("button", name="Send my testimony").click()
    expect(page.locator("#testimony-status")).to_contain_text("Waiting for review")
    assert_accessible(page)
    testimony = Testimony.objects.get()
    assert testimony.status == Status.SUBMITTED

    # A moderator sees the name highlighted, redacts it and publishes.
    page.context.clear_cookies()
    log_in(page, kestrel)
    page.goto("/admin/testimony/")
    assert_accessible(page)
    page.get_by_role("link", name="The night they came").click()
    expect(page.locator("#testimony-original mark").first).to_have_text("Dr Okafor")
    assert_accessible(page)
    redacted = page.get_by_label("The copy readers and researchers will see")
    expect(redacted).to_have_value(
        "They came at night. [personal name removed] held the needle while two others held my arms.\n\n"
        "Later a peer worker sat with me and asked what I needed."
    )
    page.get_by_label("What you removed, in words for the writer").fill("The name of a doctor.")
    page.get_by_role("button", name="Publish the redacted copy").click()
    expect(page.get_by_text("Accepted into the archive.")).to_be_visible()
    assert_accessible(page)

    # A reader finds it in the archive, in search, in the feed and the sitemap, and it is counted.
    page.context.clear_cookies()
    page.goto("/testimony/")
    page.get_by_role("link", name="The night they came").click()
    expect(page.get_by_text("[personal name removed] held the needle")).to_be_visible()
    assert "Okafor" not in page.content()
    assert_accessible(page)
    page.goto("/testimony/?q=needle")
    expect(page.get_by_role("link", name="The night they came")).to_be_visible()
    assert_accessible(page)
    page.goto("/testimony/figures/")
    expect(page.get_by_role("heading", name="What the testimonies add up to")).to_be_visible()
    assert_accessible(page)
    address = f"/testimony/{testimony.public_id}/"
    assert "The night they came" in fetch(page, "/testimony/feed/")[1]
    assert address in fetch(page, "/sitemap.xml")[1]

    # The writer withdraws it with the private link.
    page.goto(f"/testimony/private/{code}/")
    expect(page.get_by_text("The moderator removed: The name of a doctor.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="I agree with what was removed").click()
    expect(page.locator("#redaction-agreed")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Withdraw my testimony").click()
    assert_accessible(page)
    page.get_by_role("button", name="Yes, withdraw it").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your testimony is withdrawn")
    assert_accessible(page)

    # Gone from every place a reader or a machine could find it.
    page.context.clear_cookies()
    page.goto("/testimony/")
    expect(page.get_by_text("No testimony has been published yet.")).to_be_visible()
    page.goto("/testimony/?q=needle")
    expect(page.get_by_role("link", name="The night they came")).to_have_count(0)
    assert fetch(page, address)[0] == 404
    assert "The night they came" not in fetch(page, "/testimony/feed/")[1]
    assert address not in fetch(page, "/sitemap.xml")[1]
    testimony.refresh_from_db()
    assert testimony.status == Status.WITHDRAWN and testimony.narrative == ""


def test_a_research_only_testimony_reaches_a_researchers_export_and_never_the_public(page, assert_accessible):
    import datetime as dt

    from django.utils import timezone

    from fairfield.testimony.models import ResearcherAccess

    wren = UserFactory(pseudonym="Wren", email="wren@example.org", roles=[Role.MEMBER])
    kestrel = UserFactory(
        pseudonym="Kestrel", email="kestrel@example.org", roles=[Role.MEMBER, Role.MODERATOR], totp=True
    )
    harrier = UserFactory(pseudonym="Harrier", email="harrier@example.org", roles=[Role.MEMBER, Role.ADMIN], totp=True)
    lark = UserFactory(pseudonym="Lark", email="lark@example.org", roles=[Role.MEMBER])

    # An account holder tells it and chooses research only.
    log_in(page, wren)
    page.goto("/testimony/tell/")
    page.get_by_role("button", name="Begin").click()
    page.get_by_label("A title, if you want one").fill("Depot fortnights")
    page.get_by_label("What happened", exact=True).fill("Every fortnight they came with the injection.")
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_label("Community team").check()
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_label("Research only").check()
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("button", name="Send my testimony").click()
    expect(page.locator("#testimony-status")).to_contain_text("Waiting for review")
    page.goto("/testimony/mine/")
    expect(page.get_by_role("link", name="Depot fortnights")).to_be_visible()
    assert_accessible(page)
    page.context.clear_cookies()

    # A moderator accepts it; it is not shown publicly.
    log_in(page, kestrel)
    page.goto("/admin/testimony/")
    page.get_by_role("link", name="Depot fortnights").click()
    page.get_by_role("button", name="Accept into the archive (not shown publicly)").click()
    expect(page.get_by_text("Accepted into the archive.")).to_be_visible()
    page.context.clear_cookies()

    # A researcher applies; an admin approves with a purpose and an end date.
    log_in(page, lark)
    page.goto("/testimony/research/")
    page.get_by_label("What your research is for").fill("How people remember community treatment orders.")
    page.get_by_role("button", name="Apply for research access").click()
    expect(page.get_by_text("An admin will read your application.")).to_be_visible()
    assert_accessible(page)
    page.context.clear_cookies()
    log_in(page, harrier)
    page.goto("/admin/testimony/researchers/")
    assert_accessible(page)
    page.get_by_label("Access ends on").fill(str(timezone.localdate() + dt.timedelta(days=60)))
    page.get_by_role("button", name="Approve").click()
    expect(page.get_by_text("Decision recorded.")).to_be_visible()
    assert ResearcherAccess.objects.get().state == "approved"
    page.context.clear_cookies()

    # The researcher downloads it; the public never sees it.
    log_in(page, lark)
    page.goto("/testimony/research/")
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the research records (CSV)").click()
    exported = download_info.value.path().read_text(encoding="utf-8")
    assert "Every fortnight they came with the injection." in exported
    assert "Wren" not in exported
    page.context.clear_cookies()
    page.goto("/testimony/")
    expect(page.get_by_role("link", name="Depot fortnights")).to_have_count(0)
    assert "Depot fortnights" not in fetch(page, "/testimony/feed/")[1]
    assert "No published testimony matches that." in fetch(page, "/testimony/?q=injection")[1]
