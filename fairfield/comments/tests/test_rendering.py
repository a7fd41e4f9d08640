import time

import pytest
from bs4 import BeautifulSoup

from fairfield.comments.rendering import body_render


def test_blank_lines_make_paragraphs_and_single_breaks_are_kept():
    assert body_render("One\ntwo\n\nThree") == "<p>One<br>\ntwo</p>\n<p>Three</p>"


def test_web_addresses_become_links_marked_as_user_content():
    html = body_render("See https://example.org/page?a=1&b=2.")
    assert (
        '<a href="https://example.org/page?a=1&amp;b=2" rel="nofollow ugc noopener">'
        "https://example.org/page?a=1&amp;b=2</a>." in html
    )


def test_a_closing_bracket_that_the_address_opened_stays_in_the_link():
    assert 'href="https://example.org/a_(b)"' in body_render("(https://example.org/a_(b))")


def test_mailto_addresses_become_links():
    assert 'href="mailto:peer@example.org"' in body_render("mailto:peer@example.org")


@pytest.mark.parametrize(
    "hostile",
    [
        "javascript:alert(1)",
        "[click](javascript:alert(1))",
        '<a href="javascript:alert(1)">x</a>',
        "<img src=x onerror=alert(1)>",
        "<script>alert(1)</script>",
        "data:text/html,<script>alert(1)</script>",
        '<p onclick="alert(1)">x</p>',
    ],
)
def test_html_and_script_links_are_shown_as_text_never_as_markup(hostile):
    document = BeautifulSoup(body_render(hostile), "html.parser")
    assert [tag.name for tag in document.find_all(True)] == ["p"]
    assert document.p.attrs == {}
    assert document.get_text() == hostile


def test_emphasis_strong_quotes_and_lists():
    html = body_render("*gently* and **firmly**\n\n> what they said\n\n- one\n- two\n\n1. first\n2. second")
    assert "<em>gently</em>" in html
    assert "<strong>firmly</strong>" in html
    assert "<blockquote><p>what they said</p></blockquote>" in html
    assert "<ul><li>one</li><li>two</li></ul>" in html
    assert "<ol><li>first</li><li>second</li></ol>" in html


def test_unpaired_or_spaced_markers_stay_as_typed():
    assert body_render("2 * 3 * 4 and **open") == "<p>2 * 3 * 4 and **open</p>"


def test_nested_quotes_and_lists_render_as_text_in_linear_time():
    started = time.perf_counter()
    html = body_render(">" * 50_000 + " deep\n\n" + "- " * 20_000 + "x\n\n" + "*" * 50_000)
    assert time.perf_counter() - started < 1.0
    assert html.count("<blockquote>") == 1
    assert html.count("<ul>") == 1


def test_ten_thousand_links_render_quickly():
    started = time.perf_counter()
    html = body_render(" ".join(f"https://example.org/{n}" for n in range(10_000)))
    assert time.perf_counter() - started < 2.0
    assert html.count('rel="nofollow ugc noopener"') == 10_000
