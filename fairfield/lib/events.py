"""Domain events, sent once the transaction that caused them commits.

An app announces a change with `send_on_commit(signal, sender=..., **data)`; listeners (the page cache,
notifications, the search index) then never see a state that may still roll back, and a reader who asks
during the writing transaction cannot cache the old page after the cache was cleared. Where every event
lives and who listens is written down in docs/architecture.md.
"""

from functools import partial

from django.db import transaction
from django.dispatch import Signal


def send_on_commit(signal: Signal, *, sender, using: str | None = None, **data) -> None:
    transaction.on_commit(partial(signal.send, sender=sender, **data), using=using, robust=False)
