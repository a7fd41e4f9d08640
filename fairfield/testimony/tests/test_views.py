import re

import pytest
from django.urls import reverse

from fairfield.testimony import services
from fairfield.testimony.models import NARRATIVE_MAX_CHARS, ConsentLevel, Status, Testimony
from fairfield.testimony.tests.factories import published, submitted, told

pytestmark = pytest.mark.django_db

NAUGHTY = [
    "<script>alert('x')</script>",
    "' OR 1=1; --",
    "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇",
    "‮right-to-left‭",
    "\u200b\u2060zero width",
    "𝕿𝖍𝖊 𝖖𝖚𝖎𝖈𝖐",
    "${7*7}{{7*7}}",
]


def public_places(client):
    """Everything a reader or a machine can fetch from the archive, as one string."""
    return "".join(
        client.get(address).content.decode()
        for address in (
            reverse("testimony:archive"),
            reverse("testimony:archive") + "?q=ward",
            reverse("testimony:feed"),
            "/sitemap.xml",
        )
    )


def test_a_public_testimony_is_on_every_public_place(client, moderator):
    testimony = published(moderator, title="The ward in spring", redacted="On the ward, in the spring.")
    places = public_places(client)
    assert places.count(str(testimony.public_id)) >= 4
    response = client.get(reverse("testimony:detail", args=[testimony.public_id]))
    assert response.status_code == 200
    assert "On the ward, in the spring." in response.content.decode()


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda m: published(m, consent=ConsentLevel.RESEARCH), id="research-only"),
        pytest.param(lambda m: published(m, consent=ConsentLevel.RECORD), id="record-only"),
        pytest.param(lambda m: submitted(), id="waiting"),
        pytest.param(lambda m: told(), id="draft"),
        pytest.param(lambda m: _withdrawn(m), id="withdrawn"),
        pytest.param(lambda m: _sealed(m), id="sealed-until-a-date"),
    ],
)
def test_no_testimony_but_a_public_one_appears_anywhere(client, moderator, make):
    testimony = make(moderator)
    assert str(testimony.public_id) not in public_places(client)
    assert "ward in the spring" not in public_places(client)
    assert client.get(reverse("testimony:detail", args=[testimony.public_id])).status_code == 404


def _withdrawn(moderator):
    testimony = published(moderator)
    services.testimony_withdraw(testimony=testimony)
    return testimony


def _sealed(moderator):
    import datetime as dt

    from django.utils import timezone

    testimony = submitted()
    Testimony.objects.filter(pk=testimony.pk).update(closure_date=timezone.localdate() + dt.timedelta(days=30))
    testimony.refresh_from_db()
    services.testimony_publish(testimony=testimony, moderator=moderator, redacted_text="It happened on the ward.")
    return testimony


def test_a_withdrawal_clears_the_cached_archive_feed_and_sitemap(client, moderator, django_capture_on_commit_callbacks):
    testimony = published(moderator, title="Soon gone")
    with django_capture_on_commit_callbacks(execute=True):
        pass
    before = public_places(client)
    assert "Soon gone" in before
    with django_capture_on_commit_callbacks(execute=True):
        services.testimony_withdraw(testimony=testimony)
    after = public_places(client)
    assert "Soon gone" not in after and str(testimony.public_id) not in after
    assert client.get(reverse("testimony:detail", args=[testimony.public_id])).status_code == 404


def test_a_stricter_consent_clears_the_cached_pages(client, moderator, django_capture_on_commit_callbacks):
    testimony = published(moderator, title="Going private")
    assert "Going private" in public_places(client)
    with django_capture_on_commit_callbacks(execute=True):
        services.testimony_change_consent(testimony=testimony, consent=ConsentLevel.RESEARCH)
    assert "Going private" not in public_places(client)


def start_anonymously(client):
    response = client.post(reverse("testimony:tell"))
    assert response.status_code == 302
    code_page = client.get(response["Location"])
    code = re.search(r'id="resume-code">([A-Z0-9-]+)<', code_page.content.decode()).group(1)
    testimony = Testimony.objects.latest("pk")
    return testimony, code


def test_an_anonymous_writer_tells_in_steps_takes_a_break_and_comes_back_with_the_code(client):
    testimony, code = start_anonymously(client)
    step1 = reverse("testimony:step", args=[testimony.public_id, 1])
    response = client.post(step1, {"title": "Night", "narrative": "They came at night.", "action": "break"})
    assert response["Location"] == reverse("testimony:break", args=[testimony.public_id])
    assert client.get(response["Location"]).status_code == 200

    from django.test import Client

    later = Client()
    assert later.get(step1).status_code == 404
    response = later.post(reverse("testimony:resume"), {"code": code})
    assert response["Location"] == step1
    assert "They came at night." in later.get(step1).content.decode()
    later.post(step1, {"title": "Night", "narrative": "They came at night.", "action": "next"})
    later.post(
        reverse("testimony:step", args=[testimony.public_id, 2]),
        {"settings": ["inpatient"], "experiences": ["restraint"], "helped": ["peer_support"], "action": "next"},
    )
    later.post(
        reverse("testimony:step", args=[testimony.public_id, 3]),
        {"period": "2010s", "region": "europe", "action": "next"},
    )
    later.post(
        reverse("testimony:step", args=[testimony.public_id, 4]),
        {"consent": ConsentLevel.PUBLIC_ANONYMOUS, "action": "next"},
    )
    response = later.post(reverse("testimony:step", args=[testimony.public_id, 5]), {"action": "send"})
    assert response["Location"] == reverse("testimony:writer", args=[testimony.public_id])
    testimony.refresh_from_db()
    assert testimony.status == Status.SUBMITTED
    assert testimony.settings == ["inpatient"] and testimony.region == "europe"


def test_the_private_link_opens_the_testimony_and_a_wrong_one_does_not(client):
    testimony, code = start_anonymously(client)
    from django.test import Client

    other = Client()
    response = other.get(reverse("testimony:private", args=[code]))
    assert response["Location"] == reverse("testimony:step", args=[testimony.public_id, 1])
    wrong = Client().get(reverse("testimony:private", args=["AAAA-BBBB-CCCC-DDDD"]))
    assert wrong.status_code == 404
    assert "does not open a testimony" in wrong.content.decode()


def test_a_too_long_narrative_gets_a_clear_message_and_the_text_is_kept(client):
    testimony, _code = start_anonymously(client)
    long_text = "word " * (NARRATIVE_MAX_CHARS // 5) + "the end"
    response = client.post(
        reverse("testimony:step", args=[testimony.public_id, 1]), {"narrative": long_text, "action": "next"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "at most 50,000 characters" in body
    assert "the end</textarea>" in body


@pytest.mark.parametrize("naughty", NAUGHTY)
def test_odd_input_is_stored_exactly_and_shown_escaped(client, moderator, naughty):
    testimony, _code = start_anonymously(client)
    client.post(
        reverse("testimony:step", args=[testimony.public_id, 1]),
        {"title": naughty, "narrative": naughty, "action": "next"},
    )
    client.post(
        reverse("testimony:step", args=[testimony.public_id, 4]),
        {"consent": ConsentLevel.PUBLIC_PSEUDONYM, "pseudonym": naughty, "action": "next"},
    )
    testimony.refresh_from_db()
    assert testimony.title == naughty.strip()
    assert testimony.pseudonym == naughty.strip()
    assert services.testimony_narrative(testimony) == naughty
    for address in (
        reverse("testimony:writer", args=[testimony.public_id]),
        reverse("testimony:step", args=[testimony.public_id, 5]),
    ):
        assert "<script>alert" not in client.get(address).content.decode()
    services.testimony_submit(testimony=testimony)
    services.testimony_publish(testimony=testimony, moderator=moderator, redacted_text=naughty)
    for address in (reverse("testimony:detail", args=[testimony.public_id]), reverse("testimony:archive")):
        assert "<script>alert" not in client.get(address).content.decode()


def test_strangers_cannot_open_someone_elses_testimony(client, member, other_member, moderator):
    testimony = published(moderator, writer=member, consent=ConsentLevel.RECORD)
    for address in (
        reverse("testimony:writer", args=[testimony.public_id]),
        reverse("testimony:withdraw", args=[testimony.public_id]),
        reverse("testimony:step", args=[testimony.public_id, 1]),
    ):
        assert client.get(address).status_code == 404
        client.force_login(other_member)
        assert client.get(address).status_code == 404
        assert client.post(address).status_code in (404, 405)
        client.logout()
    assert (
        client.post(
            reverse("testimony:consent", args=[testimony.public_id]), {"consent": "public_anonymous"}
        ).status_code
        == 404
    )
    testimony.refresh_from_db()
    assert testimony.status == Status.PUBLISHED and testimony.consent == ConsentLevel.RECORD


def test_the_writer_withdraws_from_their_page_and_twice_is_a_friendly_page(client, member, moderator):
    testimony = published(moderator, writer=member, title="Mine to take back")
    client.force_login(member)
    page = client.get(reverse("testimony:writer", args=[testimony.public_id]))
    assert "Mine to take back" in page.content.decode()
    response = client.post(reverse("testimony:withdraw", args=[testimony.public_id]))
    assert response.status_code == 200
    assert Testimony.objects.get(pk=testimony.pk).status == Status.WITHDRAWN
    # The account no longer links to it: the withdrawn row has no writer. A second try says it is done.
    again = client.post(reverse("testimony:withdraw", args=[testimony.public_id]))
    assert again.status_code == 404


def test_an_anonymous_writer_withdraws_with_the_private_link_and_twice_is_friendly(client, moderator):
    testimony, code = start_anonymously(client)
    client.post(reverse("testimony:step", args=[testimony.public_id, 1]), {"narrative": "words", "action": "next"})
    response = client.post(reverse("testimony:withdraw", args=[testimony.public_id]))
    assert "is withdrawn" in response.content.decode()
    again = client.post(reverse("testimony:withdraw", args=[testimony.public_id]))
    assert again.status_code == 200 and "already been withdrawn" in again.content.decode()
    link = client.get(reverse("testimony:private", args=[code]))
    assert link.status_code == 200 and "already been withdrawn" in link.content.decode()


def test_figures_hide_small_cells_and_what_subtraction_would_reveal(client, moderator):
    for _ in range(6):
        published(moderator, settings=["inpatient"], region="europe", period="2010s")
    for _ in range(7):
        published(moderator, settings=["outpatient"], region="uk_ireland", period="2010s")
    published(moderator, settings=["prison"], region="africa", period="2010s")
    body = client.get(reverse("testimony:figures")).content.decode()
    rows = dict(re.findall(r"<th scope=\"row\">([^<]+)</th><td>([^<]+)</td>", body))
    assert rows["Outpatient clinic"] == "7"
    assert rows["Prison"] == "fewer than 5"
    # Prison (1) is hidden; so that a total minus the rest cannot reveal it, the next smallest is hidden too.
    assert rows["Inpatient ward"] == "fewer than 5"
    assert rows["Africa"] == "fewer than 5" and rows["Rest of Europe"] == "fewer than 5"
    assert rows["United Kingdom and Ireland"] == "7"
    assert rows["2010s"] == "14"


def test_the_archive_and_a_testimony_take_a_fixed_number_of_queries(client, moderator, django_assert_max_num_queries):
    for index in range(5):
        published(moderator, title=f"Testimony {index}", content_notes=["restraint"])
    with django_assert_max_num_queries(4):
        client.get(reverse("testimony:archive"))
    one = Testimony.objects.first()
    with django_assert_max_num_queries(3):
        client.get(reverse("testimony:detail", args=[one.public_id]))


def test_only_moderators_open_the_review_in_the_admin(client, member, moderator, editor):
    testimony = submitted(narrative="Dr Okafor held the needle. Call 07700 900123.")
    address = reverse("testimony_admin_review", args=[testimony.public_id])
    client.force_login(member)
    assert client.get(address).status_code in (302, 403)
    client.force_login(moderator)
    response = client.get(address)
    assert response.status_code == 200
    body = response.content.decode()
    assert "<mark" in body and "[personal name removed]" in body and "[phone number removed]" in body
    response = client.post(address, {"redacted": "[name] held the needle.", "redaction_note": "a name, a number"})
    assert response.status_code == 302
    testimony.refresh_from_db()
    assert testimony.public_text == "[name] held the needle."


def test_a_moderator_cannot_review_their_own_testimony(client, moderator):
    testimony = submitted(writer=moderator)
    client.force_login(moderator)
    assert client.get(reverse("testimony_admin_review", args=[testimony.public_id])).status_code == 403


def test_an_account_holder_is_told_when_it_is_received_and_what_was_redacted(member, moderator):
    from fairfield.notifications.models import Notification

    published(moderator, writer=member, narrative="Dr Okafor did it.", redacted="[name] did it.")
    kinds = sorted(Notification.objects.filter(user=member).values_list("kind", flat=True))
    assert kinds == ["testimony.accepted", "testimony.received"]
    assert "Okafor" not in "".join(Notification.objects.filter(user=member).values_list("text", flat=True))


def test_a_closure_date_in_the_past_is_refused_and_the_choices_are_kept(client):
    testimony, _code = start_anonymously(client)
    response = client.post(
        reverse("testimony:step", args=[testimony.public_id, 4]),
        {
            "consent": ConsentLevel.PUBLIC_PSEUDONYM,
            "pseudonym": "Hollis",
            "closure_date": "2001-01-01",
            "action": "next",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "a date in the future" in body and 'value="Hollis"' in body


def test_the_writers_page_takes_a_fixed_number_of_queries(client, member, moderator, django_assert_max_num_queries):
    testimony = published(moderator, writer=member)
    client.force_login(member)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("testimony:writer", args=[testimony.public_id]))
    assert response.status_code == 200


def test_the_writer_agrees_with_the_redaction_and_nobody_else_can(client, member, other_member, moderator):
    testimony = published(moderator, writer=member, redacted="[name] did it.")
    address = reverse("testimony:agree", args=[testimony.public_id])
    client.force_login(other_member)
    assert client.post(address).status_code == 404
    client.force_login(member)
    client.post(address)
    testimony.refresh_from_db()
    assert testimony.redaction_agreed_at is not None
    assert (
        "You agreed with this" in client.get(reverse("testimony:writer", args=[testimony.public_id])).content.decode()
    )


@pytest.mark.django_db
def test_the_archive_cache_keeps_a_copy_per_language(settings):
    from django.test import Client

    english, spanish = Client(), Client()
    spanish.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"

    assert 'lang="en"' in english.get("/testimony/").content.decode()
    assert 'lang="es"' in spanish.get("/testimony/").content.decode()
    assert 'lang="en"' in english.get("/testimony/").content.decode()
