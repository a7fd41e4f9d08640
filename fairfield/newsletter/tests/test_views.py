import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from fairfield.newsletter import emails, selectors, services
from fairfield.newsletter.models import Delivery, Subscriber
from fairfield.newsletter.tests.conftest import link_in, path_of
from fairfield.newsletter.tests.test_services import expired_token

pytestmark = pytest.mark.django_db

SUBSCRIBE = "/newsletter/"


def parse(response):
    return BeautifulSoup(response.content, "html.parser")


def test_the_subscribe_form_lists_the_live_sections(client, stories, news):
    response = client.get(SUBSCRIBE)
    page = parse(response)
    assert response.status_code == 200
    labels = [label.get_text(strip=True) for label in page.select("fieldset label")]
    assert labels == ["Personal stories", "News"]
    assert page.select_one("input[type=email]")["autocomplete"] == "email"


def test_subscribing_answers_check_your_inbox_whether_or_not_the_address_is_known(client, subscriber_make, outbox):
    subscriber_make("known@example.org")
    new = client.post(SUBSCRIBE, {"email": "new@example.org", "wants_digest": "on"}, follow=True)
    known = client.post(SUBSCRIBE, {"email": "known@example.org", "wants_digest": "on"}, follow=True)

    assert new.redirect_chain == known.redirect_chain == [("/newsletter/check-your-inbox/", 302)]
    assert parse(new).h1.get_text() == parse(known).h1.get_text() == "Check your inbox"
    assert len(outbox) == 2


def test_a_reader_confirms_from_the_mail_with_a_button_not_by_merely_opening_the_link(client, outbox):
    client.post(SUBSCRIBE, {"email": "reader@example.org", "wants_digest": "on"})
    path = path_of(link_in(outbox[0], "/newsletter/confirm/"))

    shown = client.get(path)
    assert shown.status_code == 200
    assert Subscriber.objects.get().confirmed_at is None

    confirmed = client.post(path)
    assert confirmed.status_code == 200
    assert "You are subscribed" in confirmed.text
    assert Subscriber.objects.get().confirmed_at is not None
    assert "no-store" in confirmed["Cache-Control"]


def test_a_forged_confirmation_link_gets_a_friendly_not_found_page(client):
    response = client.get("/newsletter/confirm/made-up:token/")
    assert response.status_code == 404
    assert "This link does not work" in response.text


def test_an_expired_confirmation_link_says_so_and_offers_to_subscribe_again(client, outbox):
    subscriber = services.subscriber_subscribe(email="late@example.org", wants_digest=True, sections=[])
    token = expired_token(subscriber)
    for response in (client.get(f"/newsletter/confirm/{token}/"), client.post(f"/newsletter/confirm/{token}/")):
        assert response.status_code == 400
        assert "This link has expired" in response.text
    assert Subscriber.objects.get().confirmed_at is None


@pytest.mark.parametrize("path", ["/newsletter/manage/{}/", "/newsletter/unsubscribe/{}/"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_wrong_token_gets_a_friendly_not_found_page(client, subscriber_make, path, method):
    subscriber = subscriber_make()
    response = getattr(client, method)(path.format("not-" + subscriber.token[4:]))
    assert response.status_code == 404
    assert "This link does not work" in response.text
    assert Subscriber.objects.get().unsubscribed_at is None


def test_the_manage_page_shows_and_saves_choices(client, subscriber_make, stories, news):
    subscriber = subscriber_make(wants_digest=True, sections=[stories])
    url = f"/newsletter/manage/{subscriber.token}/"

    page = parse(client.get(url))
    assert page.select_one("#id_wants_digest").has_attr("checked")
    checked = [box["value"] for box in page.select("input[name=sections][checked]")]
    assert checked == [str(stories.pk)]

    response = client.post(url, {"sections": [news.pk]}, follow=True)
    assert "Your newsletter choices are saved." in response.text
    subscriber.refresh_from_db()
    assert subscriber.wants_digest is False
    assert list(subscriber.sections.all()) == [news]


def test_the_manage_page_refuses_an_empty_choice_and_keeps_the_old_one(client, subscriber_make, stories):
    subscriber = subscriber_make(sections=[stories])
    response = client.post(f"/newsletter/manage/{subscriber.token}/", {})
    assert response.status_code == 200
    assert "at least one section" in response.text
    assert list(Subscriber.objects.get().sections.all()) == [stories]


def test_unsubscribe_asks_first_on_get(client, subscriber_make):
    subscriber = subscriber_make()
    response = client.get(f"/newsletter/unsubscribe/{subscriber.token}/")
    assert response.status_code == 200
    assert parse(response).select_one("form[method=post] button")
    assert Subscriber.objects.get().unsubscribed_at is None


def test_one_click_unsubscribe_works_without_a_csrf_token_and_is_idempotent(subscriber_make):
    subscriber = subscriber_make()
    strict = Client(enforce_csrf_checks=True)
    url = f"/newsletter/unsubscribe/{subscriber.token}/"
    body = "List-Unsubscribe=One-Click"

    first = strict.post(url, body, content_type="application/x-www-form-urlencoded")
    stamped = Subscriber.objects.get().unsubscribed_at
    second = strict.post(url, body, content_type="application/x-www-form-urlencoded")

    assert first.status_code == second.status_code == 200
    assert stamped is not None
    assert Subscriber.objects.get().unsubscribed_at == stamped


def test_the_other_newsletter_forms_still_require_a_csrf_token(subscriber_make):
    subscriber = subscriber_make()
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(SUBSCRIBE, {"email": "x@example.org", "wants_digest": "on"}).status_code == 403
    assert strict.post(f"/newsletter/manage/{subscriber.token}/", {"wants_digest": "on"}).status_code == 403
    token = emails.confirmation_token(subscriber)
    assert strict.post(f"/newsletter/confirm/{token}/").status_code == 403


def test_the_unsubscribe_link_in_a_mail_leads_to_the_one_click_address(client, subscriber_make, outbox):
    subscriber_make("known@example.org")
    client.post(SUBSCRIBE, {"email": "known@example.org", "wants_digest": "on"})
    header = outbox[0].extra_headers["List-Unsubscribe"].strip("<>")
    assert client.post(path_of(header)).status_code == 200
    assert not Subscriber.objects.get().is_active


def _queries_for(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_the_subscribe_and_manage_pages_use_as_many_queries_for_nine_sections_as_for_three(
    client, subscriber_make, django_assert_max_num_queries
):
    from fairfield.publishing.tests.factories import section_create

    counts = {}
    for total in (3, 9):
        for n in range(len(counts) * 3, total):
            section_create(title=f"Section {n}", slug=f"section-{n}")
        subscriber = subscriber_make(f"reader{total}@example.org", sections=selectors.sections_offered())
        with django_assert_max_num_queries(6):
            subscribe_count = _queries_for(client, SUBSCRIBE)
        with django_assert_max_num_queries(6):
            manage_count = _queries_for(client, f"/newsletter/manage/{subscriber.token}/")
        counts[total] = (subscribe_count, manage_count)
    assert counts[3] == counts[9], counts


def test_no_delivery_is_made_for_a_page_view(client, subscriber_make):
    subscriber = subscriber_make()
    client.get(f"/newsletter/manage/{subscriber.token}/")
    client.get(f"/newsletter/unsubscribe/{subscriber.token}/")
    assert not Delivery.objects.exists()
