"""The one audit log: every app records its actions here with `audit_record`."""

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _

from fairfield.audit.actions import AuditAction
from fairfield.audit.models import AuditEntry


def audit_record(
    *,
    action: AuditAction,
    actor=None,
    obj=None,
    summary: str = "",
    reason: str = "",
    data: dict | None = None,
) -> AuditEntry:
    """Record `action` by `actor` (None: the site itself) on `obj`; call it inside the action's transaction."""
    if not isinstance(action, AuditAction):
        raise TypeError(f"Audit actions are members of an AuditAction enum, not {action!r}.")
    return AuditEntry.objects.create(
        action=action.value,
        app=action.value.split(".", 1)[0],
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_name=_actor_name(actor),
        object_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        summary=(summary or (str(obj) if obj is not None else ""))[:300],
        reason=reason,
        data=data or {},
    )


def _actor_name(actor) -> str:
    if actor is None or not actor.is_authenticated:
        return _("the site")
    return getattr(actor, "pseudonym", "") or actor.get_username()


def audit_entries_for(obj):
    """The log of one object, newest first."""
    return AuditEntry.objects.filter(object_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))
