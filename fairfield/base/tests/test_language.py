"""Readers choose their language in the footer; the choice is kept in the language cookie."""

import pytest
from django.conf import settings


@pytest.mark.django_db
def test_the_footer_offers_every_language_in_a_form_that_needs_no_script(client):
    page = client.get("/search/").content.decode()

    assert 'action="/language/"' in page
    assert 'method="post"' in page
    assert '<option value="es" lang="es"' in page
    assert "csrfmiddlewaretoken" not in page.split('class="language-switch"')[1].split("</form>")[0]


@pytest.mark.django_db
def test_choosing_spanish_sets_the_cookie_and_returns_to_the_page(client):
    response = client.post("/language/", {"language": "es", "next": "/search/"})

    assert response.status_code == 302
    assert response["Location"] == "/search/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"
    assert '<html lang="es">' in client.get("/search/").content.decode()


@pytest.mark.django_db
def test_the_switch_refuses_a_language_the_site_does_not_offer_and_a_foreign_next(client):
    response = client.post("/language/", {"language": "xx", "next": "https://elsewhere.example/"})

    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    assert "elsewhere.example" not in response.get("Location", "")


@pytest.mark.django_db
def test_the_switch_only_accepts_post(client):
    assert client.get("/language/?language=es").status_code == 405
