"""The memorandum's header: SUBJECT, PARTICIPANTS, notetakers, interpreters, and the date,
time and place, as the archive's memorandums print them."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from ..wording import MONTHS
from .furniture import OcrLine
from .turns import LABEL_LIKE, TRAILING_MARKING, unknown_label

Side = Literal["united_states", "russia"]
#: Participants the memorandums list by role alone: role -> (side, name).
KNOWN_PARTICIPANTS: Mapping[str, tuple[Side, str]] = {
    "The President": ("united_states", "George W. Bush"),
    "President Putin": ("russia", "Vladimir Putin"),
}
_HEADER_FIELDS = (
    (re.compile(r"SUBJECT\s*:\s*(.*)", re.IGNORECASE), "subject"),
    (re.compile(r"PARTICIPANTS\s*:\s*(.*)", re.IGNORECASE), "participants"),
    (re.compile(r"Note\s?-?takers?\s*:\s*(.*)", re.IGNORECASE), "notetakers"),
    (re.compile(r"Interpreters?\s*:\s*(.*)", re.IGNORECASE), "interpreters"),
    (re.compile(r"DATE,\s*TIME\s+AND\s+PLACE\s*:\s*(.*)", re.IGNORECASE), "datetimeplace"),
    # "DATE, TIME" and "AND PLACE:" on two lines, the values beside them.
    (re.compile(r"DATE,?\s*(?:AND\s+)?TIME\b\s*:?\s*(.*)", re.IGNORECASE), "datetime"),
    (re.compile(r"AND\s+PLACE\s*:\s*(.*)", re.IGNORECASE), "place"),
    (re.compile(r"DATE\s*:\s*(.*)", re.IGNORECASE), "date"),
    (re.compile(r"TIME\s*:\s*(.*)", re.IGNORECASE), "time"),
    (re.compile(r"PLACE\s*:\s*(.*)", re.IGNORECASE), "place"),
)
_SIDE = re.compile(
    r"(?:(?P<us>U\.\s?S\.|United States|American side|U\.S\. side)"
    r"|(?P<ru>Russia|Russian Federation|Russian side))\s*(?::\s*(?P<rest>.*)|$)"
)
_DATE = re.compile(rf"({'|'.join(MONTHS)})\s+(\d{{1,2}}),?\s*(\d{{4}})")
_TIME_AND_PLACE = re.compile(
    r"(?P<time>.*?(?:[ap]\.\s?m\.|[AP]M)(?:\s+[A-Z]{2,4}\b)?)[,;]?\s*(?P<place>.*)"
)


@dataclass(frozen=True)
class HeaderParticipant:
    """A participant as the memorandum's PARTICIPANTS field lists them."""

    side: Side
    name: str
    role: str | None


@dataclass(frozen=True)
class Header:
    """The memorandum's header fields; ``None`` or empty where the text does not give them."""

    subject: str | None = None
    subject_marking: str | None = None
    date: dt.date | None = None
    #: Line of the OCR text the date was read from.
    date_line: int | None = None
    time: str | None = None
    place: str | None = None
    participants: tuple[HeaderParticipant, ...] = ()
    notetakers: tuple[str, ...] = ()
    interpreters: tuple[str, ...] = ()


def read_header(
    lines: list[OcrLine], speakers: Mapping[str, str], notes: list[str]
) -> tuple[Header, list[str]]:
    """The header fields, and the pages the header is on."""
    fields: dict[str, list[tuple[int, str]]] = {}
    current: str | None = None
    pages = ["1"]
    for line in lines:
        if line.furniture:
            if line.text.isdigit() and int(pages[-1]) < int(line.text) <= int(pages[-1]) + 3:
                pages.append(line.text)
                notes.append(
                    f"line {line.number}: page {line.text} begins in the header (not marked)"
                )
            continue
        if not line.text:
            continue
        found = _header_field(line.text)
        if found is not None:
            current, value = found
            fields.setdefault(current, [])
            if value:
                fields[current].append((line.number, value))
            continue
        label = LABEL_LIKE.match(line.text)
        if label and not (current == "participants" and _SIDE.match(line.text)):
            raise unknown_label(line, label["label"], speakers)
        if current is None:
            notes.append(f"line {line.number}: text in the header left out: {line.text!r}")
        else:
            fields[current].append((line.number, line.text))
    return _header(fields, notes), pages


def _header_field(text: str) -> tuple[str, str] | None:
    for pattern, name in _HEADER_FIELDS:
        match = pattern.fullmatch(text)
        if match:
            return name, match[1].strip()
    return None


def _joined(values: list[tuple[int, str]] | None) -> str | None:
    return (" ".join(text for _, text in values) or None) if values else None


def _names(values: list[tuple[int, str]] | None) -> tuple[str, ...]:
    text = _joined(values) or ""
    return tuple(name.strip() for name in re.split(r",|\band\b", text) if name.strip())


def _header(fields: dict[str, list[tuple[int, str]]], notes: list[str]) -> Header:
    subject, subject_marking = _joined(fields.get("subject")), None
    if subject is not None:
        marking = TRAILING_MARKING.search(subject)
        if marking:
            subject, subject_marking = subject[: marking.start()].strip() or None, marking[1]
    when_lines = fields.get("datetimeplace") or fields.get("datetime") or fields.get("date") or []
    when = _joined(when_lines) or ""
    date_match = _DATE.search(when)
    date = None
    if date_match:
        month, day, year = date_match.groups()
        try:
            date = dt.date(int(year), MONTHS.index(month) + 1, int(day))
        except ValueError:
            notes.append(f"line {when_lines[0][0]}: {date_match[0]!r} is not a date; left out")
    elif when_lines:
        notes.append(f"line {when_lines[0][0]}: no date found in {when!r}")
    rest = when[date_match.end() :].strip(" ,;") if date_match else when
    time, place = _joined(fields.get("time")), _joined(fields.get("place"))
    if "datetimeplace" in fields and place is None:
        split = _TIME_AND_PLACE.fullmatch(rest)
        time, place = (split["time"], split["place"] or None) if split else (rest or None, None)
    elif "datetime" in fields and time is None:
        time = rest or None
    return Header(
        subject=subject,
        subject_marking=subject_marking,
        date=date,
        date_line=when_lines[0][0] if date is not None else None,
        time=time,
        place=place,
        participants=_participants(fields.get("participants", []), notes),
        notetakers=_names(fields.get("notetakers")),
        interpreters=_names(fields.get("interpreters")),
    )


def _participants(values: list[tuple[int, str]], notes: list[str]) -> tuple[HeaderParticipant, ...]:
    side: Side | None = None
    found: list[HeaderParticipant] = []
    for number, text in values:
        heading = _SIDE.fullmatch(text)
        if heading:
            side = "united_states" if heading["us"] else "russia"
            text = (heading["rest"] or "").strip()
            if not text:
                continue
        if text in KNOWN_PARTICIPANTS:
            known_side, name = KNOWN_PARTICIPANTS[text]
            found.append(HeaderParticipant(known_side, name, text))
        elif side is None:
            notes.append(f"line {number}: participant {text!r} left out: which side is not given")
        else:
            name, _, role = text.partition(",")
            found.append(HeaderParticipant(side, name.strip(), role.strip() or None))
    return tuple(found)
