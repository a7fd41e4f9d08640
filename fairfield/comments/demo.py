"""Sample discussions for the demo site and the benchmarks, written from original sentence fragments.

One hand-written article carries the long discussion (`load_demo --comments N`); the others get a few
comments each, and two comments wait for a moderator so the queue is not empty on a fresh demo.
"""

import random
from datetime import timedelta

from django.utils import timezone

from fairfield.accounts.models import User
from fairfield.base.demo.accounts import DEMO_DOMAIN, demo_password_hash, members_bulk_create
from fairfield.base.demo.writing import ARTICLES
from fairfield.comments.models import MAX_DEPTH, CommentStatus
from fairfield.comments.services import IncomingComment, comment_import
from fairfield.publishing.models import ArticlePage

DEFAULT_COMMENTS = 40
LONG_DISCUSSION_SLUG = "coming-off-slowly"
COMMENTS_ON_OTHER_ARTICLES = 4
PENDING_COMMENTS = 2
# Members generated only to sign the sample comments, numbered far above `load_demo --members`.
COMMENTER_NUMBERS_FROM = 90001
COMMENTERS_WANTED = 24
# Shaped like the WordPress peer's long thread: two thirds top level, most replies one level down.
REPLY_SHARE = 1 / 3
REPLY_DEPTH_WEIGHTS = {1: 0.81, 2: 0.15, 3: 0.04}
BODY_LENGTH = (317, 1494)

OPENINGS = (
    "Thank you for writing this down.",
    "I read this twice, once on the bus and once at home.",
    "This is close to what happened to my brother, and it is strange to see it in print.",
    "I worked nights on an acute ward for six years, and I recognise every corridor here.",
    "Reading this with a cup of tea and a lot of feelings.",
    "I nearly did not comment, but the part about waiting stayed with me all day.",
    "My mother sent me this, which says something about how far we have both come.",
    "I want to push back on one thing, gently.",
)
MIDDLES = (
    "Nobody told us what the plan was, so every day felt like the first day.",
    "The kindest person I met in there was a cleaner who always said good morning by name.",
    "When I asked to see my notes, it took eleven weeks and two letters.",
    "What helped was not a new pill but someone who stayed in the room when it got hard.",
    "I still flinch at the sound of keys on a belt, years later.",
    "We were told it was for my safety, and I believe they believed it, which is the difficult part.",
    "Peer support was the first place where my account of events was simply taken as true.",
    "Coming off slowly took me fourteen months, and I kept a notebook of every step.",
    "The staff were tired and the rules were written by people who never worked a shift.",
    "I think the word 'non-compliant' did more damage in my file than anything I did.",
    "Families get told very little, and then we are blamed for not knowing.",
    "There were good days too, and I think it matters to say so.",
    "A judge once asked me one question in a hearing that lasted eight minutes.",
    "If you are reading this from inside a ward right now, you are not the only one.",
    "Being believed changed the way I could talk about everything else.",
    "Nothing about this is simple, but listening costs less than restraint.",
)
CLOSINGS = (
    "Thank you for the care you took with this.",
    "I hope more staff read it.",
    "I would like to hear from others who went through the same thing.",
    "Sending strength to anyone who needed this today.",
    "I will be sharing this with our family group.",
    "Still thinking about it.",
)


def demo_load(*, comments: int = DEFAULT_COMMENTS, seed: int | None = None) -> str:
    """Comment on the hand-written articles: `comments` under the long discussion, a few under the rest."""
    rng = random.Random(seed)  # noqa: S311 - sample content, not secrets
    commenters = _commenters(rng)
    articles = list(ArticlePage.objects.live().filter(slug__in=[article.slug for article in ARTICLES]).order_by("pk"))
    long_discussion = next((article for article in articles if article.slug == LONG_DISCUSSION_SLUG), None)
    if long_discussion is None:
        return "Loaded no comments: the hand-written articles are not there."
    total = 0
    for article in articles:
        wanted = comments if article == long_discussion else min(COMMENTS_ON_OTHER_ARTICLES, comments)
        total += len(comment_import(article=article, incoming=_discussion(article, wanted, commenters, rng)))
    newest = articles[-1]
    waiting = [
        IncomingComment(
            key=f"pending-{number}",
            parent_key=None,
            author_name="",
            author=rng.choice(commenters),
            body=comment_body_write(rng),
            status=CommentStatus.PENDING,
            created_at=timezone.now() - timedelta(minutes=number * 7),
            render=True,
        )
        for number in range(1, PENDING_COMMENTS + 1)
    ]
    comment_import(article=newest, incoming=waiting)
    return (
        f"Loaded {total} comments ({comments} under “{long_discussion.title}”) and {PENDING_COMMENTS} "
        f"waiting for a moderator under “{newest.title}”."
    )


def _commenters(rng) -> list[User]:
    """Demo members to sign comments: the generated ones, topped up to a small crowd."""
    members = list(User.objects.filter(email__iendswith="@" + DEMO_DOMAIN).order_by("pk"))
    if len(members) < COMMENTERS_WANTED:
        members += members_bulk_create(
            count=COMMENTERS_WANTED - len(members),
            start=COMMENTER_NUMBERS_FROM,
            rng=rng,
            password_hash=demo_password_hash(),
        )
    return members


def _discussion(article, count, commenters, rng) -> list[IncomingComment]:
    started = article.first_published_at or timezone.now()
    written: list[tuple[str, int]] = []  # (key, depth) of the comments so far
    incoming = []
    for number in range(count):
        parent_key, depth = None, 1
        if written and rng.random() < REPLY_SHARE:
            level = rng.choices(list(REPLY_DEPTH_WEIGHTS), weights=list(REPLY_DEPTH_WEIGHTS.values()))[0]
            candidates = [entry for entry in written if entry[1] == level] or [written[-1]]
            parent_key, parent_depth = rng.choice(candidates)
            depth = min(parent_depth + 1, MAX_DEPTH)
        key = f"{article.pk}-{number}"
        incoming.append(
            IncomingComment(
                key=key,
                parent_key=parent_key,
                author_name="",
                author=rng.choice(commenters),
                body=comment_body_write(rng),
                status=CommentStatus.PUBLISHED,
                created_at=started + timedelta(minutes=37 * (number + 1)),
                render=True,
            )
        )
        written.append((key, depth))
    return incoming


def comment_body_write(rng) -> str:
    """Two or three paragraphs between 317 and 1,494 characters, sometimes with a quotation or emphasis."""
    target = rng.randint(*BODY_LENGTH)
    sentences = [rng.choice(OPENINGS)]
    while sum(len(sentence) + 1 for sentence in sentences) < target - 60:
        sentences.append(rng.choice(MIDDLES))
    sentences.append(rng.choice(CLOSINGS))
    if rng.random() < 0.2:
        sentences[1] = f"*{sentences[1]}*"
    middle = max(2, len(sentences) // 2)
    paragraphs = [" ".join(sentences[:middle]), " ".join(sentences[middle:])]
    if rng.random() < 0.15:
        paragraphs.insert(1, "> " + rng.choice(MIDDLES))
    return "\n\n".join(paragraphs)[: BODY_LENGTH[1]]
