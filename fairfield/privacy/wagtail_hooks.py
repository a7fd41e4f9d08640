"""Staff who delete a member in Wagtail's admin go through the same erasure as the member would."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail import hooks

from fairfield.privacy.services import account_erase


@hooks.register("before_delete_user")
def erase_instead_of_deleting(request, user):
    """Wagtail's own delete would leave the member's name in logs, revisions and mail, and would write a new log
    entry naming them. On confirmation, erase the account instead; their public words stay under "a former
    member", since staff cannot ask the member which they prefer (the member's own form offers both)."""
    if request.method != "POST":
        return None
    account_erase(member=user, keep_words=True)
    messages.success(request, _("The member’s account is deleted, and their name with it."))
    return redirect("wagtailusers_users:index")
