"""Who may preview and send newsletter issues: editors and admins, never contributors."""

from fairfield.accounts.access import rule
from fairfield.accounts.roles import Role, has_role


@rule("newsletter.issue.send")
def _send_issue(user, _issue) -> bool:
    if not user.is_authenticated:
        return False
    return has_role(user, Role.EDITOR) or has_role(user, Role.ADMIN)


@rule("newsletter.issue.preview")
def _preview_issue(user, issue) -> bool:
    return _send_issue(user, issue)
