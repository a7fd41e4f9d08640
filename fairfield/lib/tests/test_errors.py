from django import forms
from django.http import HttpResponse
from django.test import RequestFactory

from fairfield.lib.errors import Conflict, NotAllowed, Refusal, RefusalMiddleware, refusal_to_form


class NoteForm(forms.Form):
    body = forms.CharField(strip=False)


def test_a_refusal_carries_its_message_and_status():
    assert (Refusal("No.").message, Refusal("No.").status) == ("No.", 400)
    assert NotAllowed("No.").status == 403
    assert Conflict("Already done.", status=410).status == 410


def test_a_refusal_on_a_form_keeps_the_input_and_names_the_field():
    form = NoteForm(data={"body": "  what I wrote  "})
    assert form.is_valid()

    refusal_to_form(form, Refusal("Too long.", field="body"))

    assert form.errors == {"body": ["Too long."]}
    assert form["body"].value() == "  what I wrote  "


def test_a_refusal_no_view_caught_becomes_the_refusal_page(db):
    middleware = RefusalMiddleware(lambda request: HttpResponse())
    request = RequestFactory().get("/")

    response = middleware.process_exception(request, Conflict("This table is closed."))

    assert response.status_code == 409
    assert "This table is closed." in response.content.decode()
    assert middleware.process_exception(request, ValueError("not ours")) is None
