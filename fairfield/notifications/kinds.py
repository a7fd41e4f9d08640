"""The kinds of mail the site sends, registered by the apps that send them.

An app registers its kinds once, at import of its own `notification_kinds` declarations:

    TURN_OPEN = kinds.register("roundtables.turn_open", _("Round tables: your turn is open"))
    INVITATION = kinds.register("roundtables.invitation", _("Round-table invitations"), transactional=True)

Optional kinds appear on the member's e-mail settings page and carry a one-click unsubscribe link.
Transactional kinds (receipts, account mail, invitations someone asked for) have no opt-out, but go
through the same record, queue and retries.
"""

from dataclasses import dataclass

from fairfield.notifications.models import NotificationKind


@dataclass(frozen=True)
class Kind:
    value: str
    label: str
    transactional: bool = False

    def __str__(self):
        return self.value


_KINDS: dict[str, Kind] = {}


def register(value: str, label, *, transactional: bool = False) -> Kind:
    if value in _KINDS:
        raise ValueError(f"The notification kind {value!r} is already registered.")
    if len(value) > 40:
        raise ValueError(f"A notification kind is at most 40 characters: {value!r}.")
    kind = Kind(value=value, label=label, transactional=transactional)
    _KINDS[value] = kind
    return kind


def get(value) -> Kind:
    try:
        return _KINDS[str(value)]
    except KeyError:
        raise LookupError(f"Unknown notification kind {value!r}.") from None


def optional_kinds() -> list[Kind]:
    """The kinds a member can switch off, in the order they were registered."""
    return [kind for kind in _KINDS.values() if not kind.transactional]


for _kind in NotificationKind:
    register(_kind.value, _kind.label)
