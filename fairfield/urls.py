from django.conf import settings
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import Sitemap as PagesSitemap
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from fairfield.base import views as base_views
from fairfield.testimony.feeds import TestimonySitemap

urlpatterns = [
    path("healthz", base_views.healthz, name="healthz"),
    path("language/", base_views.set_language, name="set_language"),
    # Wagtail's own log-in form would skip the second factor; everyone signs in through allauth.
    path("admin/login/", RedirectView.as_view(url="/accounts/login/?next=/admin/", query_string=False)),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("allauth.urls")),
    path("members/", include("fairfield.accounts.urls")),
    # Before Wagtail's pages: the crisis-resources page's words, with the crisis lines under them.
    path("", include("fairfield.safety.urls")),
    path("", include("fairfield.publishing.urls")),
    # One sitemap for the pages and the testimony archive; publishing's own route of the same address is the fallback.
    path("sitemap.xml", sitemap, {"sitemaps": {"wagtail": PagesSitemap, "testimony": TestimonySitemap()}}),
    path("", include("fairfield.publishing.syndication_urls")),
    path("search/", include("fairfield.search.urls")),
    path("newsletter/", include("fairfield.newsletter.urls")),
    path("comments/", include("fairfield.comments.urls")),
    path("moderation/", include("fairfield.moderation.urls")),
    path("notifications/", include("fairfield.notifications.urls")),
    path("review/", include("fairfield.review.urls")),
    path("roundtables/", include("fairfield.roundtables.urls")),
    path("support/", include("fairfield.donations.urls")),
    path("privacy/", include("fairfield.privacy.urls")),
    path("testimony/", include("fairfield.testimony.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]

handler400 = "fairfield.base.views.bad_request"
handler403 = "fairfield.base.views.permission_denied"
handler404 = "fairfield.base.views.page_not_found"
handler500 = "fairfield.base.views.server_error"
