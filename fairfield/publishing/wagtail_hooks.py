from django.contrib import messages
from django.utils.translation import gettext as _
from wagtail import hooks

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
