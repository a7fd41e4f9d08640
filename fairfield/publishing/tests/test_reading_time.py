import pytest
from wagtail.rich_text import RichText

from fairfield.publishing.models import ArticlePage, reading_minutes

pytestmark = pytest.mark.django_db


def test_reading_time_counts_the_words_of_every_block():
    words = " ".join(["word"] * 460)
    article = ArticlePage(body=[("paragraph", RichText(f"<p>{words}</p>")), ("heading", "More words here")])
    assert reading_minutes(article.body) == 3


def test_an_empty_article_still_takes_a_minute():
    assert reading_minutes(ArticlePage(body=[]).body) == 1


def test_reading_time_reads_stored_stream_data_as_well_as_new_blocks():
    stored = ArticlePage(body=[{"type": "paragraph", "value": "<p>" + "word " * 700 + "</p>", "id": "a"}])
    assert reading_minutes(stored.body) == 4
