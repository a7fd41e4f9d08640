"""Background work for the review: overdue claims go back to the queue, and reviewers are reminded first."""

from django.tasks import task

from fairfield.review import services


@task
def claims_housekeeping_task() -> dict:
    return {"expired": services.claims_expire(), "reminded": services.claim_reminders_send()}


@task
def reviews_complete_notify_task(article_id: int) -> int:
    return services.reviews_complete_notify(article_id=article_id)
