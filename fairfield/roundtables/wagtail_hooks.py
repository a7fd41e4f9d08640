"""Setting up round tables in Wagtail's admin: a snippet with its seats inline; saving mails the invitations."""

from django.contrib import messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from fairfield.lib.errors import Refusal
from fairfield.roundtables import services
from fairfield.roundtables.models import MAX_SEATS, RoundTable, Seat, TableStatus


class RoundTableAdminForm(WagtailAdminModelForm):
    """Keeps the seat rule before anything is saved; seats of a started table stay as they are."""

    def clean(self):
        cleaned = super().clean()
        seats_formset = self.formsets.get("seats")
        if seats_formset is None or not seats_formset.is_valid():
            return cleaned
        kept = [
            form.cleaned_data
            for form in seats_formset.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        started = self.instance.pk and self.instance.status != TableStatus.SETTING_UP
        if started and seats_formset.has_changed():
            self.add_error(None, _("The seats of a table that has started cannot change."))
            return cleaned
        positions = [data.get("position") for data in kept]
        if len(positions) != len(set(positions)):
            self.add_error(None, _("Two seats have the same position; give each seat its own."))
        facilitator = cleaned.get("facilitator")
        for data in kept:
            if data.get("stakeholder") == "other" and not (data.get("custom_label") or "").strip():
                self.add_error(None, _("A seat of the kind “Other” needs a custom label."))
        try:
            services.seats_check(
                [
                    services.seat_group(
                        Seat(stakeholder=d.get("stakeholder", ""), custom_label=d.get("custom_label", ""))
                    )
                    for d in kept
                ]
            )
        except Refusal as refusal:
            self.add_error(None, refusal.message)
        if (
            facilitator is not None
            and facilitator.email
            and any((d.get("invited_email") or "").casefold() == facilitator.email.casefold() for d in kept)
        ):
            self.add_error(None, _("Facilitators do not speak in turns: do not invite the facilitator to a seat."))
        return cleaned


class RoundTableViewSet(SnippetViewSet):
    model = RoundTable
    icon = "group"
    menu_label = gettext_lazy("Round tables")
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["question", "status", "current_round", "starts_at"]
    list_filter = ["status"]
    edit_handler = ObjectList(
        [
            FieldPanel("question"),
            FieldPanel("slug"),
            FieldPanel("framing"),
            FieldPanel("facilitator"),
            MultiFieldPanel(
                [
                    FieldPanel("starts_at"),
                    FieldPanel("rounds_total"),
                    FieldPanel("turn_time"),
                    FieldPanel("turn_words"),
                ],
                heading=gettext_lazy("Rounds and turns"),
            ),
            InlinePanel(
                "seats",
                heading=gettext_lazy("Seats"),
                label=gettext_lazy("Seat"),
                min_num=2,
                max_num=MAX_SEATS,
                panels=[
                    FieldPanel("position"),
                    FieldPanel("stakeholder"),
                    FieldPanel("custom_label"),
                    FieldPanel("invited_email"),
                ],
            ),
        ],
        base_form_class=RoundTableAdminForm,
    )


register_snippet(RoundTableViewSet)


def _invite(request, instance):
    if not isinstance(instance, RoundTable):
        return
    sent = services.seats_invite(table=instance, actor=request.user)
    if sent:
        messages.success(request, _("%(count)s invitation(s) sent by e-mail.") % {"count": sent})
    taken = instance.seats.filter(accepted_at__isnull=False).count()
    messages.info(
        request,
        _("%(taken)s of %(total)s seats are taken.") % {"taken": taken, "total": instance.seats.count()},
    )


@hooks.register("after_create_snippet")
def invite_after_create(request, instance):
    _invite(request, instance)


@hooks.register("after_edit_snippet")
def invite_after_edit(request, instance):
    _invite(request, instance)


@hooks.register("register_snippet_listing_buttons")
def roundtable_buttons(snippet, user, next_url=None):
    if not isinstance(snippet, RoundTable):
        return
    if snippet.status != TableStatus.SETTING_UP:
        yield Button(_("View"), snippet.get_absolute_url(), icon_name="view", priority=30)
