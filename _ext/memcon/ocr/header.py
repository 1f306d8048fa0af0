"""The memorandum's header: SUBJECT, PARTICIPANTS, notetakers, interpreters, and the date,
time and place, as the archive's memorandums print them."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from ..wording import MONTHS
from .furniture import OcrLine
from .turns import TRAILING_MARKING

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
#: A side's heading among the participants: "U.S.:", "Russia:", "Russian Participants:".
_SIDE = re.compile(
    r"(?:(?P<us>U\.\s?S\.|United States|American)|(?P<ru>Russia|Russian Federation|Russian))"
    r"(?:\s+(?:side|Side|Participants|Delegation))?\s*(?::\s*(?P<rest>.*)|$)"
)
#: A role that a line break cut: it ends in a word that needs another after it.
_WRAPPED_ROLE_END = re.compile(r"\b(?:for|of|and|the|to|on|in|at|with)$|[-/&]$", re.IGNORECASE)
#: A notetaker or an interpreter written among the participants: "Thomas Graham, NSC Staff
#: (Notetaker)".
_INLINE_DUTY = re.compile(
    r"(?P<person>.+?)\s*\((?P<duty>note\s?-?taker|interpreter)\)", re.IGNORECASE
)
#: A rank before a full name: "President Vladimir Putin", "Foreign Minister Igor Ivanov".
_RANK = re.compile(
    r"((?:Vice |Deputy |Prime |Foreign |Defense |Defence )?(?:President|Secretary|Minister"
    r"|Ambassador|General|Admiral|Senator|Governor|Chairman|Director|Dr\.|Mr\.|Mrs\.|Ms\.)"
    r"(?: of [A-Z][a-z]+)?)\s+"
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
    #: The line of the OCR text the participant is listed on.
    line: int | None = field(default=None, compare=False)


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


def read_header(lines: list[OcrLine], notes: list[str]) -> tuple[Header, list[str]]:
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
        found = header_field(line.text)
        if found is not None:
            current, value = found
            fields.setdefault(current, [])
            if value:
                fields[current].append((line.number, value))
        elif current is None:
            notes.append(f"line {line.number}: text in the header left out: {line.text!r}")
        else:
            fields[current].append((line.number, line.text))
    return _header(fields, notes), pages


def is_header_line(text: str) -> bool:
    """Whether a line opens a header field or a side of the participants (``Russia:``)."""
    return header_field(text) is not None or _SIDE.fullmatch(text) is not None


def header_field(text: str) -> tuple[str, str] | None:
    for pattern, name in _HEADER_FIELDS:
        match = pattern.fullmatch(text)
        if match:
            return name, match[1].strip()
    return None


def _joined(values: list[tuple[int, str]] | None) -> str | None:
    return (" ".join(text for _, text in values) or None) if values else None


def _names(values: list[tuple[int, str]] | None) -> tuple[str, ...]:
    """The names of a field, one a line or several to a line, separated by commas or "and"."""
    return tuple(
        name.strip()
        for _, text in values or ()
        for name in re.split(r",|\band\b", text)
        if name.strip()
    )


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
    listed = _participants(fields.get("participants", []), notes)
    return Header(
        subject=subject,
        subject_marking=subject_marking,
        date=date,
        date_line=when_lines[0][0] if date is not None else None,
        time=time,
        place=place,
        participants=listed.participants,
        notetakers=_names(fields.get("notetakers")) + listed.notetakers,
        interpreters=_names(fields.get("interpreters")) + listed.interpreters,
    )


@dataclass
class _Listed:
    """The PARTICIPANTS field read: participants, and those marked (Notetaker) or
    (Interpreter) among them."""

    participants: tuple[HeaderParticipant, ...] = ()
    notetakers: tuple[str, ...] = ()
    interpreters: tuple[str, ...] = ()


def _participants(values: list[tuple[int, str]], notes: list[str]) -> _Listed:
    side: Side | None = None
    listed = _Listed()
    for number, text in values:
        heading = _SIDE.fullmatch(text)
        if heading:
            side = "united_states" if heading["us"] else "russia"
            text = (heading["rest"] or "").strip()
            if not text:
                continue
        if _continues_role(listed.participants, text):
            last = listed.participants[-1]
            wrapped = HeaderParticipant(last.side, last.name, f"{last.role} {text}", last.line)
            listed.participants = (*listed.participants[:-1], wrapped)
        elif inline := _INLINE_DUTY.fullmatch(text):
            name = inline["person"].partition(",")[0].strip()
            if inline["duty"].lower().startswith("interpreter"):
                listed.interpreters = (*listed.interpreters, name)
            else:
                listed.notetakers = (*listed.notetakers, name)
        elif (participant := _participant(side, text, number)) is not None:
            listed.participants = (*listed.participants, participant)
        else:
            notes.append(f"line {number}: participant {text!r} left out: which side is not given")
    return listed


def _continues_role(found: tuple[HeaderParticipant, ...], text: str) -> bool:
    """Whether a line is the rest of the previous participant's role, wrapped."""
    if not found or found[-1].role is None or "," in text or _INLINE_DUTY.fullmatch(text):
        return False
    return bool(_WRAPPED_ROLE_END.search(found[-1].role) or text[:1].islower())


def _participant(side: Side | None, text: str, line: int) -> HeaderParticipant | None:
    """A participant line: a known role, "Name, Role", or a rank and a full name."""
    if text in KNOWN_PARTICIPANTS:
        known_side, name = KNOWN_PARTICIPANTS[text]
        return HeaderParticipant(known_side, name, text, line)
    name, comma, role = text.partition(",")
    rank = None if comma else _RANK.match(name)
    if rank and len(name[rank.end() :].split()) >= 2:
        name, role = name[rank.end() :], rank[1]
    known = {person: known_side for known_side, person in KNOWN_PARTICIPANTS.values()}
    side = known.get(name.strip(), side)
    if side is None:
        return None
    return HeaderParticipant(side, name.strip(), role.strip() or None, line)
