from django.urls import path

from fairfield.privacy import views

app_name = "privacy"
urlpatterns = [
    path("what-we-keep/", views.privacy_notice, name="notice"),
    path("export/", views.export_request, name="export"),
    path("export/<str:token>/", views.export_download, name="export_download"),
    path("delete-account/", views.erase_account, name="erase"),
    path("account-deleted/", views.account_erased, name="erased"),
]
