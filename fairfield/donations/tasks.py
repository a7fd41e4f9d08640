"""Background work: receipts, notices and Stripe events are handled by the worker, never in the request."""

from django.tasks import task

from fairfield.donations import services, webhooks


@task
def receipt_send_task(receipt_id: int) -> bool:
    return services.receipt_send(receipt_id=receipt_id)


@task
def webhook_event_process_task(event_pk: int) -> str:
    return webhooks.event_process(event_pk=event_pk)


@task
def statements_send_task(year: int) -> int:
    return services.statements_send(year=year)
