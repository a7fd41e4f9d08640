from django.urls import path

from fairfield.moderation import views

app_name = "moderation"

urlpatterns = [
    path("comments/<int:pk>/flag/", views.comment_flag, name="flag"),
    path("comments/<int:pk>/appeal/", views.comment_appeal, name="appeal"),
]
