from django.urls import path

from fairfield.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_settings, name="settings"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("mail-events/", views.mail_events, name="mail_events"),
    path("resume/", views.mail_resume, name="resume"),
]
