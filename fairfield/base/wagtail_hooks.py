"""Wagtail's admin, made to pass the same accessibility checks as the public site."""

from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail import hooks


@hooks.register("insert_global_admin_css")
def admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("fairfield/css/admin.css"))


@hooks.register("insert_global_admin_js")
def admin_js():
    return format_html(
        '<script src="{}" data-fallback-label="{}"></script>', static("fairfield/js/admin.js"), _("Text")
    )
