from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from fairfield.accounts.access import may
from fairfield.donations.models import Campaign


class CampaignViewSet(SnippetViewSet):
    model = Campaign
    icon = "pick"
    menu_label = _("Campaigns")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["name", "goal", "starts_on", "ends_on"]


register_snippet(CampaignViewSet)


@hooks.register("register_log_actions")
def donations_log_actions(actions):
    for state in ("created", "pending", "succeeded", "failed", "refunded", "cancelled"):
        actions.register_action(f"donations.donation.{state}", _("Donation %s") % state, _("Donation %s") % state)
    for state in ("activated", "active", "paused", "cancelled", "amount_changed"):
        actions.register_action(
            f"donations.recurring.{state}", _("Recurring gift %s") % state, _("Recurring gift %s") % state
        )


@hooks.register("register_admin_urls")
def donations_admin_urls():
    from django.urls import path

    from fairfield.donations import admin_views

    return [
        path("donations/", admin_views.donation_list, name="donations_admin_list"),
        path("donations/new/", admin_views.donation_record, name="donations_admin_record"),
        path("donations/<int:pk>/", admin_views.donation_detail, name="donations_admin_detail"),
        path("donations/<int:pk>/confirm/", admin_views.donation_confirm, name="donations_admin_confirm"),
        path("donations/<int:pk>/refund/", admin_views.donation_refund, name="donations_admin_refund"),
        path("donations/<int:pk>/cancel/", admin_views.donation_cancel, name="donations_admin_cancel"),
    ]


class DonationsMenuItem(MenuItem):
    def is_shown(self, request):
        return may(request.user, "donations.manage")


@hooks.register("register_admin_menu_item")
def donations_menu_item():
    return DonationsMenuItem(_("Donations"), reverse("donations_admin_list"), icon_name="pick", order=240)
