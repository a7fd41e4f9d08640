"""Likely identifying details in a narrative, highlighted for the moderator before anything goes public.

Offline rules only, never a downloaded model: patterns for e-mail addresses, phone numbers, street addresses,
dates and named institutions, and for personal names a title rule ("Dr Okafor", "Nurse Petra") plus a small
gazetteer of given names followed by a capitalised word. The moderator decides; this only points.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

_GIVEN_NAMES_TEXT = """
    aaron adam ahmed aisha alan alex alice amanda amy andrew angela anna anne anthony barbara ben brian carol
    catherine charles chris christine claire daniel david deborah dennis diane donna edward elizabeth emily emma
    eric fatima frank gary george grace hannah helen ian jack james jane janet jennifer jessica john jonathan
    joseph julie karen kate kevin laura linda lisa margaret maria mark mary matthew michael mohammed nancy
    nicola patricia paul peter rachel richard robert ruth sandra sarah simon stephen steven susan thomas
    timothy william
"""
GIVEN_NAMES = frozenset(_GIVEN_NAMES_TEXT.split())
TITLES = r"(?:Dr|Doctor|Mr|Mrs|Ms|Miss|Mx|Prof|Professor|Nurse|Sister|Matron|Officer|Sergeant|PC|Judge)\.?"
CAPITALISED = r"[A-Z][a-zA-Z'\-]+"

PATTERNS = [
    ("email", _("e-mail address"), re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    ("phone", _("phone number"), re.compile(r"(?<!\w)\+?\d[\d ()-]{7,}\d(?!\w)")),
    (
        "address",
        _("street address"),
        re.compile(
            r"\b\d{1,5}[a-zA-Z]?,? +(?:[A-Z][a-z]+ +){1,3}"
            r"(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Close|Drive|Way|Crescent|Terrace|Place|Gardens)\b"
        ),
    ),
    (
        "date",
        _("date"),
        re.compile(
            r"\b\d{1,2}(?:st|nd|rd|th)? (?:January|February|March|April|May|June|July|August|September|October|"
            r"November|December) \d{4}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b"
        ),
    ),
    (
        "institution",
        _("named institution"),
        re.compile(
            rf"\b(?:St\.? |Saint )?(?:{CAPITALISED} ){{1,3}}(?:Hospital|Clinic|Unit|Ward|Centre|Center|Prison|School)\b"
        ),
    ),
    ("name", _("personal name"), re.compile(rf"\b{TITLES} {CAPITALISED}(?: {CAPITALISED})?")),
]
GAZETTEER_NAME = re.compile(rf"\b({CAPITALISED})(?: ({CAPITALISED}))?")


@dataclass(frozen=True)
class Finding:
    start: int
    end: int
    kind: str
    label: str
    text: str


def findings(text: str) -> list[Finding]:
    found: list[Finding] = []
    for kind, label, pattern in PATTERNS:
        found.extend(Finding(m.start(), m.end(), kind, str(label), m.group()) for m in pattern.finditer(text))
    for match in GAZETTEER_NAME.finditer(text):
        if match.group(1).lower() in GIVEN_NAMES:
            found.append(Finding(match.start(), match.end(), "name", str(_("personal name")), match.group()))
    # Keep the earliest, longest finding where two overlap.
    found.sort(key=lambda f: (f.start, -(f.end - f.start)))
    kept: list[Finding] = []
    for finding in found:
        if kept and finding.start < kept[-1].end:
            continue
        kept.append(finding)
    return kept


def suggested_redaction(text: str) -> str:
    """The narrative with every finding replaced by a bracketed word saying what was there."""
    pieces, last = [], 0
    for finding in findings(text):
        pieces.append(text[last : finding.start])
        pieces.append(f"[{finding.label} removed]")
        last = finding.end
    pieces.append(text[last:])
    return "".join(pieces)


def highlighted(text: str) -> list[tuple[str, Finding | None]]:
    """The narrative cut into plain and highlighted pieces, for a template to mark up (escaped)."""
    pieces, last = [], 0
    for finding in findings(text):
        pieces.append((text[last : finding.start], None))
        pieces.append((finding.text, finding))
        last = finding.end
    pieces.append((text[last:], None))
    return [(piece, finding) for piece, finding in pieces if piece]
