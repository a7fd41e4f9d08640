import pytest
from django.core.exceptions import ValidationError

from fairfield.accounts import services
from fairfield.accounts.models import ProfileVisibility, Relationship, User
from fairfield.accounts.roles import Role, has_role
from fairfield.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _profile(member, **changes):
    values = {
        "pseudonym": member.pseudonym,
        "relationships": member.relationships,
        "about": member.about,
        "visibility": member.profile_visibility,
    }
    return services.profile_update(member=member, **{**values, **changes})


def test_member_create_makes_a_member_without_any_real_name():
    created = services.member_create(email="sorrel@example.org", pseudonym="  Sorrel ", password="long enough password")
    created.refresh_from_db()
    assert created.pseudonym == "Sorrel"
    assert created.pseudonym_key == "sorrel"
    assert (created.first_name, created.last_name) == ("", "")
    assert created.check_password("long enough password")
    assert not has_role(created, Role.MEMBER)


def test_member_create_refuses_a_pseudonym_that_reads_like_anothers(member):
    with pytest.raises(ValidationError) as caught:
        services.member_create(email="sorrel@example.org", pseudonym="ＷＲＥＮ", password="long enough password")
    assert "already uses that pseudonym" in caught.value.message_dict["pseudonym"][0]
    assert not User.objects.filter(email="sorrel@example.org").exists()


def test_member_create_refuses_an_invalid_pseudonym_before_saving_anything():
    with pytest.raises(ValidationError) as caught:
        services.member_create(email="sorrel@example.org", pseudonym="bad\x00name", password="long enough password")
    assert "pseudonym" in caught.value.message_dict
    assert not User.objects.exists()


def test_member_create_without_a_password_leaves_it_unusable():
    created = services.member_create(email="sorrel@example.org", pseudonym="Sorrel", password=None)
    assert not created.has_usable_password()


def test_member_join_puts_the_member_in_the_members_group_once():
    newcomer = UserFactory()
    assert not has_role(newcomer, Role.MEMBER)
    services.member_join(member=newcomer)
    services.member_join(member=newcomer)
    assert has_role(newcomer, Role.MEMBER)
    assert newcomer.groups.filter(name=Role.MEMBER).count() == 1


def test_profile_update_saves_the_self_description(member):
    _profile(
        member,
        relationships=[Relationship.PEER_WORKER, Relationship.SURVIVOR],
        about="I listen first.",
        visibility=ProfileVisibility.MEMBERS,
    )
    member.refresh_from_db()
    assert member.relationships == ["survivor", "peer_worker"]  # kept in the order of the choices
    assert member.about == "I listen first."
    assert member.profile_visibility == ProfileVisibility.MEMBERS


def test_profile_update_writes_only_the_fields_that_changed(member, django_assert_max_num_queries):
    with django_assert_max_num_queries(4) as captured:  # the pseudonym check, and one UPDATE in a savepoint
        _profile(member, about="Only this changed.")
    updates = [query["sql"] for query in captured.captured_queries if query["sql"].startswith("UPDATE")]
    assert len(updates) == 1
    update = updates[0]
    assert '"about"' in update
    assert '"pseudonym"' not in update
    assert '"relationships"' not in update


def test_profile_update_with_nothing_changed_writes_nothing(member, django_assert_num_queries):
    with django_assert_num_queries(1):  # only the pseudonym check
        _profile(member)


def test_profile_update_changes_the_pseudonym_and_its_key(member):
    _profile(member, pseudonym="Wren Again")
    member.refresh_from_db()
    assert member.pseudonym == "Wren Again"
    assert member.pseudonym_key == "wrenagain"


def test_a_member_may_change_the_case_of_their_own_pseudonym(member):
    _profile(member, pseudonym="WREN")
    member.refresh_from_db()
    assert member.pseudonym == "WREN"


def test_profile_update_refuses_someone_elses_pseudonym_and_changes_nothing(member, other_member):
    with pytest.raises(ValidationError) as caught:
        _profile(member, pseudonym="alder", about="Changed?")
    assert "already uses that pseudonym" in caught.value.message_dict["pseudonym"][0]
    assert member.pseudonym == "Wren"
    member.refresh_from_db()
    assert (member.pseudonym, member.about) == ("Wren", "")


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"relationships": ["survivor", "astronaut"]}, "relationships", "“astronaut” is not one of the choices"),
        ({"about": "x" * 2001}, "about", "2000 characters or fewer (it has 2001)"),
        ({"about": "nul\x00byte"}, "about", "hidden “null” character"),
        ({"about": "lone \ud800 surrogate"}, "about", "could not be read"),
        ({"visibility": "friends"}, "profile_visibility", "choose who can see"),
        ({"pseudonym": ""}, "pseudonym", "choose a pseudonym"),
    ],
)
def test_profile_update_refuses_bad_values_with_a_message_for_the_field(member, changes, field, words):
    with pytest.raises(ValidationError) as caught:
        _profile(member, **changes)
    assert words in caught.value.message_dict[field][0]
    member.refresh_from_db()
    assert member.about == ""
