"""Sample survivor-first review for load_demo: a reading list, a reviewed professional's article, a draft in the queue.

Everything goes through the review's services and Wagtail's workflow, as it would on a real site.
"""

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from wagtail.models import WorkflowState
from wagtail.rich_text import RichText

from fairfield.accounts.models import Relationship, User
from fairfield.accounts.roles import Role
from fairfield.base.demo.accounts import demo_email, demo_password_hash
from fairfield.publishing.models import ArticleContributor, ArticlePage, Byline, Contributor
from fairfield.review import services
from fairfield.review.selectors import required_items

READINGS = [
    (
        "Notes from the other side of the nurses’ station",
        "A survivor-run writing group",
        "Pamphlet, self-published, 2019",
        "Written by people who were admitted to the wards the contributors may work on, in their own words.",
    ),
    (
        "What counts as consent on a locked ward",
        "An advocacy collective",
        "Zine, 2021",
        "Shows how “agreeing” to medication looks from the bed rather than the chart.",
    ),
    (
        "Our records, our stories",
        "A peer archive project",
        "Oral-history collection, 2017",
        "Survivors reading their own case notes aloud, and answering them.",
    ),
    (
        "Crisis without the police",
        "A community crisis line",
        "Handbook, 2022",
        "How people in distress were supported without detention, by people who had been detained.",
    ),
]

REFLECTION = (
    "I came to the list expecting to learn about services and instead learned about myself. The people writing "
    "here describe the same rooms I work in, but from the other side of the door. I noticed how often my own "
    "notes decide what other people believe about someone. I will write about the people I work with as "
    "someone who holds power over them, and I will ask before I describe them."
)


def _member(local_part: str, pseudonym: str, relationships, roles) -> User:
    user = User.objects.filter(email=demo_email(local_part)).first()
    if user is None:
        user = User.objects.create(
            pseudonym=pseudonym,
            email=demo_email(local_part),
            password=demo_password_hash(),
            relationships=list(relationships),
        )
        EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
        user.groups.add(*Group.objects.filter(name__in=[Role.MEMBER, *roles]))
    return user


def _draft(section, *, owner, title: str, slug: str, paragraphs) -> ArticlePage:
    contributor = Contributor.objects.get(account=owner)
    article = ArticlePage(
        title=title,
        slug=slug,
        live=False,
        owner=owner,
        standfirst=paragraphs[0],
        body=[("paragraph", RichText(f"<p>{text}</p>")) for text in paragraphs[1:]],
    )
    article.article_contributors = [ArticleContributor(contributor=contributor, byline=Byline.NAME, sort_order=0)]
    section.add_child(instance=article)
    article.save_revision(user=owner)
    article.get_workflow().start(article, owner)
    return article


def _resubmit(article, *, owner, paragraph: str) -> ArticlePage:
    """A published piece, revised by its author and put through the review before the revision goes live."""
    draft = article.get_latest_revision_as_object()
    draft.body.append(("paragraph", RichText(f"<p>{paragraph}</p>")))
    draft.save_revision(user=owner)
    article.get_workflow().start(article, owner)
    return article


def demo_load(*, seed=None) -> str:
    editor = User.objects.filter(groups__name=Role.EDITOR).order_by("pk").first()
    if editor is None:
        return "Survivor review: skipped (no editor yet)."
    reviewers = [
        User.objects.filter(email=demo_email("reviewer")).first()
        or _member("reviewer", "Sorrel Reviewer", [Relationship.SURVIVOR], [Role.SURVIVOR_REVIEWER]),
        _member("reviewer2", "Teasel Reviewer", [Relationship.SURVIVOR], [Role.SURVIVOR_REVIEWER]),
        _member(
            "reviewer3", "Yarrow Reviewer", [Relationship.SURVIVOR, Relationship.PEER_WORKER], [Role.SURVIVOR_REVIEWER]
        ),
    ]
    published = [
        article
        for article in ArticlePage.objects.live().select_related("owner").order_by("path")
        if article.owner is not None
        and Relationship.PROFESSIONAL in article.owner.relationships
        and Contributor.objects.filter(account=article.owner).exists()
    ]
    if not published:
        return "Survivor review: skipped (no article by a professional to review)."
    # Dr Anwen, the consultant psychiatrist among the demo authors, when she is there.
    reviewed = min(published, key=lambda article: article.owner.email != demo_email("dr-anwen"))
    professional = reviewed.owner

    for position, (title, author, citation, why) in enumerate(READINGS):
        proposer = reviewers[position % len(reviewers)]
        item = services.reading_item_propose(
            reviewer=proposer, title=title, author=author, link="", citation=citation, why=why
        )
        if position < 3:  # the last one stays a suggestion
            for endorser in reviewers:
                if endorser != proposer:
                    services.reading_item_endorse(reviewer=endorser, item=item)

    services.reading_list_complete(
        contributor=professional, items_read=list(required_items()), reflection=REFLECTION, publish=True
    )
    services.positionality_write(
        author=professional,
        role="I am a consultant psychiatrist on an acute admissions ward.",
        power="I can recommend that someone is detained and treated against their will.",
        gain="Writing here adds to my reputation as a reflective practitioner.",
        coercion="I have signed detention papers and prescribed medication given by force.",
    )

    _resubmit(
        reviewed,
        owner=professional,
        paragraph="Since survivor reviewers read this piece I show people what I have written about them, and ask "
        "them to correct it.",
    )
    first = _review(
        reviewers[0],
        reviewed,
        "pseudonym",
        "listens",
        "This writer heard what we keep saying: ask what happened, not what is wrong.",
    )
    second = _review(
        reviewers[1],
        reviewed,
        "anonymous",
        "not_yet",
        "The piece still keeps the power to decide what goes in the notes with the doctor.",
    )
    services.response_write(author=professional, commentary=first, body="Thank you; I kept your words in mind.")
    services.response_write(
        author=professional,
        commentary=second,
        body="You are right. I have added a paragraph on showing people their notes and asking them to correct them.",
    )
    services.commentary_update(
        reviewer=reviewers[1],
        commentary=second,
        body=second.body,
        private_note="",
        attribution="anonymous",
        verdict="reservations",
        reasons="The new paragraph on correcting notes is a real change; the rest still speaks for us.",
    )
    services.review_send_to_editors(author=professional, article=reviewed)
    WorkflowState.objects.for_instance(reviewed).get(status="in_progress").current_task_state.specific.approve(
        user=editor
    )

    _draft(
        reviewed.get_parent().specific,
        owner=professional,
        title="Discharge letters, read aloud",
        slug="discharge-letters-read-aloud",
        paragraphs=[
            "What happened when I read my discharge letters to the people they describe.",
            "I asked six people to let me read their discharge letters to them before I sent them.",
        ],
    )
    return (
        f"Survivor review: {len(READINGS)} reading-list items (3 required), 1 reviewed article, 1 draft in the "
        f"queue; log in as {professional.email} (professional) or {demo_email('reviewer2')} (reviewer)."
    )


def _review(reviewer, article, attribution, verdict, body):
    services.claim_take(reviewer=reviewer, article=article)
    return services.commentary_write(
        reviewer=reviewer,
        article=article,
        body=body,
        private_note="",
        attribution=attribution,
        verdict=verdict,
        reasons=body,
    )
