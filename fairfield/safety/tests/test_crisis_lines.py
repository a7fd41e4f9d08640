"""Crisis lines: what each may do, in the order readers who fear forced treatment want, for their country."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from fairfield.safety.models import CrisisLine, MayCall, Tracing
from fairfield.safety.selectors import COUNTRY_COOKIE, lines_for

pytestmark = pytest.mark.django_db


def line(**fields):
    fields.setdefault("country", "GB")
    fields.setdefault("hours", "Every day")
    fields.setdefault("phone", "+44 1632 960 000")
    return CrisisLine.objects.create(**fields)


@pytest.fixture
def lines():
    return {
        "police": line(name="Rescue Line", may_call_emergency=MayCall.YES, traces_calls=Tracing.YES),
        "peer": line(name="Zed Peer Line", peer_run=True, may_call_emergency=MayCall.NO),
        "quiet": line(name="Quiet Line", may_call_emergency=MayCall.NO),
        "world": line(name="Anywhere Chat", country="WW", phone="", chat_url="https://chat.example.org/"),
        "us": line(name="US Line", country="US"),
    }


def test_peer_run_then_no_police_lines_come_first(lines):
    local, worldwide = lines_for("GB")
    assert [item.name for item in local] == ["Zed Peer Line", "Quiet Line", "Rescue Line"]
    assert [item.name for item in worldwide] == ["Anywhere Chat"]


def test_the_page_says_what_each_line_may_do(lines):
    page = Client().get("/crisis-resources/?country=GB").content.decode()
    assert "May send police or emergency services without the caller&#x27;s agreement" in page
    assert "May trace or record calls" in page
    assert "Never sends police or emergency services" in page
    assert page.index("Zed Peer Line") < page.index("Quiet Line") < page.index("Rescue Line")
    assert "US Line" not in page
    assert "Anywhere Chat" in page


def test_the_country_chosen_is_remembered_in_a_first_party_cookie(lines):
    client = Client()
    response = client.get("/crisis-resources/?country=us")
    assert response.cookies[COUNTRY_COOKIE].value == "US"
    assert response.cookies[COUNTRY_COOKIE]["samesite"] == "Lax"
    assert "US Line" in client.get("/crisis-resources/").content.decode()


def test_without_a_choice_the_browser_language_region_decides(lines):
    page = Client().get("/crisis-resources/", headers={"accept-language": "en-GB,en;q=0.8"}).content.decode()
    assert "Zed Peer Line" in page and "US Line" not in page


@pytest.mark.parametrize("value", ["", "XX", "zz", "<script>", "G" * 500, "GB\u0000", "\u0130\u0130"])
def test_an_unknown_country_falls_back_to_worldwide_without_an_error(lines, value):
    response = Client().get("/crisis-resources/", {"country": value})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Anywhere Chat" in page and "Zed Peer Line" not in page
    assert COUNTRY_COOKIE not in response.cookies


def test_a_country_without_lines_says_so_and_shows_the_worldwide_ones(lines):
    page = Client().get("/crisis-resources/?country=FR").content.decode()
    assert "We have no lines for France yet" in page
    assert "Anywhere Chat" in page


def test_the_page_is_never_cached_and_keeps_the_editors_words(lines):
    response = Client().get("/crisis-resources/")
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert "Peer-run warmlines are staffed by people" in response.content.decode()


def test_a_line_needs_a_way_to_reach_it_and_a_private_chat_link():
    with pytest.raises(ValidationError):
        CrisisLine(country="GB", name="Nowhere", hours="Never").full_clean()
    with pytest.raises(ValidationError) as caught:
        CrisisLine(country="GB", name="Plain", hours="Always", chat_url="http://chat.example.org/").full_clean()
    assert "https://" in str(caught.value)
    with pytest.raises(ValidationError):
        CrisisLine(country="GB", name="Bad", hours="Always", phone="call me maybe").full_clean()


def test_every_page_links_to_the_crisis_lines(client):
    page = client.get("/").content.decode()
    assert 'href="/crisis-resources/"' in page and "Need support now?" in page


def test_the_testimony_form_lists_the_first_lines(lines, client):
    page = client.get("/testimony/tell/", headers={"accept-language": "en-GB"}, follow=True).content.decode()
    assert "All crisis lines, and what each may do" in page


def test_the_moderators_crisis_message_lists_the_worldwide_lines(lines):
    from fairfield.moderation.services import crisis_message_default

    text = crisis_message_default()
    assert "Anywhere Chat: https://chat.example.org/" in text
    assert "Rescue Line" not in text


def test_editors_manage_lines_in_the_admin_and_members_cannot(client, editor, member):
    client.force_login(member)
    assert client.get("/admin/snippets/safety/crisisline/").status_code in (302, 403)
    client.force_login(editor)
    response = client.post(
        "/admin/snippets/safety/crisisline/add/",
        {
            "country": "IE",
            "name": "Harbour Light (example)",
            "hours": "Nights",
            "phone": "+353 1 555 0100",
            "may_call_emergency": "no",
            "traces_calls": "no",
            "peer_run": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert CrisisLine.objects.get(country="IE").peer_run


def test_the_page_takes_a_fixed_number_of_queries(lines, django_assert_max_num_queries):
    client = Client()
    client.get("/crisis-resources/?country=GB")
    with django_assert_max_num_queries(8):
        client.get("/crisis-resources/?country=GB")
