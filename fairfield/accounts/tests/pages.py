"""Reading rendered pages in tests: forms, labels, error summaries, e-mailed links."""

import re
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from django.core import mail

CONTROL_TAGS = ("input", "textarea", "select")
NOT_TYPED_INTO = {"hidden", "submit", "button", "reset", "image"}


def parse(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def parse_fragment(html: str) -> BeautifulSoup:
    """A piece of rendered HTML, wrapped in <main> so the helpers below read it like a page."""
    return BeautifulSoup(f"<main>{html}</main>", "html.parser")


def main_text(response) -> str:
    """The words of the page's main area, spaces collapsed; the part that differs from page to page."""
    return " ".join(parse(response).find("main").get_text(" ").split())


def controls(page: BeautifulSoup):
    main = page.find("main")
    return [
        control
        for control in main.find_all(CONTROL_TAGS)
        if control.name != "input" or control.get("type", "text") not in NOT_TYPED_INTO
    ]


def label_text(page: BeautifulSoup, control) -> str:
    label = page.find("label", attrs={"for": control.get("id")}) if control.get("id") else None
    if label is None:
        label = control.find_parent("label")
    return " ".join(label.get_text(" ").split()) if label else ""


def assert_every_control_is_labelled(page: BeautifulSoup) -> None:
    unlabelled = [str(control)[:80] for control in controls(page) if not label_text(page, control)]
    assert unlabelled == [], f"controls without a label: {unlabelled}"


def control(page: BeautifulSoup, name: str):
    return page.find("main").find(CONTROL_TAGS, attrs={"name": name})


def typed_value(page: BeautifulSoup, name: str) -> str | None:
    """What the form shows in the named field ("" when it is empty), or None if there is no such field."""
    found = control(page, name)
    if found is None:
        return None
    if found.name == "textarea":
        # Django writes a newline after <textarea> that browsers drop; so does this.
        return found.get_text().removeprefix("\n").removeprefix("\r\n")
    return found.get("value", "")


def error_summary(page: BeautifulSoup) -> list[tuple[str, str]]:
    """(link target, message) for each entry of the summary at the top of the form."""
    summary = page.find(class_="error-summary")
    if summary is None:
        return []
    assert summary.get("role") == "alert"
    entries = []
    for item in summary.find_all("li"):
        link = item.find("a")
        entries.append((link["href"] if link else "", " ".join(item.get_text(" ").split())))
    return entries


def field_errors(page: BeautifulSoup, field_id: str) -> list[str]:
    errors = page.find(id=f"{field_id}_error")
    return [" ".join(item.get_text(" ").split()) for item in errors.find_all("li")] if errors else []


def assert_error_is_tied_to_field(page: BeautifulSoup, field_id: str) -> None:
    """The field says it is invalid, points at its message, and the summary links to it."""
    field = page.find(id=field_id)
    assert field is not None, f"no element #{field_id}"
    if field.name in CONTROL_TAGS:
        assert field.get("aria-invalid") == "true"
        assert f"{field_id}_error" in field.get("aria-describedby", "").split()
    else:  # a group of checkboxes or radios: the fieldset carries the description
        fieldset = field.find_parent("fieldset")
        assert f"{field_id}_error" in fieldset.get("aria-describedby", "").split()
    assert field_errors(page, field_id), f"no message next to #{field_id}"
    targets = {target for target, _ in error_summary(page)}
    assert f"#{field_id}" in targets or f"#{field_id}_0" in targets


def emailed_link(path_fragment: str, *, to: str | None = None) -> str:
    """The path of the last link containing path_fragment in an e-mail (to `to`, if given)."""
    messages = [message for message in mail.outbox if to is None or to in message.to]
    assert messages, f"no e-mail was sent{f' to {to}' if to else ''}"
    links = re.findall(r"https?://\S+", messages[-1].body)
    matching = [link for link in links if path_fragment in link]
    assert matching, f"no link with {path_fragment!r} in: {messages[-1].body}"
    return urlsplit(matching[-1]).path


def profile_form_data(member, **changes) -> dict:
    """What the profile form posts for this member as saved, with the given fields changed."""
    return {
        "pseudonym": member.pseudonym,
        "relationships": member.relationships,
        "about": member.about,
        "profile_visibility": member.profile_visibility,
        **changes,
    }
