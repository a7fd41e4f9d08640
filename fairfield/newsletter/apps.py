from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsletterConfig(AppConfig):
    name = "fairfield.newsletter"
    label = "newsletter"
    verbose_name = _("Newsletter")

    def ready(self):
        from wagtail.signals import page_published

        from fairfield.newsletter import access  # noqa: F401 - registers the access rules
        from fairfield.newsletter.handlers import announce_published_article
        from fairfield.publishing.models import ArticlePage

        page_published.connect(announce_published_article, sender=ArticlePage, dispatch_uid="newsletter_announce")
