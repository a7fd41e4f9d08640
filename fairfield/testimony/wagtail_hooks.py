from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from fairfield.accounts.access import may
from fairfield.testimony import access, admin_views


class TestimonyMenuItem(MenuItem):
    def is_shown(self, request):
        return access.may_moderate(request.user)


class ResearchersMenuItem(MenuItem):
    def is_shown(self, request):
        return may(request.user, "testimony.research.decide")


@hooks.register("register_admin_menu_item")
def researchers_menu():
    return ResearchersMenuItem(
        _("Researchers"),
        reverse("testimony_admin_researchers"),
        name="testimony-researchers",
        icon_name="group",
        order=261,
    )


@hooks.register("register_admin_menu_item")
def testimony_menu():
    return TestimonyMenuItem(
        _("Testimonies"),
        reverse("testimony_admin_waiting"),
        name="testimonies",
        icon_name="doc-full-inverse",
        order=260,
    )


@hooks.register("register_admin_urls")
def testimony_admin_urls():
    return [
        path("testimony/", admin_views.waiting, name="testimony_admin_waiting"),
        path("testimony/researchers/", admin_views.researchers, name="testimony_admin_researchers"),
        path("testimony/<uuid:public_id>/", admin_views.review, name="testimony_admin_review"),
    ]
