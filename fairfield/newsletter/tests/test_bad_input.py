"""Whatever arrives in the subscribe form: a specific message, the typed address kept, nothing recorded or mailed."""

import pytest
from bs4 import BeautifulSoup

from fairfield.newsletter.models import Delivery, Subscriber

pytestmark = pytest.mark.django_db

SUBSCRIBE = "/newsletter/"
LONG = "a" * 10_000


def parse(response):
    return BeautifulSoup(response.content, "html.parser")


def assert_nothing_created(outbox):
    assert not Subscriber.objects.exists()
    assert not Delivery.objects.exists()
    assert outbox == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "", "wants_digest": "on"}, "Please enter your e-mail address."),
        ({"email": LONG + "@example.org", "wants_digest": "on"}, "at most 254 characters"),
        ({"email": "<script>alert(1)</script>", "wants_digest": "on"}, "in the form name@example.org"),
        ({"email": "reader\x00@example.org", "wants_digest": "on"}, "hidden “null” character"),
        ({"email": "not an address", "wants_digest": "on"}, "in the form name@example.org"),
        ({"email": "reader@example.org"}, "at least one section"),
        ({"email": "reader@example.org", "sections": "999999"}, "no longer available"),
        ({"email": "reader@example.org", "sections": "abc"}, "no longer available"),
    ],
)
def test_the_subscribe_form_refuses_bad_input_with_a_message_and_keeps_the_address(client, outbox, data, message):
    response = client.post(SUBSCRIBE, data)
    page = parse(response)
    assert response.status_code == 200
    assert message in page.select_one(".error-summary").get_text()
    kept = page.select_one("input[name=email]").get("value", "")
    if "\x00" not in data["email"]:
        assert kept == data["email"].strip()
    assert "<script>alert(1)</script>" not in response.text
    assert_nothing_created(outbox)


@pytest.mark.parametrize("field", ["email", "sections"])
def test_the_subscribe_form_answers_broken_utf8_with_a_message(client, outbox, stories, field):
    # A lone surrogate (U+D800) as a browser would send it: bytes no UTF-8 decoder accepts.
    fields = {"email": b"reader%40example.org", "sections": str(stories.pk).encode()}
    fields[field] += b"%ED%A0%80"
    body = b"&".join(name.encode() + b"=" + value for name, value in fields.items())
    response = client.post(SUBSCRIBE, data=body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    summary = parse(response).select_one(".error-summary").get_text()
    assert "could not be read" in summary or "no longer available" in summary
    assert_nothing_created(outbox)


def test_a_section_that_is_not_live_cannot_be_chosen(client, outbox, stories):
    stories.unpublish()
    response = client.post(SUBSCRIBE, {"email": "reader@example.org", "sections": str(stories.pk)})
    assert "no longer available" in response.text
    assert_nothing_created(outbox)


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_the_newsletter_pages_answer_only_get_and_post(client, method):
    assert getattr(client, method)(SUBSCRIBE).status_code == 405


def test_a_very_long_token_is_a_friendly_not_found(client):
    response = client.get("/newsletter/manage/" + LONG + "/")
    assert response.status_code == 404
    assert "This link does not work" in response.text
