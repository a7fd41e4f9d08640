"""An editor publishes an article with an anonymous co-author and content notes; a reader finds and reads it.

The draft, with its two contributors and its body, is posted to Wagtail's add-page form with Django's
test client (the snippet-chooser modals of the inline panel are slow to drive in a browser); the editor
then logs in through the site with a second factor, ticks the content notes in the admin, sees the
safe-messaging reminder and publishes. Everything the reader does happens in the browser.
"""

import re

from django.test import Client
from playwright.sync_api import expect
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from fairfield.accounts.roles import Role
from fairfield.accounts.tests.factories import PASSWORD, UserFactory, totp_code
from fairfield.publishing.models import ArticlePage, Byline
from fairfield.publishing.tests.factories import ContributorFactory, article_publish, section_create

BODY_TEXT = "The night staff never once asked what I needed."


def _draft_through_the_admin(editor, section, *, named, anonymous) -> ArticlePage:
    client = Client()
    client.force_login(editor)
    response = client.post(
        f"/admin/pages/add/publishing/articlepage/{section.pk}/",
        nested_form_data(
            {
                "title": "What the night shift did not see",
                "slug": "night-shift",
                "standfirst": "Two of us, one ward, the same nights.",
                "article_contributors": inline_formset(
                    [
                        {"contributor": named.pk, "byline": Byline.NAME},
                        {"contributor": anonymous.pk, "byline": Byline.ANONYMOUS},
                    ],
                    min=1,
                ),
                "content_note_other": "",
                "body": streamfield(
                    [
                        ("heading", "Nights"),
                        ("paragraph", rich_text(f"<p>{BODY_TEXT}</p>")),
                        (
                            "embed",
                            {
                                "url": "https://www.youtube.com/watch?v=abcdefghijk",
                                "provider": "YouTube",
                                "title": "A talk about night shifts",
                            },
                        ),
                    ]
                ),
                "tags": "night shift",
                "related_links": inline_formset([]),
                "comments": inline_formset([]),
                "comments_open": "on",
            }
        ),
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    return ArticlePage.objects.get(slug="night-shift")


def test_an_editor_publishes_with_an_anonymous_coauthor_and_a_reader_reads_behind_content_notes(
    page, assert_accessible
):
    editor = UserFactory(pseudonym="Osprey", email="osprey@example.org", roles=[Role.MEMBER, Role.EDITOR], totp=True)
    section = section_create()
    named = ContributorFactory(display_name="Rowan Ash", slug="rowan-ash", is_survivor=True, bio="Survived, writes.")
    anonymous = ContributorFactory(display_name="Secret Holloway", slug="secret-holloway")
    article_publish(section, title="An older piece", contributors=[(named, Byline.NAME)])
    draft = _draft_through_the_admin(editor, section, named=named, anonymous=anonymous)
    assert not draft.live

    # The editor logs in through the site, with the code from their authenticator.
    page.goto("/accounts/login/")
    page.locator("#id_login").fill(editor.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your code")
    page.locator("#id_code").fill(totp_code(editor.totp_secret))
    page.get_by_role("main").get_by_role("button", name="Log in").click()

    page.goto(f"/admin/pages/{draft.pk}/edit/")
    page.get_by_label("Restraint").check()
    page.get_by_label("Self-harm").check()
    page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    page.locator("button[name='action-publish']").click()
    expect(page.locator("body")).to_contain_text("safe-messaging guidance")
    draft.refresh_from_db()
    assert draft.live

    # A reader, not logged in, finds it on the front page and in its section.
    page.context.clear_cookies()
    page.goto("/")
    expect(page.get_by_role("link", name="What the night shift did not see").first).to_be_visible()
    assert_accessible(page)
    page.goto("/stories/")
    assert_accessible(page)
    page.get_by_role("link", name="What the night shift did not see").click()
    expect(page).to_have_url(re.compile(r"/stories/night-shift/$"))

    notes = page.get_by_role("region", name="Content notes")
    expect(notes).to_contain_text("Restraint")
    expect(notes).to_contain_text("Self-harm")
    body = page.get_by_text(BODY_TEXT)
    expect(body).to_be_hidden()
    assert_accessible(page)
    page.get_by_text("Show the article").click()
    expect(body).to_be_visible()
    # With the script, a button offers the video; nothing has been fetched from YouTube (the fixture checks).
    expect(page.get_by_role("button", name=re.compile("Play it here"))).to_be_visible()
    expect(page.get_by_role("link", name="Open it on YouTube")).to_be_visible()
    assert_accessible(page)

    html = page.content()
    assert "Secret Holloway" not in html
    assert "secret-holloway" not in html
    expect(page.locator(".article__meta")).to_contain_text("Rowan Ash and Anonymous")

    page.get_by_role("link", name="Rowan Ash").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rowan Ash")
    expect(page.get_by_role("main")).to_contain_text("What the night shift did not see")
    assert_accessible(page)
    assert page.goto("/authors/secret-holloway/").status == 404
