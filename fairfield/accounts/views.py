from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from fairfield.accounts import selectors, services
from fairfield.accounts.access import may, require
from fairfield.accounts.forms import ProfileForm


def profile(request, pseudonym):
    member = selectors.member_by_pseudonym(pseudonym)
    if member is None or not may(request.user, "accounts.profile.view", member):
        raise Http404
    if pseudonym != member.pseudonym:
        # "/members/wren/" finds Wren; send the reader to the one address the page has.
        return redirect("accounts:profile", pseudonym=member.pseudonym)
    return render(
        request,
        "accounts/profile.html",
        {
            "member": member,
            "is_own_profile": request.user.is_authenticated and request.user.pk == member.pk,
            "show_self_description": may(request.user, "accounts.profile.view_self_description", member),
        },
    )


@login_required
def edit_profile(request):
    member = request.user
    require(request.user, "accounts.profile.edit", member)
    if request.method == "POST":
        form = ProfileForm(request.POST, member=member)
        if form.is_valid():
            try:
                services.profile_update(
                    member=member,
                    pseudonym=form.cleaned_data["pseudonym"],
                    relationships=form.cleaned_data["relationships"],
                    about=form.cleaned_data["about"],
                    visibility=form.cleaned_data["profile_visibility"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Your profile is saved."))
                return redirect("accounts:edit_profile")
    else:
        form = ProfileForm(member=member)
    return render(request, "accounts/edit_profile.html", {"form": form, "member": member})
