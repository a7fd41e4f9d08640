from django.contrib import messages
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from fairfield.accounts.access import may

SAFE_MESSAGING_GUIDANCE = _(
    "This article carries a suicide or self-harm note. Please check it against safe-messaging guidance: "
    "no description of methods or locations, no framing of suicide as a solution or as inevitable, "
    "and a pointer to the crisis-resources page near the top."
)


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def remind_of_safe_messaging(request, page):
    if getattr(page.specific_deferred, "needs_safe_messaging", False):
        messages.warning(request, SAFE_MESSAGING_GUIDANCE)


class CalendarMenuItem(MenuItem):
    def is_shown(self, request):
        return may(request.user, "publishing.calendar.view")


@hooks.register("register_admin_urls")
def calendar_admin_urls():
    from fairfield.publishing import admin_views

    return [path("calendar/", admin_views.editorial_calendar, name="publishing_admin_calendar")]


@hooks.register("register_admin_menu_item")
def calendar_menu_item():
    return CalendarMenuItem(
        gettext_lazy("Editorial calendar"), reverse("publishing_admin_calendar"), icon_name="date", order=150
    )
