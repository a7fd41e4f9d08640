"""Fill an empty site with the demo: sections, articles, accounts."""

import random
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from itertools import batched, chain
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Site
from wagtail.search.backends import get_search_backend

from fairfield.accounts.models import User
from fairfield.accounts.roles import Role
from fairfield.base.demo.accounts import (
    DEMO_DOMAIN,
    ROLE_ACCOUNTS,
    demo_accounts_create,
    demo_email,
    demo_password_hash,
    members_bulk_create,
)
from fairfield.base.demo.fragments import article_generate
from fairfield.base.demo.pages import pages_bulk_add
from fairfield.base.demo.writing import ARTICLES, AUTHORS, SECTIONS
from fairfield.base.models import HomePage
from fairfield.publishing.models import (
    ArticleContributor,
    ArticlePage,
    Byline,
    Contributor,
    SectionPage,
    reading_minutes,
)

CHUNK_SIZE = 1000
ANONYMOUS_WRITER = "fenwick"
# Generated articles are older than the hand-written ones, so the home page opens with readable writing.
GENERATED_AGE_DAYS = (60, 4 * 365)


@dataclass(frozen=True)
class DemoLoaded:
    sections: int
    articles: int
    generated_articles: int
    accounts: int
    generated_members: int


def site_is_empty() -> bool:
    """No sections, articles or demo accounts yet: the only state load_demo writes into."""
    return not (
        SectionPage.objects.exists()
        or ArticlePage.objects.exists()
        or User.objects.filter(email__iendswith="@" + DEMO_DOMAIN).exists()
    )


def demo_load(
    *,
    articles: int = len(ARTICLES),
    members: int = 0,
    seed: int | None = None,
    progress: Callable[[int], None] = lambda done: None,
) -> DemoLoaded:
    """Load the demo into an empty site; articles is the total, hand-written first, the rest generated."""
    rng = random.Random(seed)  # noqa: S311 - sample content, not secrets
    home = HomePage.objects.get()
    now = timezone.now()
    password_hash = demo_password_hash()
    backend = get_search_backend()
    with transaction.atomic():
        _site_point_at(settings.SITE_URL)
        people = demo_accounts_create(password_hash=password_hash)
        editor = people["editor"]
        sections = pages_bulk_add(
            parent=home,
            pages=[
                SectionPage(
                    title=section.title,
                    slug=section.slug,
                    description=section.description,
                    owner=editor,
                    translation_key=_uuid(rng),
                    first_published_at=now - timedelta(days=GENERATED_AGE_DAYS[1] + 1),
                    last_published_at=now - timedelta(days=GENERATED_AGE_DAYS[1] + 1),
                )
                for section in SECTIONS
            ],
        )
        backend.add_bulk(SectionPage, sections)
        section_by_slug = {section.slug: section for section in sections}

        contributors = _contributors_create(people)
        written = [_written_article(article, people, rng, now) for article in ARTICLES[:articles]]
        generated_count = max(0, articles - len(ARTICLES))
        authors = [people[author.local_part] for author in AUTHORS]
        pending = chain(
            ((section_by_slug[article.section], page) for article, page in written),
            (
                (rng.choice(sections), _generated_article(number, authors, rng, now))
                for number in range(1, generated_count + 1)
            ),
        )
        for chunk in batched(pending, CHUNK_SIZE):
            by_section = defaultdict(list)
            for section, page in chunk:
                by_section[section].append(page)
            for section, pages in by_section.items():
                pages_bulk_add(parent=section, pages=pages)
            ArticleContributor.objects.bulk_create(
                ArticleContributor(
                    article_id=page.pk,
                    contributor=contributors[page.owner_id],
                    byline=Byline.NAME if page._demo_named else Byline.ANONYMOUS,
                    sort_order=0,
                )
                for _section, page in chunk
            )
            backend.add_bulk(ArticlePage, [page for _section, page in chunk])
            progress(len(chunk))

        for start in range(1, members + 1, CHUNK_SIZE):
            count = min(CHUNK_SIZE, members + 1 - start)
            members_bulk_create(count=count, start=start, rng=rng, password_hash=password_hash)
            progress(count)

    return DemoLoaded(
        sections=len(sections),
        articles=len(written) + generated_count,
        generated_articles=generated_count,
        accounts=len(people),
        generated_members=members,
    )


def _site_point_at(url: str) -> None:
    """Make Wagtail's default site answer at the demo's address, so feeds and sitemaps link back to it."""
    parts = urlsplit(url)
    if parts.hostname:
        default_port = 443 if parts.scheme == "https" else 80
        Site.objects.filter(is_default_site=True).update(hostname=parts.hostname, port=parts.port or default_port)


def demo_logins() -> list[tuple[Role, User | None]]:
    """Each role with its demo account, or None where that account does not exist."""
    emails = [demo_email(account.person.local_part) for account in ROLE_ACCOUNTS]
    users = {user.email: user for user in User.objects.filter(email__in=emails)}
    return [(account.role, users.get(email)) for account, email in zip(ROLE_ACCOUNTS, emails, strict=True)]


def _contributors_create(people) -> dict[int, Contributor]:
    """A contributor for every demo author, linked to their account; keyed by account id."""
    contributors = []
    role_contributor = next(account.person for account in ROLE_ACCOUNTS if account.role == Role.CONTRIBUTOR)
    for person in (*AUTHORS, role_contributor):
        account = people[person.local_part]
        flags = {f"is_{relationship}": True for relationship in person.relationships}
        contributors.append(
            Contributor(
                display_name=person.pseudonym,
                slug=slugify(person.pseudonym),
                bio=person.about,
                account=account,
                **flags,
            )
        )
    Contributor.objects.bulk_create(contributors)
    return {contributor.account_id: contributor for contributor in contributors}


def _written_article(article, people, rng, now):
    published = now - timedelta(days=article.days_ago, minutes=rng.randint(0, 12 * 60))
    # The one article without an author is credited to "Anonymous"; its writer's account stays private.
    author = people[article.author or ANONYMOUS_WRITER]
    page = _article(
        title=article.title,
        slug=article.slug,
        standfirst=article.standfirst,
        body=_stream(article.blocks, rng),
        owner=author,
        translation_key=_uuid(rng),
        first_published_at=published,
        last_published_at=published,
    )
    page._demo_named = article.author is not None
    return article, page


def _article(**fields) -> ArticlePage:
    page = ArticlePage(**fields)
    page.reading_minutes = reading_minutes(page.body)
    return page


def _generated_article(number, authors, rng, now):
    generated = article_generate(rng)
    author = rng.choice(authors)
    published = now - timedelta(days=rng.uniform(*GENERATED_AGE_DAYS))
    page = _article(
        title=generated.title,
        slug=f"{slugify(generated.title)[:200]}-{number}",
        standfirst=generated.standfirst,
        body=_stream(generated.blocks, rng),
        owner=author,
        translation_key=_uuid(rng),
        first_published_at=published,
        last_published_at=published,
    )
    page._demo_named = True
    return page


def _stream(blocks, rng):
    return [{"type": kind, "value": value, "id": str(_uuid(rng))} for kind, value in blocks]


def _uuid(rng) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)
