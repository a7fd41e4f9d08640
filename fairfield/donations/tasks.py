"""Background work: receipts, notices and Stripe events are handled by the worker, never in the request."""

from django.tasks import task

from fairfield.donations import documents, services, webhooks
from fairfield.donations.models import Donation


@task
def receipt_send_task(receipt_id: int) -> bool:
    return services.receipt_send(receipt_id=receipt_id)


@task
def webhook_event_process_task(event_pk: int) -> str:
    return webhooks.event_process(event_pk=event_pk)


@task
def offline_instructions_send_task(donation_id: int) -> None:
    donation = Donation.objects.get(pk=donation_id)
    documents.offline_instructions_message(donation).send()


@task
def dedication_notify_task(donation_id: int) -> None:
    donation = Donation.objects.get(pk=donation_id)
    documents.dedication_message(donation).send()


@task
def statements_send_task(year: int) -> int:
    return services.statements_send(year=year)
