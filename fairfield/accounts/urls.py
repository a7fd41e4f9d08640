from django.urls import path

from fairfield.accounts import views

app_name = "accounts"
urlpatterns = [
    path("me/", views.edit_profile, name="edit_profile"),
    path("<str:pseudonym>/", views.profile, name="profile"),
]
