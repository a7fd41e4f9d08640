import factory
from wagtail.models import Page
from wagtail.rich_text import RichText

from fairfield.publishing.models import ArticleContributor, ArticlePage, Byline, Contributor, SectionPage


class ContributorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contributor

    display_name = factory.Sequence(lambda n: f"Writer {n}")
    slug = factory.Sequence(lambda n: f"writer-{n}")
    bio = "Writes about what happened on the ward."


def section_create(*, title="Personal stories", slug="stories", description="In our words.") -> SectionPage:
    home = Page.objects.get(depth=2).specific
    return home.add_child(instance=SectionPage(title=title, slug=slug, description=description))


def article_publish(
    section: SectionPage,
    *,
    title: str | None = None,
    contributors: list[tuple[Contributor, str]] | None = None,
    publish: bool = True,
    **fields,
) -> ArticlePage:
    """An article under section, through Wagtail's revision and publishing path, by new contributors unless given."""
    number = ArticlePage.objects.count() + 1
    title = title or f"Article {number}"
    fields.setdefault("standfirst", "What I wish the ward staff had known.")
    fields.setdefault("body", [("heading", "The first night"), ("paragraph", RichText("<p>It was quiet.</p>"))])
    article = ArticlePage(title=title, slug=fields.pop("slug", f"article-{number}"), live=publish, **fields)
    credits = contributors or [(ContributorFactory(), Byline.NAME)]
    article.article_contributors = [
        ArticleContributor(contributor=contributor, byline=byline, sort_order=position)
        for position, (contributor, byline) in enumerate(credits)
    ]
    section.add_child(instance=article)
    revision = article.save_revision()
    if publish:
        revision.publish()
        article.refresh_from_db()
    return article
