"""Checks other apps put in front of an article going live.

An app registers a gate with `@publish_gate`; a gate raises a `Refusal` to stop the article going live.
`ArticlePage.publish` (every Wagtail path: the editor's Publish button, the workflow's last approval, scheduled
publishing, bulk actions, "publish this version") and `ArticlePage.save` (a row switched to live by hand) ask
every gate, so no path around them is left.
"""

from collections.abc import Callable

Gate = Callable[..., None]
_GATES: list[Gate] = []


def publish_gate(gate: Gate) -> Gate:
    if gate not in _GATES:
        _GATES.append(gate)
    return gate


def publish_check(*, article, user=None) -> None:
    """Raise the first gate's refusal, if any gate refuses this article going live."""
    for gate in _GATES:
        gate(article=article, user=user)
