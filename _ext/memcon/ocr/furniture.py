"""The OCR text as numbered lines, and the page furniture among them.

Page furniture is what the archive's pages carry besides the memorandum's words:
classification banners and blocks, NW#/DocId stamps, letterheads, page numbers. It is never
spoken text; :mod:`.provenance` reads what it records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: A banner, its caveats kept whole: ``SECRET//NOFORN``, struck through or not.
BANNER = re.compile(
    r"(?:~~)?\s*((?:TOP SECRET|SECRET|CONFIDENTIAL|UNCLASSIFIED)(?://[A-Z][A-Z0-9 /,-]*)?)"
    r"\s*(?:~~)?"
)
#: The fields of a classification block, each on a line of its own.
BLOCK = {
    "classified_by": re.compile(r"Classified [Bb]y\s*:\s*(.*)"),
    "reason": re.compile(r"Reason\s*:\s*(\d[\d.()a-z,\s]*)"),
    "declassify_on": re.compile(r"Declassify [Oo]n\s*:\s*(.*)"),
}
LETTERHEAD = re.compile(
    r"THE WHITE HOUSE|WASHINGTON|NATIONAL SECURITY COUNCIL|WASHINGTON,? D\.?\s?C\.?(?:\s+\d{5})?"
)
NUMBER = re.compile(r"\d{1,5}")  # page numbers, and control numbers such as 2569
#: The declassification stamps of the Bush Library and NARA, line by line: ``DECLASSIFIED``,
#: ``Authority: ...``, ``By ... NARA Date ...``, ``Declassified Case: NW# ... DocId ...``,
#: ``E.O. 13526 ...`` and the Interagency Security Classification Appeals Panel's.
DECLASSIFICATION_STAMP = (
    re.compile(r"DECLASSIFIED"),
    re.compile(r"Authority\s*:.*", re.IGNORECASE),
    re.compile(r"By\b.{0,60}\bNARA\b.{0,10}\bDate\b.*", re.IGNORECASE),
    re.compile(r"Declassified Case\b.*"),
    re.compile(r"NW\s*#.*"),
    re.compile(r"Doc\s?I[dD]\b.*"),
    re.compile(r"E\.\s?O\.\s?13526\b.*"),
    re.compile(r"DECLASSIFIED UNDER AUTHORITY OF THE\b.*"),
    re.compile(r"INTERAGENCY SECURITY CLASSIFICATION APPEALS PANEL\b.*"),
    re.compile(r"ISCAP (?:APPEAL|No\.).*", re.IGNORECASE),
    re.compile(r"DECLASSIFICATION DATE\s*:.*"),
)
_FURNITURE = (
    BANNER,
    *BLOCK.values(),
    re.compile(r"Derived [Ff]rom\s*:.*"),
    *DECLASSIFICATION_STAMP,
    re.compile(r"\d{1,2}-\d{1,2}-\d{4}"),  # the date of a declassification stamp, wrapped
    NUMBER,
    LETTERHEAD,
)


@dataclass(frozen=True)
class OcrLine:
    """One line of the OCR text, stripped, and whether it is page furniture."""

    number: int  #: the line's number in the OCR text, from 1
    text: str
    furniture: bool


def numbered_lines(text: str) -> list[OcrLine]:
    """The lines of an OCR text (a byte-order mark dropped), each marked furniture or not."""
    return [
        OcrLine(number, line.strip(), is_furniture(line.strip()))
        for number, line in enumerate(text.removeprefix("\ufeff").splitlines(), start=1)
    ]


def is_furniture(text: str) -> bool:
    """Whether a stripped line is page furniture as a whole."""
    return any(pattern.fullmatch(text) for pattern in _FURNITURE)
