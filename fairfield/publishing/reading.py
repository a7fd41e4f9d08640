"""How a reader chooses to read: content notes to fold away, and a quiet mode. Kept in first-party cookies,
the same for members and anonymous readers, never on the server."""

from dataclasses import dataclass

FOLD_COOKIE = "fairfield_fold"
QUIET_COOKIE = "fairfield_quiet"
COOKIE_SECONDS = 365 * 24 * 3600


@dataclass(frozen=True)
class ReadingChoices:
    fold: frozenset[str] = frozenset()
    quiet: bool = False

    def folded(self, content_notes) -> list[str]:
        """The labels of the notes this reader folds away, in the article's order."""
        from fairfield.publishing.models import ContentNote

        labels = dict(ContentNote.choices)
        return [str(labels[note]) for note in content_notes or () if note in self.fold and note in labels]


def notes_parse(value: str) -> frozenset[str]:
    from fairfield.publishing.models import ContentNote

    return frozenset(note for note in value.split(",")[:50] if note in ContentNote.values)


def reading_choices(request) -> ReadingChoices:
    return ReadingChoices(
        fold=notes_parse(request.COOKIES.get(FOLD_COOKIE, "")), quiet=request.COOKIES.get(QUIET_COOKIE) == "1"
    )


def has_reading_cookies(request) -> bool:
    """A reader with choices of their own gets pages made for them, never the shared cached copy."""
    return FOLD_COOKIE in request.COOKIES or QUIET_COOKIE in request.COOKIES


def context(request):
    """Template context processor: `reading`, the reader's choices."""
    return {"reading": reading_choices(request)}
