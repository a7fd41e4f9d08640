"""A round table in the browser: an editor sets it up in the admin, members accept their e-mailed invitations,
speak in turn (a second post in the same round and a post after the deadline are refused, the text kept), and a
reader sees the rounds. Axe checks every page."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from fairfield.accounts.roles import Role
from fairfield.accounts.tests.factories import PASSWORD, UserFactory, totp_code
from fairfield.roundtables import services
from fairfield.roundtables.models import RoundTable, TableStatus, Turn, TurnStatus


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


def _invitation_path(to: str) -> str:
    message = [message for message in mail.outbox if to in message.to][-1]
    link = next(link for link in re.findall(r"https?://\S+", message.body) if "/roundtables/invitation/" in link)
    return urlsplit(link).path


def _accept(page, assert_accessible, *, email, path, name):
    page.context.clear_cookies()
    page.goto(path)
    expect(page.get_by_role("link", name="Log in to accept")).to_be_visible()
    assert_accessible(page)
    _log_in(page, email)
    page.goto(path)
    assert_accessible(page)
    page.get_by_label("Your name at this table").fill(name)
    page.get_by_label("I agree that my turns and marks at this table are published on Fairfield.").check()
    page.get_by_role("button", name="Take the seat").click()
    expect(page.get_by_role("status")).to_contain_text("Welcome to the table")


def test_a_table_is_set_up_run_in_turns_and_read(page, assert_accessible):
    editor = UserFactory(pseudonym="Osprey", roles=[Role.MEMBER, Role.EDITOR], totp=True)
    UserFactory(pseudonym="Odette", email="odette@example.org", roles=[Role.MEMBER])
    UserFactory(pseudonym="Wren", email="wren@example.org", roles=[Role.MEMBER])
    UserFactory(pseudonym="Alder", email="alder@example.org", roles=[Role.MEMBER])

    # The editor sets the table up in the admin.
    _log_in(page, editor.email, totp_secret=editor.totp_secret)
    page.goto("/admin/snippets/roundtables/roundtable/add/")
    assert_accessible(page)
    page.locator("#id_question").fill("Who holds the keys to the ward?")
    page.locator("#id_slug").fill("keys")
    page.locator("#id_framing").fill("Locked doors, seen from both sides.")
    page.locator("#id_facilitator").select_option(label="Odette")
    page.locator("#id_starts_at").fill((timezone.localtime() - timedelta(hours=1)).strftime("%Y-%m-%d %H:%M"))
    page.locator("#id_starts_at").press("Escape")
    page.locator("#id_question").click()
    page.locator("#id_rounds_total").fill("2")
    page.locator("#id_turn_words").fill("50")
    for index, (kind, email) in enumerate([("survivor", "wren@example.org"), ("police", "alder@example.org")]):
        if not page.locator(f"#id_seats-{index}-position").count():
            page.get_by_role("button", name="Add seat").click()
        page.locator(f"#id_seats-{index}-position").fill(str(index + 1))
        page.locator(f"#id_seats-{index}-stakeholder").select_option(kind)
        page.locator(f"#id_seats-{index}-invited_email").fill(email)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("2 invitation(s) sent by e-mail.")).to_be_visible()
    page.wait_for_timeout(1000)  # Wagtail fades its messages in; axe would measure them half-drawn
    assert_accessible(page)
    table = RoundTable.objects.get(slug="keys")

    # Each member accepts from the e-mailed link; the last seat taken starts the table.
    _accept(page, assert_accessible, email="wren@example.org", path=_invitation_path("wren@example.org"), name="River")
    _accept(
        page, assert_accessible, email="alder@example.org", path=_invitation_path("alder@example.org"), name="Stone"
    )
    table.refresh_from_db()
    assert table.status == TableStatus.RUNNING

    # Alder, the police seat, waits: survivors speak first.
    page.goto("/roundtables/keys/")
    expect(page.get_by_text("Your turn is not open yet.")).to_be_visible()
    assert_accessible(page)

    # Wren speaks; a second post in the same round is refused and the text is kept.
    _log_in(page, "wren@example.org")
    page.goto("/roundtables/keys/")
    assert_accessible(page)
    page.get_by_label("Your turn", exact=True).fill("word " * 51)
    page.get_by_role("button", name="Post my turn").click()
    expect(page.get_by_role("alert")).to_contain_text("51 words; the limit is 50")
    expect(page.get_by_label("Your turn", exact=True)).to_have_value(re.compile("word word"))
    assert_accessible(page)
    second_tab = page.context.new_page()
    second_tab.goto("/roundtables/keys/")
    page.get_by_label("Your turn", exact=True).fill("The key is held by whoever is frightened first.")
    page.get_by_role("button", name="Post my turn").click()
    expect(page.get_by_role("status")).to_contain_text("Your turn is posted")
    second_tab.get_by_label("Your turn", exact=True).fill("And one more thing.")
    second_tab.get_by_role("button", name="Post my turn").click()
    expect(second_tab.get_by_role("alert")).to_contain_text("already taken your turn")
    expect(second_tab.get_by_label("Your text, kept so you can copy it")).to_have_value("And one more thing.")
    assert_accessible(second_tab)
    second_tab.close()

    # The facilitator holds Wren's turn with a reason; Wren sees it and revises the turn.
    _log_in(page, "odette@example.org")
    page.goto("/roundtables/keys/")
    assert_accessible(page)
    page.get_by_label("Reason, shown to the writer").fill("Please say who you mean without naming the nurse.")
    page.get_by_role("button", name="Hold for review").click()
    expect(page.get_by_role("status")).to_contain_text("The turn is held")
    _log_in(page, "wren@example.org")
    page.goto("/roundtables/keys/")
    expect(page.get_by_text("Please say who you mean without naming the nurse.")).to_be_visible()
    page.get_by_label("Revise your turn").fill("The key is held by whoever on the shift is frightened first.")
    page.get_by_role("button", name="Put my revised turn back").click()
    expect(page.get_by_role("status")).to_contain_text("Your revised turn is back on the table")
    assert_accessible(page)

    # Alder's turn is open, but the facilitator pauses the table before Alder posts: refused, text kept.
    _log_in(page, "alder@example.org")
    page.goto("/roundtables/keys/")
    page.get_by_label("Your turn", exact=True).fill("I was going to say this.")
    services.table_pause(table=table, actor=table.facilitator)
    page.get_by_role("button", name="Post my turn").click()
    expect(page.get_by_role("alert")).to_contain_text("paused")
    expect(page.get_by_label("Your text, kept so you can copy it")).to_have_value("I was going to say this.")
    assert_accessible(page)
    # After the pause the turn runs out: the clock marks it "did not speak" and round 2 opens.
    services.table_resume(table=table, actor=table.facilitator)
    Turn.objects.filter(round__table=table, status=TurnStatus.OPEN).update(deadline=timezone.now())
    assert services.tables_tick()["missed"] == 1

    # A reader sees round 1, with the missed turn, but not round 2 until it ends.
    page.context.clear_cookies()
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Round tables").click()
    assert_accessible(page)
    page.get_by_role("link", name="Who holds the keys to the ward?").click()
    expect(page.get_by_text("The key is held by whoever on the shift is frightened first.")).to_be_visible()
    expect(page.get_by_text("Did not speak before the turn closed.")).to_be_visible()
    assert_accessible(page)
    page.goto("/roundtables/keys/round/1/")
    expect(page.get_by_role("heading", name="Round 1 of 2")).to_be_visible()
    assert_accessible(page)
    assert "Stone" in page.content() and "Alder" not in page.content()

    # Round 2 rotates: Alder opens. Wren proposes a statement and both seats mark it; Alder speaks, Wren passes.
    _log_in(page, "wren@example.org")
    page.goto("/roundtables/keys/")
    page.get_by_label("Propose a statement").fill("Nobody should learn the ward rules by breaking them.")
    page.get_by_role("button", name="Propose", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Your statement is before every seat")
    page.get_by_label("agree", exact=True).check()
    page.get_by_role("button", name="Mark", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Your mark is saved")
    assert_accessible(page)
    _log_in(page, "alder@example.org")
    page.goto("/roundtables/keys/")
    page.get_by_label("agree", exact=True).check()
    page.get_by_label("Reason (optional)").fill("Rules on the wall, in plain words.")
    page.get_by_role("button", name="Mark", exact=True).click()
    page.get_by_label("Your turn", exact=True).fill("The keys should come with the reasons written beside them.")
    page.get_by_role("button", name="Post my turn").click()
    expect(page.get_by_role("status")).to_contain_text("Your turn is posted")
    assert_accessible(page)
    _log_in(page, "wren@example.org")
    page.goto("/roundtables/keys/")
    page.get_by_role("button", name="Pass this round").click()
    expect(page.get_by_role("status")).to_contain_text("You passed this round")
    table.refresh_from_db()
    assert table.status == TableStatus.CLOSED

    # The reader sees the whole transcript and the common ground.
    page.context.clear_cookies()
    page.goto("/roundtables/keys/")
    expect(page.get_by_text("Finished after 2 rounds.")).to_be_visible()
    expect(page.get_by_text("The keys should come with the reasons written beside them.")).to_be_visible()
    common = page.get_by_role("heading", name="Common ground").locator("xpath=following-sibling::ul[1]")
    expect(common).to_contain_text("Nobody should learn the ward rules by breaking them.")
    assert_accessible(page)
    page.get_by_role("link", name="Printable transcript").click()
    expect(page.get_by_role("heading", name="Round 2")).to_be_visible()
    assert_accessible(page)
