import pytest

from fairfield.base.demo.services import demo_load as base_demo_load
from fairfield.publishing.models import ArticlePage
from fairfield.review import demo, selectors
from fairfield.review.models import ReadingItem, SurvivorCommentary

pytestmark = pytest.mark.django_db


def test_the_demo_loads_a_reading_list_a_reviewed_article_and_a_draft_in_the_queue(client):
    base_demo_load(seed=1)
    summary = demo.demo_load(seed=1)
    assert "1 reviewed article" in summary
    assert ReadingItem.objects.count() == 4
    assert selectors.required_items().count() == 3
    reviewed = ArticlePage.objects.filter(commentaries__isnull=False).distinct().get()
    assert reviewed.live
    assert SurvivorCommentary.objects.filter(article=reviewed).count() == 2
    assert [a.slug for a in selectors.articles_in_first_read()] == ["discharge-letters-read-aloud"]
    html = client.get(reviewed.url).content.decode()
    assert "Survivor first read" in html
    assert "You are right." in html
