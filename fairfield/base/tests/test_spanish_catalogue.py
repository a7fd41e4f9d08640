"""The Spanish catalogue is whole where readers first meet the site, and nothing in it is a machine guess."""

from pathlib import Path

from babel.messages.pofile import read_po
from django.template import Context, Template
from django.test import override_settings
from django.utils import translation

CATALOGUE = Path(__file__).resolve().parents[2] / "locale" / "es" / "LC_MESSAGES" / "django.po"

# Translated in full: the page shell, the error pages, the public reading pages, search, crisis resources,
# the comment form and the gift pages. The rest of the catalogue is still being translated.
WHOLE = (
    "templates/",
    "base/",
    "publishing/templates",
    "search/",
    "safety/templates",
    "comments/templates/comments/_",
    "comments/templates/comments/compose",
    "comments/forms",
    "donations/templates/donations/support",
    "donations/templates/donations/_",
    "donations/templates/donations/review",
    "donations/templates/donations/thanks",
    "donations/forms",
)


def catalogue():
    with CATALOGUE.open("rb") as po:
        return read_po(po, locale="es")


def translated(message) -> bool:
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return all(strings)


def test_no_spanish_entry_is_fuzzy():
    assert [message.id for message in catalogue() if message.id and message.fuzzy] == []


def test_every_message_of_the_public_pages_has_a_spanish_translation():
    untranslated = [
        message.id
        for message in catalogue()
        if message.id
        and any(location.startswith(WHOLE) for location, _ in message.locations)
        and not translated(message)
    ]
    assert untranslated == []


def test_the_compiled_catalogue_is_the_one_django_reads():
    with translation.override("es"):
        assert Template("{% load i18n %}{% translate 'Skip to main content' %}").render(Context()) == (
            "Saltar al contenido principal"
        )


@override_settings(LANGUAGE_CODE="en")
def test_english_stays_english():
    with translation.override("en"):
        assert Template("{% load i18n %}{% translate 'Skip to main content' %}").render(Context()) == (
            "Skip to main content"
        )
