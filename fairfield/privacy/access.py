"""Who may see and act on a member's data: only the member themself, never staff on their behalf."""

from fairfield.accounts.access import rule


@rule("privacy.export.request")
def _request_export(user, _obj) -> bool:
    return user.is_authenticated


@rule("privacy.export.download")
def _download_export(user, export) -> bool:
    return user.is_authenticated and export is not None and export.user_id == user.pk


@rule("privacy.account.erase")
def _erase_account(user, member) -> bool:
    return user.is_authenticated and member is not None and member.pk == user.pk
