"""Background work: every message is sent by the worker, never in a request or in publishing."""

from datetime import date

from django.tasks import task

from fairfield.newsletter import services


@task
def delivery_send_task(delivery_id: int) -> str:
    return services.delivery_send(delivery_id=delivery_id)


@task
def article_announce_task(article_id: int) -> int:
    from fairfield.publishing.models import ArticlePage

    article = ArticlePage.objects.filter(pk=article_id).first()
    if article is None:
        return 0
    return services.article_announce(article=article)


@task
def digest_send_task(period: str) -> int:
    return services.digest_send(period=date.fromisoformat(period))
