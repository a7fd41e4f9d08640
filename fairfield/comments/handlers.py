from django.core.cache import cache
from django.db.models.signals import post_save
from django.dispatch import receiver

from fairfield.comments.models import CommentSettings
from fairfield.comments.services import CLOSE_AFTER_CACHE_KEY


@receiver(post_save, sender=CommentSettings, dispatch_uid="comments.settings_saved")
def forget_cached_settings(sender, instance, **kwargs):
    cache.delete(CLOSE_AFTER_CACHE_KEY.format(site_id=instance.site_id))
