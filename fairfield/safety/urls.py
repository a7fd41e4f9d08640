from django.urls import path

from fairfield.safety import views

app_name = "safety"
urlpatterns = [path("crisis-resources/", views.crisis_resources, name="crisis_resources")]
