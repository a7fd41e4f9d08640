from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "fairfield.publishing"
    label = "publishing"
    verbose_name = "Publishing"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import PageViewRestriction
        from wagtail.signals import post_page_move

        from fairfield.publishing import access, page_cache, visibility  # noqa: F401 - access registers its rules
        from fairfield.publishing.models import ArticlePage

        post_save.connect(page_cache.article_changed, sender=ArticlePage, dispatch_uid="page_cache_article_saved")
        post_delete.connect(page_cache.article_changed, sender=ArticlePage, dispatch_uid="page_cache_article_deleted")
        for receiver in (visibility.restrictions_changed, page_cache.every_page_changed):
            for signal in (post_save, post_delete):
                signal.connect(receiver, sender=PageViewRestriction)
            post_page_move.connect(receiver)
