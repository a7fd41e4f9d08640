"""Every user-facing string in a template is marked for translation.

The scan reads each template under fairfield/ with Django's own lexer: any text outside a translation tag
that still holds letters once tags, comments, scripts and styles are removed is unmarked; so is a literal
alt, title, placeholder or aria-label, or the value of a submit button.
"""

import re
from pathlib import Path

from django.template.base import Lexer, TokenType

ROOT = Path(__file__).resolve().parents[2]

# Words that are the same in every language, so marking them would only add noise for translators.
ALLOWED = {
    "Fairfield",  # the product's name
    "Mad in America",  # a publication's name
    "Stripe",  # the payment provider's name
    "RSS",  # a format's name
    "Atom",  # a format's name
    "Mastodon",  # a network's name
    "×",  # a close sign, labelled by aria-label
}

HIDDEN = re.compile(r"<!--.*?-->|<script\b.*?</script>|<style\b.*?</style>", re.S | re.I)
TAG = re.compile(r"<[^>]*>", re.S)
LETTERS = re.compile(r"[^\W\d_]{2,}")
ATTRIBUTE = re.compile(r"""\b(alt|title|placeholder|aria-label)\s*=\s*"([^"{]*)\"""", re.I)
SUBMIT_VALUE = re.compile(r"""<input\b[^>]*type="submit"[^>]*\bvalue="([^"{]*)\"""", re.I)
ENTITY = re.compile(r"&[a-z]+;|&#\d+;", re.I)


def templates():
    # E-mail bodies are templates too; they are scanned like pages.
    yield from sorted(ROOT.rglob("templates/**/*.html"))


def unmarked(source: str) -> list[str]:
    found = []
    text_parts = []
    depth = 0
    in_comment = False
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0] if token.contents else ""
            if name in {"blocktrans", "blocktranslate"}:
                depth += 1
            elif name in {"endblocktrans", "endblocktranslate"}:
                depth -= 1
            elif name == "comment" or (name == "block" and token.contents.split()[-1].endswith("class")):
                # comments, and blocks that only hold CSS class names (body_class), are not shown to readers
                in_comment = True
            elif name in {"endcomment", "endblock"}:
                in_comment = False
            text_parts.append("\x00")
        elif token.token_type == TokenType.TEXT and not depth and not in_comment:
            text_parts.append(token.contents)
        else:
            text_parts.append("\x00")
    text = HIDDEN.sub(" ", "".join(text_parts))
    for name, value in ATTRIBUTE.findall(text):
        if _readable(value):
            found.append(f'{name}="{value}"')
    for value in SUBMIT_VALUE.findall(text):
        if _readable(value):
            found.append(f'value="{value}"')
    for chunk in TAG.sub("\x00", text).split("\x00"):
        chunk = ENTITY.sub(" ", chunk).strip()
        if _readable(chunk):
            found.append(chunk)
    return found


def _readable(text: str) -> bool:
    """Whether text holds words a reader would need in their language (not a name, a URL or a query)."""
    text = text.strip()
    if text.startswith(("?", "/", "#", "http")):
        return False
    for name in ALLOWED:
        text = text.replace(name, " ")
    return bool(LETTERS.search(text))


def test_the_scan_finds_unmarked_text_and_attributes():
    source = (
        '<p>Hello</p><img alt="A tree"><p>{% translate "Fine" %}</p>'
        "{% blocktranslate %}Also fine{% endblocktranslate %}"
    )
    assert unmarked(source) == ['alt="A tree"', "Hello"]


def test_every_user_facing_string_in_templates_is_marked_for_translation():
    problems = {str(path.relative_to(ROOT)): found for path in templates() if (found := unmarked(path.read_text()))}
    assert problems == {}
