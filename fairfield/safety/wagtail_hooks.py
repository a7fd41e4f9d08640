from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from fairfield.safety.models import CrisisLine


class CrisisLineViewSet(SnippetViewSet):
    model = CrisisLine
    icon = "help"
    menu_label = _("Crisis lines")
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["name", "country", "peer_run", "may_call_emergency", "checked_on"]
    list_filter = ["country", "peer_run", "may_call_emergency"]
    search_fields = ["name"]


register_snippet(CrisisLineViewSet)
