from django.conf import settings
from django.middleware.csp import ContentSecurityPolicyMiddleware as DjangoCspMiddleware


class ContentSecurityPolicyMiddleware(DjangoCspMiddleware):
    """Django's CSP, with the looser policy Wagtail's admin needs on its own paths only.

    The admin's templates use inline scripts and styles; the public site uses none.
    """

    def process_response(self, request, response):
        if request.path.startswith("/admin/"):
            response._csp_config = settings.ADMIN_CSP
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()"
        )
        return super().process_response(request, response)
