"""Crisis lines from the editor's admin to a reader, every step in the browser."""

from playwright.sync_api import expect

from fairfield.accounts.roles import Role
from fairfield.accounts.tests.factories import UserFactory
from fairfield.publishing.tests.factories import article_publish, section_create
from fairfield.safety.models import CrisisLine, MayCall
from tests.e2e.people import log_in


def test_an_editor_adds_a_line_and_a_reader_finds_the_peer_run_one_first(page, assert_accessible):
    editor = UserFactory(pseudonym="Osprey", email="osprey@example.org", roles=[Role.MEMBER, Role.EDITOR], totp=True)
    CrisisLine.objects.create(
        country="IE", name="Garda-linked Line (example)", phone="+353 1 555 0199", hours="Always",
        may_call_emergency=MayCall.YES,
    )  # fmt: skip
    article = article_publish(section_create(), title="After the ward")

    log_in(page, editor)

    page.goto("/admin/")
    page.get_by_role("link", name="Crisis lines").click()
    page.get_by_role("link", name="Add crisis line").first.click()
    assert_accessible(page)
    page.get_by_label("Country").select_option("IE")
    page.get_by_label("Name").fill("Harbour Light Peer Line (example)")
    page.get_by_label("Hours").fill("Nights, 20:00 to 04:00")
    page.get_by_label("Phone").fill("+353 1 555 0100")
    page.get_by_label("Peer-run").check()
    page.get_by_label("May send police or emergency services").select_option("no")
    page.get_by_label("Traces or records calls").select_option("no")
    page.get_by_role("button", name="Save").first.click()
    expect(page.get_by_text("Crisis line 'Harbour Light Peer Line (example) (IE)' created.")).to_be_visible()

    page.context.clear_cookies()
    page.goto(article.url)
    page.get_by_role("link", name="Need support now?").click()
    assert_accessible(page)
    page.get_by_label("Show lines for").select_option("IE")
    page.get_by_role("button", name="Show", exact=True).click()
    lines = page.get_by_role("region", name="In Ireland").get_by_role("listitem").filter(has=page.locator("h3"))
    expect(lines.first.get_by_role("heading")).to_have_text("Harbour Light Peer Line (example)")
    expect(lines.first).to_contain_text("Never sends police or emergency services")
    expect(lines.nth(1)).to_contain_text("May send police or emergency services without the caller's agreement")
    assert_accessible(page)

    # The choice is remembered on the next visit.
    page.goto("/crisis-resources/")
    expect(page.get_by_role("heading", name="In Ireland")).to_be_visible()
