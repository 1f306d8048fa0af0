"""What the page furniture records of the document: its control number, its classification
and its declassification stamp."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from ..records import Classification
from .furniture import BANNER, BLOCK, LETTERHEAD, NUMBER, OcrLine

#: The date of a declassification stamp: the Bush Library's ``Declassified Case ... Date``,
#: or NARA's ``By ... NARA Date ...``.
_DECLASSIFIED = re.compile(
    r"(?:Declassified Case\b.{0,80}?|\bNARA\b.{0,10}?)Date\s*:?\s*"
    r"(\d{1,2})[-/](\d{1,2})[-/](\d{4})",
    re.IGNORECASE,
)


def first_number(pattern: str, lines: list[OcrLine]) -> str | None:
    """The number ``pattern``'s group captures on the first line it is found on."""
    for line in lines:
        match = re.search(pattern, line.text, re.IGNORECASE)
        if match:
            return match[1]
    return None


def control_number(lines: list[OcrLine], notes: list[str]) -> str | None:
    """The number printed by a letterhead before the turns; a different one is noted."""
    printed = [line for line in lines if line.text]
    found = [
        line
        for at, line in enumerate(printed)
        if NUMBER.fullmatch(line.text)
        and any(LETTERHEAD.fullmatch(other.text) for other in printed[max(at - 1, 0) : at + 2])
    ]
    for line in found[1:]:
        if line.text != found[0].text:
            notes.append(
                f"line {line.number}: control number {line.text} differs from "
                f"{found[0].text} (line {found[0].number}), which the front matter gives"
            )
    return found[0].text if found else None


def classification(own: list[OcrLine], lines: list[OcrLine], notes: list[str]) -> Classification:
    """The banner most printed and the classification block, the memorandum's own (``own``:
    from its title on) before the cover memorandum's."""
    own_numbers = {line.number for line in own}
    ordered = own + [line for line in lines if line.number not in own_numbers]
    fields: dict[str, str | None] = {}
    for name, pattern in BLOCK.items():
        printed = _printed(pattern, ordered)
        fields[name] = printed[0][1] if printed else None
        for number, value in printed[1:]:
            if value != fields[name]:
                notes.append(
                    f"line {number}: {name} reads {value!r}; the front matter gives "
                    f"{fields[name]!r}, the memorandum's own (line {printed[0][0]})"
                )
    return Classification(banner=_banner(own) or _banner(lines), **fields)


def _printed(pattern: re.Pattern[str], lines: list[OcrLine]) -> list[tuple[int, str]]:
    return [
        (line.number, match[1].strip())
        for line in lines
        if line.furniture and (match := pattern.fullmatch(line.text))
    ]


def _banner(lines: list[OcrLine]) -> str | None:
    levels = Counter(
        banner[1].strip()
        for line in lines
        if line.furniture and (banner := BANNER.fullmatch(line.text))
    )
    return levels.most_common(1)[0][0] if levels else None


def declassified(lines: list[OcrLine], notes: list[str]) -> dt.date | None:
    """The date of the declassification stamp; ``None`` when there is none, or it is no
    date (which is noted)."""
    match = _DECLASSIFIED.search(" ".join(line.text for line in lines))
    if not match:
        return None
    month, day, year = (int(part) for part in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        notes.append(f"the declassification date {match[0]!r} is not a date; left out")
        return None
