from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from fairfield.accounts import selectors
from fairfield.accounts.access import may


def profile(request, pseudonym):
    member = selectors.member_by_pseudonym(pseudonym)
    if member is None or not may(request.user, "accounts.profile.view", member):
        raise Http404
    return render(
        request,
        "accounts/profile.html",
        {
            "member": member,
            "show_self_description": may(request.user, "accounts.profile.view_self_description", member),
        },
    )


@login_required
def edit_profile(request):
    return render(request, "accounts/edit_profile.html", {"member": request.user})
