from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management.base import CommandError
from taggit.models import Tag
from wagtail.models import Page, PageViewRestriction

from fairfield.base.models import StandardPage
from fairfield.comments.models import Comment, CommentStatus
from fairfield.publishing.models import ArticlePage, Contributor, SectionPage, Topic
from fairfield.publishing.tests.factories import section_create
from fairfield.wordpress import wxr
from fairfield.wordpress.models import ImportedItem, ImportedKind
from fairfield.wordpress.tests.conftest import FIXTURES, summary_row

SAMPLE = Path(settings.BASE_DIR).parent / "shared/data/wordpress-sample.xml"


def article(wp_id: str) -> ArticlePage:
    record = ImportedItem.objects.get(kind=ImportedKind.POST, wp_id=wp_id)
    return ArticlePage.objects.get(pk=record.object_id)


def comment(wp_id: str) -> Comment:
    return Comment.objects.get(pk=ImportedItem.objects.get(kind=ImportedKind.COMMENT, wp_id=wp_id).object_id)


def test_the_summary_counts_every_kind_of_thing_in_the_export(run_import):
    output = run_import("small.xml")
    assert summary_row(output, "authors")["created"] == 2
    assert summary_row(output, "posts")["created"] == 7
    assert summary_row(output, "pages")["created"] == 1
    assert summary_row(output, "comments")["created"] == 9
    assert summary_row(output, "attachments")["created"] == 1
    assert summary_row(output, "tags")["created"] == 2
    assert summary_row(output, "pingbacks")["skipped"] == 1
    assert summary_row(output, "trackbacks")["skipped"] == 1
    assert summary_row(output, "spam")["skipped"] == 1
    assert summary_row(output, "trash")["skipped"] == 1
    assert summary_row(output, "comments on pages")["skipped"] == 1
    assert "Shortcodes kept as text: 1" in output


def test_authors_become_contributors_without_accounts(run_import):
    run_import("small.xml")
    names = set(Contributor.objects.values_list("display_name", flat=True))
    assert names == {"Rowan Ashby", "Saoirse Ó Briain 🌿"}
    assert not Contributor.objects.filter(account__isnull=False).exists()
    credit = article("10").article_contributors.get()
    assert credit.contributor.display_name == "Rowan Ashby"


def test_the_first_category_picks_an_existing_section_and_the_others_become_topics(run_import):
    stories = section_create(title="Personal stories", slug="stories")
    run_import("small.xml")
    post = article("10")
    assert post.get_parent().pk == stories.pk
    assert set(post.topics.values_list("name", flat=True)) == {"Ward & Life", "News"}
    assert set(post.tags.values_list("name", flat=True)) == {"hope", "café & tea"}
    assert Tag.objects.filter(name="café & tea").count() == 1
    news = article("16").get_parent().specific
    assert isinstance(news, SectionPage)
    assert (news.slug, news.title, news.description) == ("news", "News", "What changed this month.")
    assert SectionPage.objects.filter(slug="stories").count() == 1


def test_published_posts_stay_published_with_their_wordpress_date_and_a_revision(run_import):
    run_import("small.xml")
    post = article("10")
    assert post.live
    assert post.first_published_at == datetime(2021, 3, 4, 15, 15, tzinfo=UTC)
    assert post.publication_date == datetime(2021, 3, 4, 15, 15, tzinfo=UTC)
    assert post.revisions.count() == 1
    assert post.comments_open
    assert post.standfirst == "What the corridor lights taught us."


@pytest.mark.parametrize("wp_id", ["11", "12", "13"])
def test_drafts_pending_and_private_posts_become_drafts(run_import, wp_id):
    run_import("small.xml")
    post = article(wp_id)
    assert not post.live
    assert post.revisions.count() == 1


def test_a_draft_without_a_gmt_date_takes_its_local_date_in_the_site_time_zone(run_import, settings):
    run_import("small.xml")
    assert article("11").publication_date == datetime(2022, 6, 1, 9, 30, tzinfo=UTC)  # TIME_ZONE is UTC here
    assert article("11").slug == "a-draft-about-mornings"


def test_a_scheduled_post_waits_for_its_date(run_import):
    run_import("small.xml")
    post = article("14")
    go_live = datetime(2099, 4, 1, 11, 0, tzinfo=UTC)
    assert not post.live
    assert post.go_live_at == go_live
    assert post.revisions.get().approved_go_live_at == go_live


def test_a_password_protected_post_gets_a_password_view_restriction(run_import):
    run_import("small.xml")
    restriction = PageViewRestriction.objects.get(page=article("15"))
    assert restriction.restriction_type == PageViewRestriction.PASSWORD
    assert restriction.password == "lantern"
    assert not PageViewRestriction.objects.filter(page=article("10")).exists()


def test_wordpress_pages_become_standard_pages_under_the_home_page(run_import):
    run_import("small.xml")
    page = StandardPage.objects.get(pk=ImportedItem.objects.get(kind=ImportedKind.PAGE, wp_id="20").object_id)
    assert page.live
    assert page.get_parent().depth == 2
    assert [block.block_type for block in page.body] == ["paragraph", "heading", "paragraph"]


def test_attachments_are_recorded_as_links_only(run_import):
    run_import("small.xml")
    record = ImportedItem.objects.get(kind=ImportedKind.ATTACHMENT, wp_id="30")
    assert record.source_url == "https://harbour-notes.example/wp-content/uploads/harbour.jpg"
    assert record.object_id is None


def test_the_body_is_sanitised_and_split_into_blocks(run_import):
    run_import("small.xml")
    body = article("10").body
    assert [block.block_type for block in body] == ["paragraph", "heading", "paragraph", "quote", "paragraph"]
    stored = str(body.raw_data)
    assert "script" not in stored
    assert "owned" not in stored
    assert "onclick" not in stored
    assert "javascript" not in stored
    assert "ünïcödé → ✓" in stored
    assert '<a href="https://harbour-notes.example/boats/">her boat list</a>' in stored
    assert "[caption id=" in stored
    assert body[3].value == "You are allowed to ask why."


def test_comments_keep_their_threads_numbers_statuses_and_dates(run_import):
    run_import("small.xml")
    post = article("10")
    top = list(post.comments.filter(parent=None).order_by("number"))
    # Numbered in date order: 111 was written first, 112 answered a spam comment and so stands alone.
    assert [(c.number, c.body[:8]) for c in top] == [
        (1, "أول تعلي"),
        (2, "Same on "),
        (3, "Waiting "),
        (4, "Replying"),
    ]
    assert comment("106").status == CommentStatus.PENDING
    assert comment("101").status == CommentStatus.PUBLISHED
    assert comment("101").created_at == datetime(2021, 3, 5, 14, 0, tzinfo=UTC)
    assert [comment(key).depth for key in ("101", "102", "103", "104")] == [1, 2, 3, 4]
    assert comment("102").parent == comment("101")
    assert comment("104").root == comment("101")
    assert comment("104").author_id is None
    assert comment("104").author_name == "Rowan Ashby"


def test_a_reply_deeper_than_four_attaches_at_depth_four_and_remembers_whom_it_answers(run_import):
    run_import("small.xml")
    deep = comment("105")
    assert deep.depth == 4
    assert deep.parent == comment("103")
    assert deep.in_reply_to == comment("104")
    assert deep.body == "  Not allowed?  <b>Why</b> not?\n"  # byte-exact; escaped when shown


def test_running_the_same_export_again_changes_nothing(run_import):
    run_import("small.xml")
    pages, comments = Page.objects.count(), Comment.objects.count()
    output = run_import("small.xml")
    for row in ("authors", "tags", "posts", "pages", "comments", "attachments"):
        assert summary_row(output, row)["created"] == 0, row
        assert summary_row(output, row)["updated"] == 0, row
    assert summary_row(output, "posts")["unchanged"] == 7
    assert summary_row(output, "comments")["unchanged"] == 9
    assert (Page.objects.count(), Comment.objects.count()) == (pages, comments)


def test_a_grown_export_brings_in_only_what_is_new(run_import):
    run_import("small.xml")
    output = run_import("grown.xml")
    assert summary_row(output, "posts") == {"created": 1, "updated": 0, "unchanged": 7, "skipped": 0}
    assert summary_row(output, "comments") == {"created": 1, "updated": 0, "unchanged": 9, "skipped": 0}
    assert article("17").comments.get().number == 1


def test_a_changed_post_and_comment_are_updated_in_place(run_import, tmp_path):
    run_import("small.xml")
    edited = tmp_path / "edited.xml"
    edited.write_text(
        (FIXTURES / "small.xml")
        .read_text()
        .replace("We meet in spring.", "We meet in early spring.")
        .replace("Did earplugs help you?", "Did earplugs help at all?")
    )
    output = run_import(edited)
    assert summary_row(output, "posts")["updated"] == 1
    assert summary_row(output, "comments")["updated"] == 1
    assert comment("103").body == "Did earplugs help at all?"
    assert "early spring" in str(article("14").get_latest_revision_as_object().body.raw_data)
    assert not article("14").live


def test_a_dry_run_reports_but_writes_nothing(run_import):
    pages = Page.objects.count()
    output = run_import("small.xml", "--dry-run")
    assert summary_row(output, "posts")["created"] == 7
    assert "Dry run" in output
    assert Page.objects.count() == pages
    assert not ImportedItem.objects.exists()
    assert not Comment.objects.exists()
    assert not Topic.objects.exists()


def test_malformed_xml_stops_with_its_line_and_keeps_the_posts_before_it(run_import):
    with pytest.raises(CommandError) as caught:
        run_import("malformed.xml")
    message = str(caught.value)
    assert "not well-formed XML at line" in message
    assert "5 posts completed before the error were imported and kept" in message
    assert set(ImportedItem.objects.filter(kind=ImportedKind.POST).values_list("wp_id", flat=True)) == {
        "10",
        "11",
        "12",
        "13",
        "14",
    }
    assert not ArticlePage.objects.filter(title="For the circle only").exists()


def test_a_truncated_export_stops_cleanly_and_leaves_no_half_imported_post(run_import):
    with pytest.raises(CommandError, match="line"):
        run_import("truncated.xml")
    assert ArticlePage.objects.count() == 5
    assert not ArticlePage.objects.filter(title="For the circle only").exists()
    run_import("small.xml")
    assert ArticlePage.objects.count() == 7


@pytest.mark.parametrize("name", ["bomb.xml", "external_entity.xml"])
def test_entity_tricks_are_refused_with_a_clear_message(run_import, name):
    with pytest.raises(CommandError, match="refused"):
        run_import(name)
    assert not ImportedItem.objects.exists()


def test_a_missing_file_is_a_friendly_error(run_import, tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        run_import(tmp_path / "nope.xml")


@pytest.mark.skipif(not SAMPLE.is_file(), reason=f"The real WordPress sample export is not at {SAMPLE}")
def test_the_real_sample_export_imports_with_threads_intact_and_twice_changes_nothing(run_import):
    output = run_import(SAMPLE)
    assert summary_row(output, "posts")["created"] == 30
    assert summary_row(output, "pages")["created"] == 2
    by_post: dict[str, list[wxr.Comment]] = {}
    with SAMPLE.open("rb") as source:
        for record in wxr.read_wxr(source):
            if isinstance(record, wxr.Item) and record.post_type == "post":
                by_post[record.wp_id] = list(record.comments)
    records = {r.wp_id: r.object_id for r in ImportedItem.objects.filter(kind=ImportedKind.COMMENT)}
    comments = Comment.objects.in_bulk(records.values())
    wanted = [
        c for items in by_post.values() for c in items if c.comment_type == "comment" and c.approved in ("0", "1")
    ]
    assert len(records) == len(wanted) == summary_row(output, "comments")["created"]
    for source_comment in wanted:
        imported = comments[records[source_comment.wp_id]]
        assert imported.body == source_comment.content
        if source_comment.parent_id != "0" and source_comment.parent_id in records:
            assert imported.in_reply_to_id == records[source_comment.parent_id]
            if imported.in_reply_to.depth < 4:
                assert imported.parent_id == records[source_comment.parent_id]
        if source_comment.parent_id == "0":
            assert imported.parent_id is None
    assert max(c.depth for c in comments.values()) == 4
    again = run_import(SAMPLE)
    for row in ("authors", "tags", "posts", "pages", "comments", "attachments", "sections", "topics"):
        assert summary_row(again, row)["created"] == 0, row
        assert summary_row(again, row)["updated"] == 0, row


def test_a_dry_run_of_a_broken_export_says_nothing_was_written(run_import):
    with pytest.raises(CommandError, match="Nothing was written"):
        run_import("malformed.xml", "--dry-run")
    assert not ArticlePage.objects.exists()
    assert not ImportedItem.objects.exists()


def test_an_export_without_a_home_page_is_refused_with_a_message(run_import):
    from fairfield.base.models import HomePage

    HomePage.objects.all().delete()
    with pytest.raises(CommandError, match="no home page"):
        run_import("small.xml")
    assert not Contributor.objects.exists()
