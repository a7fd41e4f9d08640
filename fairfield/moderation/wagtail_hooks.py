from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from fairfield.accounts.access import may
from fairfield.moderation import admin_views, services
from fairfield.moderation.models import ListedWord


class ListedWordViewSet(SnippetViewSet):
    model = ListedWord
    icon = "warning"
    menu_label = _("Word lists")
    add_to_admin_menu = False
    list_display = ["phrase", "action", "note"]
    list_filter = ["action"]
    search_fields = ["phrase"]
    url_prefix = "moderation/words"


register_snippet(ListedWordViewSet)


class QueueMenuItem(MenuItem):
    def is_shown(self, request):
        return may(request.user, "moderation.queue.use")


@hooks.register("register_admin_menu_item")
def moderation_menu():
    items = [
        QueueMenuItem(_("Queue"), reverse("moderation_queue"), name="moderation-queue", icon_name="tasks", order=1),
        QueueMenuItem(
            _("Word lists"),
            reverse("wagtailsnippets_moderation_listedword:list"),
            name="moderation-words",
            icon_name="warning",
            order=2,
        ),
        QueueMenuItem(
            _("Articles on pre-moderation"),
            reverse("moderation_articles"),
            name="moderation-articles",
            icon_name="doc-full",
            order=3,
        ),
        QueueMenuItem(
            _("Audit log"), reverse("moderation_audit"), name="moderation-audit", icon_name="history", order=4
        ),
    ]
    return SubmenuMenuItem(
        _("Comment moderation"), Menu(items=items), name="comment-moderation", icon_name="comment", order=250
    )


@hooks.register("register_admin_urls")
def moderation_admin_urls():
    return [
        path("moderation/", admin_views.queue, name="moderation_queue"),
        path("moderation/audit/", admin_views.audit_log, name="moderation_audit"),
        path("moderation/articles/", admin_views.articles, name="moderation_articles"),
        path("moderation/comments/<int:pk>/", admin_views.comment_review, name="moderation_comment"),
        path(
            "moderation/comments/<int:pk>/<slug:action>/", admin_views.comment_decide, name="moderation_comment_decide"
        ),
        path("moderation/appeals/<int:pk>/", admin_views.appeal_decide, name="moderation_appeal_decide"),
        path(
            "moderation/articles/<int:pk>/premoderation/",
            admin_views.article_premoderation,
            name="moderation_article_premoderation",
        ),
        path("moderation/members/<int:pk>/", admin_views.member_review, name="moderation_member"),
        path("moderation/members/<int:pk>/<slug:action>/", admin_views.member_decide, name="moderation_member_decide"),
    ]


def _word_list_audited(action):
    def record(request, instances):
        for word in instances if isinstance(instances, list) else [instances]:
            if isinstance(word, ListedWord):
                services.audit_record(
                    action=action,
                    actor=request.user,
                    summary=f"{word.get_action_display()}: “{word.phrase}”",
                    reason=word.note,
                )

    return record


hooks.register("after_create_snippet", _word_list_audited("moderation.words.added"))
hooks.register("after_edit_snippet", _word_list_audited("moderation.words.changed"))
hooks.register("after_delete_snippet", _word_list_audited("moderation.words.removed"))
