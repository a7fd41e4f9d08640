"""Text as the word lists and duplicate check see it: one spelling for what readers would read as the same."""

import re
import sys
import unicodedata
from functools import cache

_WHITESPACE = re.compile(r"\s+")


@cache
def _invisible() -> re.Pattern:
    """Every format character (Unicode category Cf): zero-width spaces and joiners, soft hyphens, BOMs, bidi marks."""
    ranges, start, previous = [], None, None
    for code in range(sys.maxunicode + 1):
        if unicodedata.category(chr(code)) == "Cf":
            if start is None:
                start = code
            elif code != previous + 1:
                ranges.append((start, previous))
                start = code
            previous = code
    ranges.append((start, previous))
    return re.compile("[" + "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in ranges) + "]")


def normalise(text: str) -> str:
    """NFKC with case folding (Unicode's NFKC_Casefold, near enough), invisible characters dropped."""
    text = _invisible().sub("", text)
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())


def normalise_for_comparison(text: str) -> str:
    """As `normalise`, with runs of whitespace made one space and the ends trimmed."""
    return _WHITESPACE.sub(" ", normalise(text)).strip()


def phrase_pattern(phrase: str) -> re.Pattern | None:
    """A whole-word pattern for a listed phrase, to search in normalised text; None if nothing is left of it."""
    words = normalise(phrase).split()
    if not words:
        return None
    return re.compile(r"(?<!\w)" + r"\s+".join(re.escape(word) for word in words) + r"(?!\w)")
