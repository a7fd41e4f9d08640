from django.conf import settings
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from fairfield.base import views as base_views

urlpatterns = [
    path("healthz", base_views.healthz, name="healthz"),
    # Wagtail's own log-in form would skip the second factor; everyone signs in through allauth.
    path("admin/login/", RedirectView.as_view(url="/accounts/login/?next=/admin/", query_string=False)),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("allauth.urls")),
    path("members/", include("fairfield.accounts.urls")),
    path("", include("fairfield.publishing.urls")),
    path("", include("fairfield.publishing.syndication_urls")),
    path("search/", include("fairfield.search.urls")),
    path("newsletter/", include("fairfield.newsletter.urls")),
    path("comments/", include("fairfield.comments.urls")),
    path("moderation/", include("fairfield.moderation.urls")),
    path("notifications/", include("fairfield.notifications.urls")),
    path("review/", include("fairfield.review.urls")),
    path("support/", include("fairfield.donations.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]

handler400 = "fairfield.base.views.bad_request"
handler403 = "fairfield.base.views.permission_denied"
handler404 = "fairfield.base.views.page_not_found"
handler500 = "fairfield.base.views.server_error"
