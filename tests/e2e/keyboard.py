"""Driving a page with the keyboard alone, checking at every stop that focus can be seen."""

FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow && style.boxShadow !== 'none';
  const label = el.labels && el.labels.length ? el.labels[0].innerText : '';
  const name = (el.getAttribute('aria-label') || label || el.innerText || el.value || el.title || '').trim();
  return {name: name.replace(/\\s+/g, ' '), tag: el.tagName.toLowerCase(), visible: outline || shadow};
}"""

POSITIVE_TABINDEX = '() => document.querySelectorAll(\'[tabindex]:not([tabindex^="-"]):not([tabindex="0"])\').length'

TAB_LIMIT = 150


def tab_to(page, name: str, *, limit: int = TAB_LIMIT) -> dict:
    """Press Tab until the focused element's name contains `name`; every stop on the way must show its focus."""
    assert page.evaluate(POSITIVE_TABINDEX) == 0, "a positive tabindex breaks the reading order"
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None:
            continue
        assert focused["visible"], f"focus on {focused} cannot be seen"
        stops.append(focused["name"][:40])
        if name in focused["name"]:
            return focused
    raise AssertionError(f"{name!r} was not reached with Tab; focus went through {stops}")


def start_from_top(page) -> None:
    """Put focus before the first element of the page, as a fresh page load does."""
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    page.locator("body").focus()


def type_into(page, name: str, text: str) -> None:
    tab_to(page, name)
    page.keyboard.type(text)


def log_in(page, email: str, password: str) -> None:
    page.goto("/accounts/login/")
    start_from_top(page)
    type_into(page, "E-mail", email)
    type_into(page, "Password", password)
    with page.expect_navigation():
        page.keyboard.press("Enter")
