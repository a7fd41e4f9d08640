"""Who may do what with a testimony, as rules for the one `may()`.

Reading is decided in `selectors.testimonies_visible_to`; these rules answer the same question for one object.
Anonymous writers hold their testimony through the session (they proved the resume code), which `holds`
checks; `may()` alone knows only accounts.
"""

from django.utils import timezone

from fairfield.accounts.access import may, rule
from fairfield.accounts.roles import Role, has_role

MODERATING_ROLES = (Role.MODERATOR, Role.EDITOR, Role.ADMIN)
SESSION_KEY = "testimony_held"


def is_moderator(user) -> bool:
    return user.is_authenticated and any(has_role(user, role) for role in MODERATING_ROLES)


def holds(request, testimony) -> bool:
    """The person at this browser wrote the testimony: it is theirs by account or by resume code."""
    from fairfield.testimony.models import Status

    if testimony.status == Status.WITHDRAWN:
        return False
    if request.user.is_authenticated and testimony.writer_id == request.user.pk:
        return True
    return str(testimony.public_id) in request.session.get(SESSION_KEY, [])


def hold(request, testimony) -> None:
    held = [key for key in request.session.get(SESSION_KEY, []) if key != str(testimony.public_id)]
    request.session[SESSION_KEY] = [*held[-9:], str(testimony.public_id)]


def is_publicly_readable(testimony) -> bool:
    from fairfield.testimony.models import PUBLIC_LEVELS, Status

    if testimony.status != Status.PUBLISHED:
        return False
    if testimony.consent not in PUBLIC_LEVELS:
        return False
    if testimony.closure_date and testimony.closure_date > timezone.localdate():
        return False
    return bool(testimony.public_text)


@rule("testimony.testimony.read")
def _read(user, testimony) -> bool:
    if is_publicly_readable(testimony):
        return True
    if user.is_authenticated and testimony.writer_id == user.pk and testimony.status != "withdrawn":
        return True
    return is_moderator(user) and testimony.status != "withdrawn"


@rule("testimony.testimony.moderate")
def _moderate(user, testimony) -> bool:
    if not is_moderator(user):
        return False
    # Nobody moderates their own testimony.
    return testimony is None or testimony.writer_id != user.pk


@rule("testimony.research.export")
def _export(user, _obj) -> bool:
    if not user.is_authenticated:
        return False
    today = timezone.localdate()
    return user.researcher_access.filter(state="approved", ends_on__gte=today).exists()


@rule("testimony.research.decide")
def _decide_research(user, _obj) -> bool:
    return user.is_authenticated and has_role(user, Role.ADMIN)


def may_moderate(user, testimony=None) -> bool:
    return may(user, "testimony.testimony.moderate", testimony)
