from django.urls import path

from fairfield.review import views

app_name = "review"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("reviewed/", views.reviewed, name="reviewed"),
    path("reading-list/", views.reading_list, name="reading_list"),
    path("reading-list/propose/", views.item_propose, name="item_propose"),
    path("reading-list/my-progress/", views.reading_progress, name="reading_progress"),
    path("reading-list/<int:pk>/endorse/", views.item_endorse, name="item_endorse"),
    path("reading-list/<int:pk>/hide/", views.item_hide, name="item_hide"),
    path("positionality/", views.positionality, name="positionality"),
    path("conflicts/", views.conflicts, name="conflicts"),
    path("conflicts/<int:pk>/withdraw/", views.conflict_withdraw, name="conflict_withdraw"),
    path("drafts/<int:pk>/", views.article, name="article"),
    path("drafts/<int:pk>/read/", views.article_preview, name="preview"),
    path("drafts/<int:pk>/claim/", views.claim, name="claim"),
    path("drafts/<int:pk>/release/", views.release, name="release"),
    path("drafts/<int:pk>/commentary/", views.commentary, name="commentary"),
    path("drafts/<int:pk>/publish-without-first-read/", views.override, name="override"),
    path("drafts/<int:pk>/send-to-editors/", views.send_to_editors, name="send_to_editors"),
    path("commentaries/<int:pk>/respond/", views.respond, name="respond"),
    path("commentaries/<int:pk>/hide/", views.commentary_hide, name="commentary_hide"),
]
