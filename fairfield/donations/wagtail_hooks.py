from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

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
