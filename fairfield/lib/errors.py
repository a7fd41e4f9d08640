"""One refusal type for the whole project.

A service that will not do what it was asked raises a `Refusal` (or an app's subclass) with a message
for the person who asked and the HTTP status that fits. Views hand any refusal to `refusal_response`
(or let it escape: `RefusalMiddleware` answers it), so every refusal looks the same and the person's
input is never thrown away.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


class Refusal(Exception):
    """A request the service turns down: `message` is shown to the person, `status` is the HTTP answer."""

    status = 400

    def __init__(self, message: str, *, status: int | None = None, field: str | None = None):
        super().__init__(message)
        self.message = str(message)
        if status is not None:
            self.status = status
        self.field = field


class NotAllowed(Refusal):
    """The person may not do this; the message says so without naming what they cannot see."""

    status = 403


class Conflict(Refusal):
    """The thing changed under the person (already done, closed, out of turn)."""

    status = 409


def refusal_to_form(form, refusal: Refusal) -> None:
    """Show a refusal on the form it answers, beside the field it names, keeping everything typed."""
    field = refusal.field if refusal.field in getattr(form, "fields", {}) else None
    form.add_error(field, refusal.message)


def refusal_response(
    request: HttpRequest,
    refusal: Refusal,
    *,
    template: str = "refusal.html",
    context: dict | None = None,
    form=None,
) -> HttpResponse:
    """The page that answers a refusal: the given template re-rendered with the form and its input,
    or the plain refusal page, with the refusal's status."""
    if form is not None:
        refusal_to_form(form, refusal)
    page = {"refusal": refusal, "form": form, **(context or {})}
    return render(request, template, page, status=refusal.status)


class RefusalMiddleware:
    """A refusal no view caught becomes the refusal page, never a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, Refusal):
            return refusal_response(request, exception)
        return None
