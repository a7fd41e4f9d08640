from django.urls import path

from fairfield.publishing import views

app_name = "publishing"
urlpatterns = [
    path("authors/", views.contributor_list, name="contributors"),
    path("authors/<str:slug>/", views.contributor_detail, name="contributor"),
    path("tags/<str:slug>/", views.tag_detail, name="tag"),
    path("topics/<str:slug>/", views.topic_detail, name="topic"),
    path("reading/", views.reading, name="reading"),
]
