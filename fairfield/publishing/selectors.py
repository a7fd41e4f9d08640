from fairfield.publishing.models import ArticlePage


def articles_published():
    return ArticlePage.objects.live().public().select_related("author").order_by("-first_published_at", "-pk")


def articles_latest(*, limit: int):
    return articles_published()[:limit]


def articles_in_section(section):
    return articles_published().child_of(section)
