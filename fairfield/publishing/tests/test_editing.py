"""Editors and contributors working on articles in Wagtail's admin."""

import pytest
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from fairfield.publishing.models import ArticlePage, Byline, ContentNote, Topic
from fairfield.publishing.tests.factories import ContributorFactory, article_publish, section_create
from fairfield.publishing.wagtail_hooks import SAFE_MESSAGING_GUIDANCE

pytestmark = pytest.mark.django_db


@pytest.fixture
def section():
    return section_create()


def article_form(*, title="Learning to say no", credits, notes=(), action="action-publish", **extra):
    data = {
        "title": title,
        "slug": extra.pop("slug", "learning-to-say-no"),
        "standfirst": "On consent, and who gets asked.",
        "article_contributors": inline_formset(
            [{"contributor": contributor.pk, "byline": byline} for contributor, byline in credits], min=1
        ),
        "content_note_other": "",
        "body": streamfield(
            [
                ("heading", "Asking first"),
                ("paragraph", rich_text("<p>Nobody asked me whether I agreed.</p>")),
            ]
        ),
        "tags": "consent, ward rounds",
        "related_links": inline_formset([]),
        "comments": inline_formset([]),
        "comments_open": "on",
        action: action,
    }
    topics = extra.pop("topics", [])
    data.update(extra)
    # nested_form_data would number list items; a multiple-choice field posts the same name repeatedly.
    return {**nested_form_data(data), "content_notes": [str(note) for note in notes], "topics": topics}


def _add_url(section):
    return f"/admin/pages/add/publishing/articlepage/{section.pk}/"


def test_editor_creates_and_publishes_an_article_with_contributors_notes_tags_and_topics(client, editor, section):
    named = ContributorFactory(display_name="Rowan Ash")
    hidden = ContributorFactory(display_name="Secret Holloway")
    topic = Topic.objects.create(name="Consent", slug="consent")
    client.force_login(editor)

    response = client.post(
        _add_url(section),
        article_form(
            credits=[(named, Byline.NAME), (hidden, Byline.ANONYMOUS)],
            notes=[ContentNote.RESTRAINT],
            topics=[topic.pk],
        ),
    )

    assert response.status_code == 302, response.context["form"].errors if response.context else response
    article = ArticlePage.objects.get(slug="learning-to-say-no")
    assert article.live
    assert article.content_notes == ["restraint"]
    assert [(c.contributor, c.byline) for c in article.article_contributors.all()] == [
        (named, Byline.NAME),
        (hidden, Byline.ANONYMOUS),
    ]
    assert sorted(article.tags.names()) == ["consent", "ward rounds"]
    assert list(article.topics.all()) == [topic]
    assert article.reading_minutes == 1
    client.logout()
    html = client.get(article.url).content.decode()
    assert "Rowan Ash" in html
    assert "Secret Holloway" not in html


@pytest.mark.parametrize("note", [ContentNote.SUICIDE, ContentNote.SELF_HARM])
def test_choosing_suicide_or_self_harm_shows_the_safe_messaging_reminder(client, editor, section, note):
    client.force_login(editor)

    response = client.post(
        _add_url(section), article_form(credits=[(ContributorFactory(), Byline.NAME)], notes=[note]), follow=True
    )

    assert response.status_code == 200
    assert str(SAFE_MESSAGING_GUIDANCE) in response.content.decode()
    assert ArticlePage.objects.get(slug="learning-to-say-no").live


def test_other_content_notes_do_not_show_the_safe_messaging_reminder(client, editor, section):
    client.force_login(editor)

    response = client.post(
        _add_url(section),
        article_form(credits=[(ContributorFactory(), Byline.NAME)], notes=[ContentNote.RESTRAINT]),
        follow=True,
    )

    assert "safe-messaging guidance" not in response.content.decode()


def test_the_reminder_also_shows_when_an_existing_article_gains_a_self_harm_note(client, editor, section):
    credit = ContributorFactory()
    article = article_publish(section, slug="existing", contributors=[(credit, Byline.NAME)])
    row = article.article_contributors.get()
    client.force_login(editor)
    data = article_form(credits=[(credit, Byline.NAME)], notes=[ContentNote.SELF_HARM], slug="existing")
    data.update({"article_contributors-0-id": row.pk, "article_contributors-INITIAL_FORMS": 1})

    response = client.post(f"/admin/pages/{article.pk}/edit/", data, follow=True)

    assert "safe-messaging guidance" in response.content.decode()
    article.refresh_from_db()
    assert article.content_notes == ["self_harm"]


def test_an_article_needs_at_least_one_contributor_and_the_editors_text_is_kept(client, editor, section):
    client.force_login(editor)

    response = client.post(_add_url(section), article_form(credits=[], title="Kept title"))

    assert response.status_code == 200
    assert "Kept title" in response.content.decode()
    assert not ArticlePage.objects.filter(title="Kept title").exists()


def test_an_image_block_without_alternative_text_is_refused(client, editor, section):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    image = Image.objects.create(title="Corridor", file=get_test_image_file())
    client.force_login(editor)
    data = article_form(credits=[(ContributorFactory(), Byline.NAME)], title="No alt")
    data = {key: value for key, value in data.items() if not key.startswith("body-")}
    data.update(
        nested_form_data({"body": streamfield([("image", {"image": image.pk, "alt_text": " ", "caption": ""})])})
    )

    response = client.post(_add_url(section), data)

    assert response.status_code == 200
    assert not ArticlePage.objects.filter(title="No alt").exists()


def test_crediting_the_same_contributor_twice_is_refused_with_a_message(client, editor, section):
    twice = ContributorFactory()
    client.force_login(editor)

    response = client.post(
        _add_url(section), article_form(credits=[(twice, Byline.NAME), (twice, Byline.ANONYMOUS)], title="Twice")
    )

    assert response.status_code == 200
    assert "Twice" in response.content.decode()
    assert not ArticlePage.objects.filter(title="Twice").exists()


def test_editor_previews_a_draft(client, editor, section):
    article = article_publish(section, publish=False, content_notes=[ContentNote.ECT])
    client.force_login(editor)

    response = client.get(f"/admin/pages/{article.pk}/view_draft/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h2>The first night</h2>" in html
    assert "<li>ECT</li>" in html


def test_editor_previews_unsaved_changes_from_the_edit_form(client, editor, section):
    credit = ContributorFactory()
    article = article_publish(section, slug="previewed", contributors=[(credit, Byline.NAME)])
    client.force_login(editor)
    preview_url = f"/admin/pages/{article.pk}/edit/preview/"

    posted = client.post(
        preview_url, article_form(credits=[(credit, Byline.NAME)], title="A new title", slug="previewed")
    )
    response = client.get(preview_url)

    assert posted.json()["is_valid"] is True
    assert response.status_code == 200
    assert "A new title" in response.content.decode()


def test_a_contributor_can_save_a_draft_but_not_publish(client, contributor, section):
    client.force_login(contributor)

    form_page = client.get(_add_url(section))
    own = ContributorFactory(account=contributor)
    response = client.post(_add_url(section), article_form(credits=[(own, Byline.NAME)]))

    assert form_page.status_code == 200
    assert 'name="action-publish"' not in form_page.content.decode()
    assert response.status_code == 302
    article = ArticlePage.objects.get(slug="learning-to-say-no")
    assert not article.live
    assert article.has_unpublished_changes
    assert client.get(f"/admin/pages/{article.pk}/edit/").status_code == 200  # Wagtail lets owners keep editing


def test_a_member_cannot_reach_the_article_form(client, member, section):
    client.force_login(member)

    response = client.get(_add_url(section))

    assert response.status_code in {302, 403}
    assert not Page.objects.filter(slug="learning-to-say-no").exists()


def test_a_contributor_chooses_only_among_their_own_bylines(client, contributor, section):
    own = ContributorFactory(display_name="Dr Lark", account=contributor)
    ContributorFactory(display_name="Someone Else Entirely")
    client.force_login(contributor)

    page = client.get(_add_url(section)).content.decode()

    assert "Dr Lark" in page
    assert "Someone Else Entirely" not in page
    assert f'<option value="{own.pk}"' in page


def test_a_contributor_cannot_credit_someone_else_by_posting_their_id(client, contributor, section):
    ContributorFactory(account=contributor)
    stranger = ContributorFactory(display_name="Someone Else Entirely")
    client.force_login(contributor)

    response = client.post(_add_url(section), article_form(credits=[(stranger, Byline.NAME)]))

    assert response.status_code == 200
    assert not ArticlePage.objects.filter(slug="learning-to-say-no").exists()


def test_an_editor_still_chooses_any_contributor(client, editor, section):
    ContributorFactory(display_name="Someone Else Entirely")
    client.force_login(editor)
    response = client.post(_add_url(section), article_form(credits=[(ContributorFactory(), Byline.NAME)]))
    assert response.status_code == 302
