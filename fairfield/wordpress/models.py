from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportedKind(models.TextChoices):
    AUTHOR = "author", _("Author")
    CATEGORY = "category", _("Category")
    TAG = "tag", _("Tag")
    POST = "post", _("Post")
    PAGE = "page", _("Page")
    COMMENT = "comment", _("Comment")
    ATTACHMENT = "attachment", _("Attachment")


class ImportedItem(models.Model):
    """What one WordPress object became here, so a re-import updates instead of duplicating.

    `wp_id` is the key the export itself uses to refer to the object: the login for authors,
    the slug (nicename) for categories and tags, the numeric ID for posts, pages, comments
    and attachments. Attachments have no object here, only their address.
    """

    site = models.CharField(_("WordPress site"), max_length=300, help_text=_("The export's base_site_url."))
    kind = models.CharField(_("kind"), max_length=20, choices=ImportedKind.choices)
    wp_id = models.CharField(_("WordPress key"), max_length=255)
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("content_type", "object_id")
    source_url = models.URLField(_("source address"), max_length=2000, blank=True)
    checksum = models.CharField(_("checksum of the source"), max_length=64)
    imported_at = models.DateTimeField(_("first imported at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated at"), auto_now=True)

    class Meta:
        verbose_name = _("imported WordPress item")
        verbose_name_plural = _("imported WordPress items")
        constraints = [
            models.UniqueConstraint(fields=["site", "kind", "wp_id"], name="wordpress_imported_once"),
            models.CheckConstraint(condition=models.Q(kind__in=ImportedKind.values), name="wordpress_kind_valid"),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"], name="wordpress_imported_target")]

    def __str__(self):
        return f"{self.kind} {self.wp_id} from {self.site}"
