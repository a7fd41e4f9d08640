from django.urls import path

from fairfield.donations import views

app_name = "donations"

urlpatterns = [
    path("thanks/<uuid:public_id>/", views.thanks, name="thanks"),
    path("test-checkout/<uuid:public_id>/", views.test_checkout, name="test_checkout"),
    path("stripe/webhook/", views.stripe_webhook, name="stripe_webhook"),
    path("my-gifts/", views.dashboard, name="dashboard"),
    path("my-gifts/<uuid:public_id>/receipt.pdf", views.receipt_pdf, name="receipt_pdf"),
    path("my-gifts/statement/<int:year>.pdf", views.statement_pdf, name="statement_pdf"),
    path("my-gifts/recurring/<uuid:public_id>/", views.recurring_change, name="recurring_change"),
    path("my-gifts/recurring/<uuid:public_id>/card/", views.update_card, name="update_card"),
]
