from django.urls import path

from fairfield.search import views

app_name = "search"
urlpatterns = [path("", views.index, name="index")]
