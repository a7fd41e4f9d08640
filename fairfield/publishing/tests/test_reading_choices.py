"""Reading choices: notes a reader folds away on every list, search and feed, and quiet mode; never cached
across readers."""

import feedparser
import pytest
from django.test import Client

from fairfield.publishing.models import ContentNote
from fairfield.publishing.reading import FOLD_COOKIE, QUIET_COOKIE
from fairfield.publishing.tests.factories import article_publish, section_create

pytestmark = pytest.mark.django_db

FOLDED = "Folded at your choice: notes on Restraint."


@pytest.fixture
def articles():
    section = section_create()
    return {
        "restraint": article_publish(
            section, title="Held down on a Tuesday", content_notes=[ContentNote.RESTRAINT], slug="held-down"
        ),
        "plain": article_publish(section, title="The garden we planted", slug="garden"),
        "section": section,
    }


def _folding_reader() -> Client:
    client = Client()
    client.cookies[FOLD_COOKIE] = "restraint"
    return client


@pytest.mark.parametrize("where", ["/", "section", "/search/?q=Tuesday"])
def test_a_restraint_article_is_folded_on_home_section_and_search(articles, where):
    address = articles["section"].url if where == "section" else where
    page = _folding_reader().get(address).content.decode()
    assert FOLDED in page
    folded = page[page.index(FOLDED) - 400 : page.index(FOLDED) + 800]
    assert "<details" in folded and "Held down on a" in folded


def test_readers_without_the_choice_see_it_as_usual(articles):
    page = Client().get("/").content.decode()
    assert FOLDED not in page
    assert "Held down on a Tuesday" in page


def test_a_folding_reader_never_gets_the_shared_cached_page_nor_poisons_it(articles):
    plain_reader = Client()
    plain_reader.get(articles["section"].url)  # renders and caches the shared copy
    assert FOLDED in _folding_reader().get(articles["section"].url).content.decode()
    assert FOLDED not in plain_reader.get(articles["section"].url).content.decode()
    # The other way round: a folding reader first, then a plain one.
    article = articles["restraint"]
    _folding_reader().get(article.url)
    assert FOLDED not in Client().get(article.url).content.decode()


def test_the_feed_folds_the_notes_given_in_its_address(articles):
    folded = feedparser.parse(Client().get("/feeds/rss/?fold=restraint,nonsense").content)
    plain = feedparser.parse(Client().get("/feeds/rss/").content)

    entry = next(e for e in folded.entries if e.title == "Held down on a Tuesday")
    assert entry.summary == f"<p>{FOLDED}</p>"
    assert "What I wish" in next(e for e in folded.entries if e.title == "The garden we planted").summary
    assert FOLDED not in next(e for e in plain.entries if e.title == "Held down on a Tuesday").summary


def test_choices_are_saved_in_this_browsers_cookies_and_cleared(articles):
    client = Client()
    response = client.post("/reading/", {"fold": ["restraint", "ect", "<script>", "x" * 300], "quiet": "1"})
    assert response.status_code == 302
    assert client.cookies[FOLD_COOKIE].value == "ect,restraint"
    assert client.cookies[FOLD_COOKIE]["samesite"] == "Lax"
    assert client.cookies[QUIET_COOKIE].value == "1"
    page = client.get("/reading/").content.decode()
    assert 'value="restraint" id="fold-restraint" checked' in page
    assert "/feeds/rss/?fold=ect%2Crestraint" in page

    client.post("/reading/", {"clear": "1"})
    assert client.cookies[FOLD_COOKIE].value == ""


def test_a_tampered_cookie_folds_only_real_notes(articles):
    client = Client()
    client.cookies[FOLD_COOKIE] = "<script>,restraint," + "x" * 5000
    response = client.get("/")
    assert response.status_code == 200 and FOLDED in response.content.decode()


def test_quiet_mode_hides_comment_counts_and_keeps_the_discussion_closed(articles):
    from fairfield.comments.models import Comment, CommentStatus

    article = articles["plain"]
    Comment.objects.create(
        article=article, author_name="Mira", body="Hello.", status=CommentStatus.PUBLISHED, number=1, depth=1,
        created_at=article.first_published_at,
    )  # fmt: skip
    quiet = Client()
    quiet.cookies[QUIET_COOKIE] = "1"

    assert "1 comment" in Client().get("/").content.decode()
    home = quiet.get("/").content.decode()
    assert "1 comment" not in home
    assert 'class=" quiet"' in home or "quiet" in home.split("<body", 1)[1].split(">", 1)[0]
    assert '<details class="quiet-comments"><summary>Show comments</summary>' in quiet.get(article.url).content.decode()


def test_the_home_page_keeps_its_query_budget_for_a_folding_reader(articles, django_assert_max_num_queries):
    client = _folding_reader()
    client.get("/")
    with django_assert_max_num_queries(20):
        client.get("/")
