from django.urls import path

from fairfield.comments import views

app_name = "comments"

urlpatterns = [
    path("article/<int:article_pk>/post/", views.post_comment, name="post"),
    path("article/<int:article_pk>/follow/", views.follow, name="follow"),
    path("article/<int:article_pk>/unfollow/", views.unfollow, name="unfollow"),
    path("<int:pk>/reply/", views.reply, name="reply"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/delete/", views.delete, name="delete"),
    path("<int:pk>/history/", views.history, name="history"),
    path("<int:pk>/mute/", views.mute_author, name="mute"),
    path("<int:pk>/helped/", views.mark_helped, name="helped"),
    path("<int:pk>/not-helped/", views.unmark_helped, name="unhelped"),
    path("muted/", views.muted, name="muted"),
    path("claim/", views.claim_start, name="claim"),
    path("claim/<str:token>/", views.claim_confirm, name="claim_confirm"),
    path("muted/<int:user_pk>/unmute/", views.unmute, name="unmute"),
]
