"""Background work: notifications are e-mailed by the worker, never inside a request."""

from django.tasks import task

from fairfield.notifications import services


@task
def notification_send_task(notification_id: int) -> bool:
    return services.notification_send(notification_id=notification_id)


@task
def digests_send_task() -> int:
    return services.digests_send()
