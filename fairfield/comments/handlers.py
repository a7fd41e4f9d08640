from django.core.cache import cache
from django.db.models.signals import post_save
from django.dispatch import receiver

from fairfield.comments.models import CommentSettings
from fairfield.comments.services import CLOSE_AFTER_CACHE_KEY
from fairfield.comments.signals import comment_changed
from fairfield.publishing.page_cache import page_cache_clear


@receiver(post_save, sender=CommentSettings, dispatch_uid="comments.settings_saved")
def forget_cached_settings(sender, instance, **kwargs):
    cache.delete(CLOSE_AFTER_CACHE_KEY.format(site_id=instance.site_id))


@receiver(comment_changed, dispatch_uid="comments.page_cache")
def discussion_changed(sender, comment, **kwargs):
    """Readers of the article's cached page see the discussion as it is now."""
    page_cache_clear(comment.article_id)
