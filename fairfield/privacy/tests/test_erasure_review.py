"""Reviewers and professional contributors can leave: the relations that used to PROTECT their rows let go."""

import pytest
from django.contrib.auth import get_user_model

from fairfield.privacy.services import account_erase
from fairfield.privacy.tests.dump import database_mentions
from fairfield.publishing.tests.factories import article_publish, section_create
from fairfield.review.models import (
    ArticleStatement,
    Assessment,
    Attribution,
    AuthorResponse,
    PositionalityStatement,
    SurvivorCommentary,
    Verdict,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewed(survivor_reviewer, contributor):
    article = article_publish(section_create(), title="What I learned on the ward")
    commentary = SurvivorCommentary.objects.create(
        article=article,
        reviewer=survivor_reviewer,
        attribution=Attribution.PSEUDONYM,
        body="Heron reads this as a survivor.",
        private_note="Heron's note to the author.",
    )
    Assessment.objects.create(commentary=commentary, verdict=Verdict.LISTENS, reasons="Heron's reasons.")
    AuthorResponse.objects.create(commentary=commentary, author=contributor, body="The author thanks the reviewer.")
    statement = PositionalityStatement.objects.create(
        author=contributor, version=1, role="Nurse", power="Some", gain="Pay", coercion="Yes"
    )
    PositionalityStatement.objects.create(
        author=contributor, version=2, role="Draft", power="Draft", gain="Draft", coercion="Draft"
    )
    ArticleStatement.objects.create(article=article, statement=statement, credit_name="Dr Lark")
    return article, commentary


def test_a_reviewer_who_keeps_their_words_is_shown_as_a_survivor_reviewer(client, reviewed, survivor_reviewer):
    article, commentary = reviewed

    account_erase(member=survivor_reviewer, keep_words=True)

    commentary.refresh_from_db()
    assert commentary.reviewer_id is None
    assert commentary.attribution == Attribution.REVIEWER
    assert commentary.public_attribution == "A survivor reviewer"
    assert commentary.private_note == ""
    assert commentary.body == "Heron reads this as a survivor."
    assert database_mentions("heron@example.org") == []
    assert client.get(article.url).status_code == 200


def test_a_reviewer_who_deletes_their_words_withdraws_the_commentary(client, reviewed, survivor_reviewer):
    article, commentary = reviewed

    account_erase(member=survivor_reviewer, keep_words=False)

    commentary.refresh_from_db()
    assert (commentary.reviewer_id, commentary.body, commentary.private_note) == (None, "", "")
    assert commentary.hidden_at is not None
    assert database_mentions("heron") == []
    assert client.get(article.url).status_code == 200


def test_a_contributor_who_keeps_their_words_leaves_the_published_statement(reviewed, contributor):
    account_erase(member=contributor, keep_words=True)

    assert not get_user_model().objects.filter(pk=contributor.pk).exists()
    assert list(PositionalityStatement.objects.values_list("version", "author")) == [(1, None)]
    assert ArticleStatement.objects.get().credit_name == "a former member"
    assert AuthorResponse.objects.get().author_id is None
    assert database_mentions("lark@example.org", "Dr Lark") == []


def test_a_contributor_who_deletes_their_words_takes_statements_and_responses(reviewed, contributor):
    account_erase(member=contributor, keep_words=False)

    assert not PositionalityStatement.objects.exists()
    assert not ArticleStatement.objects.exists()
    assert not AuthorResponse.objects.exists()
    assert database_mentions("lark@example.org", "Dr Lark") == []
