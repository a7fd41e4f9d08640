from django.urls import path

from fairfield.testimony import feeds, views

app_name = "testimony"
urlpatterns = [
    path("", views.archive, name="archive"),
    path("figures/", views.figures, name="figures"),
    path("feed/", feeds.TestimonyFeed(), name="feed"),
    path("tell/", views.tell_start, name="tell"),
    path("tell/<uuid:public_id>/code/", views.tell_code, name="code"),
    path("tell/<uuid:public_id>/step/<int:step>/", views.tell_step, name="step"),
    path("tell/<uuid:public_id>/break/", views.tell_break, name="break"),
    path("resume/", views.resume, name="resume"),
    path("private/<str:code>/", views.private_link, name="private"),
    path("mine/", views.mine, name="mine"),
    path("mine/<uuid:public_id>/", views.writer_page, name="writer"),
    path("mine/<uuid:public_id>/consent/", views.change_consent, name="consent"),
    path("mine/<uuid:public_id>/agree/", views.agree_redaction, name="agree"),
    path("mine/<uuid:public_id>/withdraw/", views.withdraw, name="withdraw"),
    path("research/", views.research, name="research"),
    path("research/export.csv", views.research_export, name="research_export"),
    path("<uuid:public_id>/", views.testimony_detail, name="detail"),
]
