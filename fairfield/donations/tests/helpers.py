"""Submitting the donation form the way a browser without JavaScript does: review, then pay."""

import re


def form_data(**changes) -> dict:
    data = {
        "step": "review",
        "amount_choice": "2000",
        "custom_amount": "",
        "frequency": "one_time",
        "dedication": "",
        "first_name": "Wren",
        "last_name": "Alvarez",
        "email": "wren@example.org",
        "method": "card",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def hidden_fields(html: str) -> dict:
    """The hidden inputs of the review page, as the browser would send them back."""
    fields = {}
    for tag in re.findall(r"<input[^>]*type=\"hidden\"[^>]*>", html):
        name = re.search(r'name="([^"]*)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if name:
            fields[name.group(1)] = _unescape(value.group(1)) if value else ""
    return fields


def _unescape(text: str) -> str:
    import html

    return html.unescape(text)


def review(client, page, **changes):
    return client.post(page.url, form_data(**changes))


def give(client, page, **changes):
    """Review and pay; returns the response to paying."""
    reviewed = review(client, page, **changes)
    assert reviewed.status_code == 200, reviewed.content.decode()[:3000]
    fields = hidden_fields(reviewed.content.decode())
    fields["step"] = "pay"
    return client.post(page.url, fields)
