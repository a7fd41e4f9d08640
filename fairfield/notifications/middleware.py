from django.conf import settings
from django.contrib import messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from fairfield.notifications.services import mail_stopped_notice_take


class MailStoppedNoticeMiddleware:
    """Tell a member, once, on their next visit, that we stopped mailing their address and why."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Anonymous readers carry no session cookie: they are not looked up at all.
        if request.COOKIES.get(settings.SESSION_COOKIE_NAME) and request.user.is_authenticated:
            suppression = mail_stopped_notice_take(request.user)
            if suppression is not None:
                messages.warning(
                    request,
                    format_html(
                        _(
                            "We stopped e-mailing {address}: {reason}. "
                            '<a href="{url}">Check your address or start our mail again</a>.'
                        ),
                        address=suppression.email,
                        reason=suppression.get_reason_display().lower(),
                        url=reverse("notifications:settings"),
                    ),
                )
        return self.get_response(request)
