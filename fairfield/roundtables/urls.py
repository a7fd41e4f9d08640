from django.urls import path

from fairfield.roundtables import feeds, views

app_name = "roundtables"

urlpatterns = [
    path("", views.table_list, name="list"),
    path("feed/", feeds.RoundTablesFeed(), name="feed"),
    path("invitation/<str:token>/", views.invitation, name="invitation"),
    path("<slug:slug>/", views.table_detail, name="table"),
    path("<slug:slug>/round/<int:number>/", views.round_detail, name="round"),
    path("<slug:slug>/transcript/", views.transcript_print, name="transcript"),
    path("<slug:slug>/turn/", views.speak, name="speak"),
    path("<slug:slug>/turn/<int:turn_id>/revise/", views.revise, name="revise"),
    path("<slug:slug>/statements/", views.propose, name="propose"),
    path("<slug:slug>/statements/<int:statement_id>/mark/", views.mark, name="mark"),
    path("<slug:slug>/questions/", views.ask, name="ask"),
    path("<slug:slug>/facilitate/", views.facilitate, name="facilitate"),
]
