import pytest
from django.urls import reverse

from fairfield.accounts.models import ProfileVisibility, Relationship
from fairfield.accounts.tests.factories import UserFactory
from fairfield.accounts.tests.pages import (
    assert_every_control_is_labelled,
    error_summary,
    main_text,
    parse,
    typed_value,
)

pytestmark = pytest.mark.django_db

EDIT = reverse("accounts:edit_profile")


def _public(member):
    return reverse("accounts:profile", args=[member.pseudonym])


def _described(member, visibility):
    member.relationships = [Relationship.SURVIVOR, Relationship.PEER_WORKER]
    member.about = "Twenty years of listening."
    member.profile_visibility = visibility
    member.save(update_fields=["relationships", "about", "profile_visibility"])
    return member


# The edit page


def test_a_reader_is_sent_to_log_in_before_editing_a_profile(client):
    response = client.get(EDIT)
    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={EDIT}"


def test_the_edit_page_shows_the_members_own_profile(client, member):
    client.force_login(member)
    response = client.get(EDIT)
    page = parse(response)
    assert response.status_code == 200
    assert typed_value(page, "pseudonym") == "Wren"
    assert page.find(attrs={"name": "pseudonym"}).get("autocomplete") == "nickname"
    assert page.find("input", attrs={"name": "relationships", "value": "survivor"}).has_attr("checked")
    assert page.find("input", attrs={"name": "profile_visibility", "value": "private"}).has_attr("checked")
    assert_every_control_is_labelled(page)


def test_the_edit_page_leads_to_the_members_other_settings(client, member):
    client.force_login(member)
    links = {link["href"] for link in parse(client.get(EDIT)).select(".profile-links a")}

    assert {"/notifications/", "/comments/muted/", "/support/my-gifts/", "/members/Wren/"} <= links
    for href in links:
        assert client.get(href).status_code == 200


def test_the_edit_page_and_the_own_profile_take_few_queries(client, member, django_assert_max_num_queries):
    client.force_login(member)
    with django_assert_max_num_queries(4):  # session, member, roles (for the two-factor check), nothing more
        assert client.get(EDIT).status_code == 200
    with django_assert_max_num_queries(4):
        assert client.get(_public(member)).status_code == 200


def test_the_edit_page_never_asks_for_a_real_name(client, member):
    client.force_login(member)
    content = client.get(EDIT).content.decode()
    assert "first_name" not in content
    assert "last_name" not in content


def test_the_choices_are_grouped_under_a_legend(client, member):
    client.force_login(member)
    page = parse(client.get(EDIT))
    legends = [" ".join(legend.get_text(" ").split()) for legend in page.find("main").find_all("legend")]
    assert any(legend.startswith("My relationship to psychiatry") for legend in legends)
    assert any(legend.startswith("Who can see") for legend in legends)


def test_a_member_saves_their_self_description(client, member):
    client.force_login(member)
    response = client.post(
        EDIT,
        {
            "pseudonym": "Wren",
            "relationships": ["family", "ally"],
            "about": "My brother was sectioned twice.",
            "profile_visibility": "members",
        },
    )
    assert response.status_code == 302
    assert response.url == EDIT
    member.refresh_from_db()
    assert member.relationships == ["family", "ally"]
    assert member.about == "My brother was sectioned twice."
    assert member.profile_visibility == ProfileVisibility.MEMBERS
    assert "Your profile is saved." in main_text(client.get(EDIT))


def test_a_member_changes_their_pseudonym_and_their_address_follows(client, member):
    client.force_login(member)
    client.post(EDIT, {"pseudonym": "Jenny Wren", "relationships": [], "about": "", "profile_visibility": "private"})
    member.refresh_from_db()
    assert member.pseudonym == "Jenny Wren"
    assert client.get("/members/Jenny%20Wren/").status_code == 200
    assert client.get("/members/Wren/").status_code == 404


def test_a_refused_change_lists_the_problem_and_saves_nothing(client, member, other_member):
    client.force_login(member)
    response = client.post(
        EDIT, {"pseudonym": "alder", "relationships": ["ally"], "about": "Hello", "profile_visibility": "public"}
    )
    page = parse(response)
    assert response.status_code == 200
    assert error_summary(page)[0][0] == "#id_pseudonym"
    assert typed_value(page, "about") == "Hello"
    assert page.find("input", attrs={"name": "relationships", "value": "ally"}).has_attr("checked")
    assert page.find("input", attrs={"name": "relationships", "value": "survivor"}).get("checked") is None
    member.refresh_from_db()
    assert (member.pseudonym, member.about, member.profile_visibility) == ("Wren", "", "private")
    assert parse(response).find(class_="account-nav").find("a").get_text(strip=True) == "Wren"


def test_the_edit_page_never_shows_another_members_details(client, member, other_member):
    _described(member, ProfileVisibility.PRIVATE)
    client.force_login(other_member)
    content = client.get(EDIT).content.decode()
    assert member.email not in content
    assert "Twenty years of listening." not in content


# The public profile


def test_a_profile_shows_the_pseudonym_and_the_month_of_joining(client, member, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        response = client.get(_public(member))
    text = main_text(response)
    assert response.status_code == 200
    assert parse(response).find("h1").get_text(strip=True) == "Wren"
    assert f"Member since {member.date_joined:%B %Y}" in text


@pytest.mark.parametrize("viewer", ["reader", "other_member", "moderator", "admin_user"])
def test_a_private_self_description_is_hidden_from_everyone_else(client, member, viewer, request):
    _described(member, ProfileVisibility.PRIVATE)
    if viewer != "reader":
        client.force_login(request.getfixturevalue(viewer))
    text = main_text(client.get(_public(member)))
    assert "Twenty years of listening." not in text
    assert "Psychiatric survivor" not in text


def test_the_owner_sees_their_private_self_description_and_who_else_can(client, member):
    _described(member, ProfileVisibility.PRIVATE)
    client.force_login(member)
    text = main_text(client.get(_public(member)))
    assert "Twenty years of listening." in text
    assert "Psychiatric survivor, Peer worker" in text
    assert "Only you can see your self-description." in text


def test_a_members_only_self_description_is_shown_to_members_and_not_to_readers(client, member, other_member):
    _described(member, ProfileVisibility.MEMBERS)
    assert "Twenty years of listening." not in main_text(client.get(_public(member)))
    client.force_login(other_member)
    assert "Twenty years of listening." in main_text(client.get(_public(member)))


def test_a_public_self_description_is_shown_to_readers(client, member):
    _described(member, ProfileVisibility.PUBLIC)
    text = main_text(client.get(_public(member)))
    assert "Twenty years of listening." in text
    assert "Only you can see" not in text


@pytest.mark.parametrize("viewer", ["reader", "other_member", "moderator", "admin_user"])
def test_the_email_address_never_appears_on_someone_elses_profile(client, member, viewer, request):
    _described(member, ProfileVisibility.PUBLIC)
    if viewer != "reader":
        client.force_login(request.getfixturevalue(viewer))
    content = client.get(_public(member)).content.decode()
    assert "wren@example.org" not in content
    assert "wren@" not in content


def test_the_email_address_is_not_on_the_owners_public_profile_either(client, member):
    client.force_login(member)
    assert "wren@example.org" not in client.get(_public(member)).content.decode()


def test_html_in_a_self_description_is_shown_as_text(client, member):
    member.about = '<script>alert("hi")</script>'
    member.profile_visibility = ProfileVisibility.PUBLIC
    member.save(update_fields=["about", "profile_visibility"])
    content = client.get(_public(member)).content.decode()
    assert '<script>alert("hi")</script>' not in content
    assert "&lt;script&gt;" in content


def test_profiles_ask_search_engines_not_to_index_them(client, member):
    page = parse(client.get(_public(member)))
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"


def test_an_inactive_members_profile_is_not_found(client):
    suspended = UserFactory(pseudonym="Gone Away", is_active=False)
    assert client.get(_public(suspended)).status_code == 404


def test_an_unknown_pseudonym_is_not_found(client):
    assert client.get("/members/Nobody%20Here/").status_code == 404


@pytest.mark.parametrize("spelling", ["wren", "WREN", "%EF%BC%B7%EF%BD%92%EF%BD%85%EF%BD%8E"])
def test_other_spellings_of_a_pseudonym_lead_to_the_one_profile_address(client, member, spelling):
    response = client.get(f"/members/{spelling}/")
    assert response.status_code == 302
    assert response.url == "/members/Wren/"


def test_right_to_left_pseudonyms_have_working_profile_addresses(client):
    sara = UserFactory(pseudonym="سارا")
    response = client.get(_public(sara))
    assert response.status_code == 200
    assert parse(response).find("h1").get("dir") == "auto"
