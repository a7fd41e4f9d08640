"""A member's rights over their data: a copy of it (export) and its erasure with their account.

Both walk the data inventory (inventory.py), so a model added there is exported and erased without a change here.
"""

import logging
from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fairfield.audit.services import audit_record
from fairfield.lib.errors import Conflict, Refusal
from fairfield.privacy.archive import archive_build
from fairfield.privacy.inventory import INVENTORY
from fairfield.privacy.models import DataExport, ExportStatus, PrivacyAction

logger = logging.getLogger(__name__)

EXPORT_LINK_DAYS = 7
EXPORT_SALT = "fairfield.privacy.export"


class ExportLinkInvalid(Refusal):
    """A download link that was never ours, belongs to someone else, or whose file is gone."""

    status = 404


class ExportLinkExpired(Refusal):
    status = 410


# Export --------------------------------------------------------------------------------------------------


def export_request(*, member) -> DataExport:
    """Ask the worker for a copy of everything held about `member`; one at a time."""
    in_progress = Conflict(_("Your copy is already being prepared. We will e-mail you a link when it is ready."))
    if DataExport.objects.filter(user=member, status=ExportStatus.QUEUED).exists():
        raise in_progress
    try:
        with transaction.atomic():
            export = DataExport.objects.create(user=member)
            audit_record(action=PrivacyAction.EXPORT_REQUESTED, actor=member, obj=export)
    except IntegrityError as error:  # a second click raced the first
        raise in_progress from error
    transaction.on_commit(lambda: _enqueue_build(export.pk), robust=True)
    return export


def _enqueue_build(export_id: int) -> None:
    from fairfield.privacy.tasks import export_build_task

    try:
        export_build_task.enqueue(export_id)
    except Exception:  # the queue being down must not fail the request; `privacy_exports_housekeeping` retries
        logger.exception("Could not queue data export %s", export_id)


def export_build(*, export_id: int, now=None) -> DataExport | None:
    """Build the ZIP, keep it until the link expires, and mail the member the link. Runs in the worker."""
    from fairfield.notifications.services import notify
    from fairfield.privacy.notification_kinds import EXPORT_READY

    now = now or timezone.now()
    export = DataExport.objects.select_related("user").filter(pk=export_id, status=ExportStatus.QUEUED).first()
    if export is None:
        return None
    try:
        archive = archive_build(export.user, now=now)
    except Exception:
        # A bug in one inventory entry must not leave the member stuck behind a request that never ends.
        logger.exception("Could not build data export %s", export.pk)
        DataExport.objects.filter(pk=export.pk, status=ExportStatus.QUEUED).update(status=ExportStatus.FAILED)
        raise
    with transaction.atomic():
        updated = DataExport.objects.filter(pk=export.pk, status=ExportStatus.QUEUED).update(
            status=ExportStatus.READY,
            archive=archive,
            ready_at=now,
            expires_at=now + timedelta(days=EXPORT_LINK_DAYS),
        )
        if not updated:
            return None
        export.refresh_from_db()
        audit_record(action=PrivacyAction.EXPORT_READY, actor=None, obj=export, data={"bytes": len(archive)})
        notify(
            user=export.user,
            kind=EXPORT_READY,
            subject=_("Your data from Fairfield is ready"),
            text=_(
                "You asked for a copy of everything Fairfield holds about you. Download it within %(days)d days "
                "from the link below; you will need to log in. If you did not ask for it, change your password."
            )
            % {"days": EXPORT_LINK_DAYS},
            url=export_url(export),
        )
    return export


def export_token(export: DataExport) -> str:
    return signing.TimestampSigner(salt=EXPORT_SALT).sign(str(export.public_id))


def export_url(export: DataExport) -> str:
    return reverse("privacy:export_download", args=[export_token(export)])


def export_for_download(*, token: str, member, now=None) -> DataExport:
    """The export a link points to, if it is `member`'s, built and not expired."""
    now = now or timezone.now()
    expired = ExportLinkExpired(_("This download link has expired. You can ask for a new copy of your data."))
    signer = signing.TimestampSigner(salt=EXPORT_SALT)
    try:
        public_id = signer.unsign(token, max_age=timedelta(days=EXPORT_LINK_DAYS))
    except signing.SignatureExpired as error:
        raise expired from error
    except signing.BadSignature as error:
        raise ExportLinkInvalid(_("This download link is not valid.")) from error
    export = DataExport.objects.filter(public_id=public_id, user_id=member.pk).first()
    if export is None:
        # Someone else's link answers exactly like a made-up one.
        raise ExportLinkInvalid(_("This download link is not valid."))
    if export.status == ExportStatus.EXPIRED or (export.expires_at and export.expires_at <= now):
        raise expired
    if export.status != ExportStatus.READY:
        raise ExportLinkInvalid(_("This copy is not ready yet. We will e-mail you when it is."))
    return export


def exports_purge(*, now=None) -> int:
    """Delete the files of exports whose link expired, and re-queue any the worker never built."""
    now = now or timezone.now()
    expired = DataExport.objects.filter(status=ExportStatus.READY, expires_at__lte=now).update(
        status=ExportStatus.EXPIRED, archive=None
    )
    stuck = DataExport.objects.filter(status=ExportStatus.QUEUED, requested_at__lte=now - timedelta(hours=1))
    for export_id in stuck.values_list("pk", flat=True):
        _enqueue_build(export_id)
    return expired


# Erasure -------------------------------------------------------------------------------------------------


def account_erase(*, member, keep_words: bool) -> None:
    """Delete the member's account and everything that names them; their public words go or stay, as they chose.

    The caller has checked that the member re-entered their password (and second factor). Afterwards their
    pseudonym, e-mail addresses and everything the inventory lists as theirs are in no table.
    """
    from fairfield.publishing.page_cache import page_cache_clear_all

    _stop_recurring_gifts(member)
    with transaction.atomic():
        for entry in INVENTORY:
            if entry.erase is not None:
                entry.erase(member, keep_words)
        user_id = member.pk
        member.delete()
        audit_record(
            action=PrivacyAction.ACCOUNT_ERASED,
            actor=None,
            summary=_("A member deleted their account."),
            data={"public_words": "kept" if keep_words else "deleted"},
        )
        transaction.on_commit(lambda: _sessions_end(user_id), robust=True)
        # Cached pages may show their pseudonym beside a comment or a commentary.
        transaction.on_commit(page_cache_clear_all, robust=True)


def _stop_recurring_gifts(member) -> None:
    """A gift the card processor keeps collecting would outlive the account; stop it first (a network call,
    so outside the erasure's transaction)."""
    from fairfield.donations.models import RecurringGift, RecurringStatus
    from fairfield.donations.services import recurring_gift_cancel

    running = RecurringGift.objects.filter(user=member).exclude(status=RecurringStatus.CANCELLED)
    for gift in running:
        try:
            recurring_gift_cancel(gift=gift, user=member)
        except Exception as error:
            logger.exception("Could not stop recurring gift %s before an erasure", gift.pk)
            raise Refusal(
                _(
                    "We could not stop your recurring gift just now, so your account is not deleted yet. "
                    "Please try again in a few minutes."
                ),
                status=503,
            ) from error


def _sessions_end(user_id: int) -> None:
    """Every session of the deleted account, on every device: its data may hold an address from a log-in."""
    from django.contrib.sessions.models import Session

    if not settings.SESSION_ENGINE.endswith(("backends.db", "backends.cached_db")):
        return
    store = import_module(settings.SESSION_ENGINE).SessionStore
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user_id):
            store(session_key=session.session_key).delete()
