from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from fairfield.accounts.roles import Role
from fairfield.accounts.tests.factories import UserFactory
from fairfield.publishing.models import ArticlePage, Byline, Contributor
from fairfield.publishing.tests.factories import ContributorFactory, article_publish
from fairfield.review import services
from fairfield.review.models import ReadingItem, ReadingReflection

REFLECTION = (
    "Reading these accounts I saw how often the people I work with were never asked what happened to them, "
    "only what was wrong with them. The list made me notice how my notes shape what others believe about a "
    "person long after I have left the ward. I took from it that my first job is to listen, and to write as "
    "someone who holds power, not as a neutral observer."
)


def reviewer_create(pseudonym: str):
    return UserFactory(pseudonym=pseudonym, roles=[Role.MEMBER, Role.SURVIVOR_REVIEWER], relationships=["survivor"])


def reading_item_create(*, proposer, endorsers=(), title="Sanity, Madness and the Family", **fields) -> ReadingItem:
    fields.setdefault("author", "A survivor collective")
    fields.setdefault("link", "https://example.org/reading")
    fields.setdefault("citation", "")
    fields.setdefault("why", "Because it was written by people who were there.")
    item = services.reading_item_propose(reviewer=proposer, title=title, **fields)
    for endorser in endorsers:
        services.reading_item_endorse(reviewer=endorser, item=item)
    return item


def contributor_make_ready(user) -> None:
    """The reading list worked through and, for a professional, a statement written."""
    from fairfield.review.selectors import required_items

    ReadingReflection.objects.filter(contributor=user).delete()
    services.reading_list_complete(
        contributor=user, items_read=list(required_items()), reflection=REFLECTION, publish=False
    )
    services.positionality_write(
        author=user,
        role="I am a community psychiatric nurse.",
        power="I can start the process that detains someone.",
        gain="Standing among colleagues.",
        coercion="I have held people down for injections.",
    )


def draft_create(section, *, owner, title="What I learned on the ward", professional=True, **fields) -> ArticlePage:
    contributor = Contributor.objects.filter(account=owner).first() or ContributorFactory(
        account=owner, is_professional=professional
    )
    article = article_publish(section, title=title, contributors=[(contributor, Byline.NAME)], publish=False, **fields)
    ArticlePage.objects.filter(pk=article.pk).update(owner=owner)
    article.refresh_from_db()
    return article


def draft_submit(article, *, user):
    article.get_workflow().start(article, user)
    article.refresh_from_db()
    return article


def admin_form_data(*, title, slug, contributor, body="It was quiet on the ward.", submit=False) -> dict:
    data = nested_form_data(
        {
            "title": title,
            "slug": slug,
            "standfirst": "",
            "article_contributors": inline_formset([{"contributor": contributor.pk, "byline": Byline.NAME}], min=1),
            "content_note_other": "",
            "body": streamfield([("paragraph", rich_text(f"<p>{body}</p>"))]),
            "tags": "",
            "related_links": inline_formset([]),
            "comments": inline_formset([]),
            "comments_open": "on",
        }
    )
    if submit:
        data["action-submit"] = "Submit"
    return data


def review_write(reviewer, article, *, attribution="pseudonym", verdict="listens", body="It listens to us."):
    services.claim_take(reviewer=reviewer, article=article)
    return services.commentary_write(
        reviewer=reviewer,
        article=article,
        body=body,
        private_note="",
        attribution=attribution,
        verdict=verdict,
        reasons="It names what happened.",
    )


def review_settings_set(**fields):
    from fairfield.review.models import ReviewSettings

    config = ReviewSettings.current()
    for name, value in fields.items():
        setattr(config, name, value)
    config.save()
    return config
