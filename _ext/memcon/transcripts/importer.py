"""Import the archive's OCR text of a memorandum of conversation as a transcript page.

The OCR text mixes the memorandum with its page furniture (classification banners and
blocks, NW#/DocId stamps, letterheads, page numbers). :func:`read_ocr` separates them into a
:class:`Memorandum`: the cover memorandum (kept verbatim), the header fields, the speaker
turns with their markings, the page breaks, and the provenance the furniture gives (control
number, classification block, declassification stamp); :func:`render_page` writes the MyST
page described in the edition's design. The spoken words are never changed.

Command line::

    python -m memcon.transcripts.importer SRC --id ID [--out DIR] [--speaker LABEL=ID ...]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

from ..dates import MONTHS, written
from ..records import Classification
from ..schema import (
    ID_EXPECTED,
    MARKING,
    SPEAKER_ID,
    SPEAKER_ID_EXPECTED,
    TRANSCRIPT_ID,
    FrontMatterError,
    parse_front_matter,
    validate,
)

#: Speaker labels the importer knows without being told, and their speaker ids.
DEFAULT_SPEAKERS: Mapping[str, str] = {"The President": "bush", "President Putin": "putin"}
Side = Literal["united_states", "russia"]
#: Participants the memorandums list by role alone: role -> (side, name).
KNOWN_PARTICIPANTS: Mapping[str, tuple[Side, str]] = {
    "The President": ("united_states", "George W. Bush"),
    "President Putin": ("russia", "Vladimir Putin"),
}
#: The archive that holds every document of the edition; no OCR text names it.
REPOSITORY = "George W. Bush Presidential Library"

#: A banner, its caveats kept whole: ``SECRET//NOFORN``, struck through or not.
_BANNER = re.compile(
    r"(?:~~)?\s*((?:TOP SECRET|SECRET|CONFIDENTIAL|UNCLASSIFIED)(?://[A-Z][A-Z0-9 /,-]*)?)"
    r"\s*(?:~~)?"
)
#: The fields of a classification block, each on a line of its own.
_BLOCK = {
    "classified_by": re.compile(r"Classified [Bb]y\s*:\s*(.*)"),
    "reason": re.compile(r"Reason\s*:\s*(\d[\d.()a-z,\s]*)"),
    "declassify_on": re.compile(r"Declassify [Oo]n\s*:\s*(.*)"),
}
_LETTERHEAD = re.compile(
    r"THE WHITE HOUSE|WASHINGTON|NATIONAL SECURITY COUNCIL|WASHINGTON,? D\.?\s?C\.?(?:\s+\d{5})?"
)
_NUMBER = re.compile(r"\d{1,5}")  # page numbers, and control numbers such as 2569
_FURNITURE = (
    _BANNER,
    *_BLOCK.values(),
    re.compile(r"Derived [Ff]rom\s*:.*"),
    re.compile(r"Declassified Case\b.*"),
    re.compile(r"NW\s*#.*"),
    re.compile(r"Doc\s?I[dD]\b.*"),
    re.compile(r"\d{1,2}-\d{1,2}-\d{4}"),  # the date of a declassification stamp, wrapped
    _NUMBER,
    _LETTERHEAD,
)
_TITLE = re.compile(r"MEMORANDUM OF (TELEPHONE )?CONVERSATION")
_CLOSING = re.compile(r"-+\s*End of (?:Telephone )?Conversation\s*-+", re.IGNORECASE)
_CONNECTIVE = r"of|the|for|and|de|von|van|al|bin"
_WORD = r"[A-Z][\w.'\u2019-]*"
#: A short capitalised label and a colon at the start of a line: "Secretary Rice: ...".
_LABEL_LIKE = re.compile(rf"(?P<label>{_WORD}(?:\s+(?:{_WORD}|{_CONNECTIVE})){{0,4}})\s*:(?:\s|$)")
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
_DECLASSIFIED = re.compile(
    r"Declassified Case\b.{0,80}?Date\s*:?\s*(\d{1,2})[-/](\d{1,2})[-/](\d{4})"
)
_TRAILING_MARKING = re.compile(rf"\s*({MARKING.pattern})$")
_PROSE_LINE = 55  # a cover line at least this long was wrapped by the typist: prose, not a list


class OcrError(ValueError):
    """The OCR text cannot be imported; the message says where and what was expected."""


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


@dataclass(frozen=True)
class ImportedTurn:
    """One speaker's turn, its text as MyST paragraphs with ``{page}`` roles where pages begin."""

    speaker: str
    label: str
    #: Line of the OCR text where the turn begins.
    line: int
    paragraphs: tuple[str, ...]
    #: The trailing classification marking as printed, e.g. ``(U)`` or ``~~(S)~~``.
    marking: str | None


@dataclass(frozen=True)
class Memorandum:
    """What the importer read from one OCR text."""

    kind: Literal["memcon", "telcon"]
    header: Header
    #: The cover memorandum's blocks of lines, verbatim; empty when there is none.
    cover: tuple[tuple[str, ...], ...]
    turns: tuple[ImportedTurn, ...]
    #: The closing line ("--End of Conversation--"), with any page break before it.
    closing: str | None
    #: Page labels in order: "1", then "2", "[3]" (supplied), "4", ...
    pages: tuple[str, ...]
    #: The number standing by a letterhead, as printed (the NSC's ``2569``).
    control_number: str | None
    #: The banner and the classification block, the memorandum's own before the cover's.
    classification: Classification
    #: The declassification stamp: the case (NW#), the DocId, the date.
    nw: str | None
    docid: str | None
    declassified: dt.date | None
    #: Things the editor should look at (supplied page numbers, text left out of the header).
    notes: tuple[str, ...]


@dataclass(frozen=True)
class ImportedPage:
    """A transcript page made from an OCR text."""

    text: str
    memorandum: Memorandum


@dataclass(frozen=True)
class _Line:
    number: int
    text: str
    furniture: bool


def import_ocr(
    text: str, transcript_id: str, speakers: Mapping[str, str] = DEFAULT_SPEAKERS
) -> ImportedPage:
    """Read an OCR text and write its transcript page (``speakers``: label -> speaker id).

    Raises :class:`OcrError` when the id is malformed or disagrees with the document's date,
    or the text cannot be read as a memorandum of conversation.
    """
    if not TRANSCRIPT_ID.fullmatch(transcript_id):
        raise OcrError(f"invalid id {transcript_id!r}: expected {ID_EXPECTED}")
    memorandum = read_ocr(text, speakers)
    document_date = memorandum.header.date
    if document_date is not None and document_date.isoformat() != transcript_id[:10]:
        raise OcrError(
            f"the id {transcript_id!r} does not agree with the document's date, "
            f"{written(document_date)} (line {memorandum.header.date_line}); "
            f"expected an id beginning with {document_date.isoformat()}"
        )
    page = render_page(memorandum, transcript_id)
    try:
        validate(*parse_front_matter(page))
    except FrontMatterError as error:
        raise OcrError(f"the front matter made from this text is not valid: {error}") from None
    return ImportedPage(page, memorandum)


def read_ocr(text: str, speakers: Mapping[str, str] = DEFAULT_SPEAKERS) -> Memorandum:
    """Separate an OCR text into cover memorandum, header fields, turns and page breaks."""
    lines = [
        _Line(number, line.strip(), _is_furniture(line.strip()))
        for number, line in enumerate(text.removeprefix("\ufeff").splitlines(), start=1)
    ]
    turn_start = _turn_pattern(speakers)
    title = next((i for i, line in enumerate(lines) if _TITLE.fullmatch(line.text)), None)
    first_turn = next(
        (
            i
            for i, line in enumerate(lines)
            if i > (title if title is not None else -1)
            and not line.furniture
            and turn_start.match(line.text)
        ),
        None,
    )
    header_start = 0 if title is None else title + 1
    # The furniture just before the first turn may hold the number of the page it is on.
    body_start = len(lines) if first_turn is None else first_turn
    while body_start > header_start and (
        lines[body_start - 1].furniture or not lines[body_start - 1].text
    ):
        body_start -= 1
    notes: list[str] = []
    header, pages = _read_header(lines[header_start:body_start], speakers, notes)
    if first_turn is None:
        raise OcrError(
            "no speaker turns found: expected lines beginning with a speaker label and a colon, "
            f"such as {_labels(speakers)} (add other labels with --speaker LABEL=ID)"
        )
    reader = _TurnReader(turn_start, speakers, pages, notes)
    for line in lines[body_start:]:
        reader.read(line)
    turns = reader.turns()
    _check_speaker_ids(turns)
    memcon_text = lines if title is None else lines[title:]
    return Memorandum(
        kind=_kind(lines, title),
        header=header,
        cover=_cover_blocks(lines[: title or 0]),
        turns=turns,
        closing=reader.closing,
        pages=tuple(reader.pages),
        control_number=_control_number(lines[:first_turn], notes),
        classification=_classification(memcon_text, lines, notes),
        nw=_first_number(r"NW\s*#\s*:?\s*(\d+)", lines),
        docid=_first_number(r"Doc\s*Id\s*:?\s*(\d+)", lines),
        declassified=_declassified(lines, notes),
        notes=tuple(notes),
    )


def _is_furniture(text: str) -> bool:
    return any(pattern.fullmatch(text) for pattern in _FURNITURE)


def _turn_pattern(speakers: Mapping[str, str]) -> re.Pattern[str]:
    labels = sorted(speakers, key=len, reverse=True)
    alternatives = "|".join(re.escape(label) for label in labels)
    return re.compile(rf"(?P<label>{alternatives})\s*:(?:\s+(?P<rest>.*)|$)")


def _labels(speakers: Mapping[str, str]) -> str:
    return ", ".join(f"'{label}:'" for label in speakers)


def _unknown_label(line: _Line, label: str, speakers: Mapping[str, str]) -> OcrError:
    return OcrError(
        f"line {line.number}: {label + ':'!r} looks like a speaker label, but it is not a known "
        f"speaker; expected one of {_labels(speakers)} "
        f"(to import it, name its speaker id: --speaker '{label}=ID')"
    )


def _kind(lines: list[_Line], title: int | None) -> Literal["memcon", "telcon"]:
    if title is not None:
        return "telcon" if "TELEPHONE" in lines[title].text else "memcon"
    return "telcon" if any("TELEPHONE CONVERSATION" in line.text for line in lines) else "memcon"


def _cover_blocks(lines: list[_Line]) -> tuple[tuple[str, ...], ...]:
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.text and not line.furniture:
            blocks[-1].append(line.text)
        elif blocks[-1]:
            blocks.append([])
    return tuple(tuple(block) for block in blocks if block)


def _read_header(
    lines: list[_Line], speakers: Mapping[str, str], notes: list[str]
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
        label = _LABEL_LIKE.match(line.text)
        if label and not (current == "participants" and _SIDE.match(line.text)):
            raise _unknown_label(line, label["label"], speakers)
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
        marking = _TRAILING_MARKING.search(subject)
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


class _TurnReader:
    """Reads the turns line by line, joining text across page furniture."""

    def __init__(
        self,
        turn_start: re.Pattern[str],
        speakers: Mapping[str, str],
        pages: list[str],
        notes: list[str],
    ) -> None:
        self._turn_start = turn_start
        self._speakers = speakers
        self._page = int(pages[-1])
        self._notes = notes
        self._turns: list[tuple[str, int, list[list[str]]]] = []
        self._furniture: list[_Line] = []
        self._blank = False
        self.pages = list(pages)
        self.closing: str | None = None

    def read(self, line: _Line) -> None:
        """Take the next line of the text."""
        if self.closing is not None:
            if line.text and not line.furniture:
                raise OcrError(
                    f"line {line.number}: text after {self.closing!r}: {line.text!r}; "
                    "expected only page furniture after the end of the conversation"
                )
            return
        if not line.text:
            self._blank = True
            return
        if line.furniture:
            self._furniture.append(line)
            return
        breaks = self._page_breaks()
        if _CLOSING.fullmatch(line.text):
            self.closing = " ".join([*breaks, line.text])
        elif turn := self._turn_start.match(line.text):
            first = [*breaks, turn["rest"]] if turn["rest"] else breaks
            self._turns.append((turn["label"], line.number, [first]))
        elif label := _LABEL_LIKE.match(line.text):
            raise _unknown_label(line, label["label"], self._speakers)
        else:
            self._continue_turn(line.text, breaks)
        self._blank = False

    def _continue_turn(self, text: str, breaks: list[str]) -> None:
        paragraphs = self._turns[-1][2]
        # A page break joins the text on either side: the OCR's blank lines around
        # the furniture are not paragraph breaks.
        has_text = any(not piece.startswith("{page}") for piece in paragraphs[-1])
        if self._blank and not breaks and has_text:
            paragraphs.append([text])
        else:
            paragraphs[-1].extend([*breaks, text])

    def _page_breaks(self) -> list[str]:
        """Page roles for the furniture just passed: a page number there names the next page."""
        if not self._furniture:
            return []
        run, self._furniture = self._furniture, []
        labels: list[str] = []
        for line in run:
            if not line.text.isdigit():
                continue
            number = int(line.text)
            if self._page < number <= self._page + 3:
                if number != self._page + 1:
                    self._notes.append(f"line {line.number}: page {number} follows {self._page}")
                self._page = number
                labels.append(str(number))
            else:
                self._notes.append(f"line {line.number}: number {number} read as furniture")
        if not labels and not self._turns:
            return []  # the furniture at the top of the page the turns begin on
        if not labels:
            self._page += 1
            labels.append(f"[{self._page}]")
            self._notes.append(
                f"line {run[0].number}: page {self._page} has no number in the OCR text; "
                f"supplied as [{self._page}]"
            )
        self.pages.extend(labels)
        return [f"{{page}}`{label}`" for label in labels]

    def turns(self) -> tuple[ImportedTurn, ...]:
        """The turns read, each with its trailing marking split off."""
        return tuple(
            _turn(label, self._speakers[label], number, paragraphs)
            for label, number, paragraphs in self._turns
        )


def _turn(label: str, speaker: str, number: int, paragraphs: list[list[str]]) -> ImportedTurn:
    texts = [" ".join(pieces) for pieces in paragraphs if pieces]
    marking = _TRAILING_MARKING.search(texts[-1]) if texts else None
    if marking:
        texts[-1] = texts[-1][: marking.start()]
    return ImportedTurn(
        speaker=speaker,
        label=label,
        line=number,
        paragraphs=tuple(text for text in texts if text),
        marking=marking[1] if marking else None,
    )


def _check_speaker_ids(turns: tuple[ImportedTurn, ...]) -> None:
    labels: dict[str, str] = {}
    for turn in turns:
        other = labels.setdefault(turn.speaker, turn.label)
        if other != turn.label:
            raise OcrError(
                f"line {turn.line}: the labels {other!r} and {turn.label!r} both have the speaker "
                f"id {turn.speaker!r}; expected one label for each speaker id"
            )


def _first_number(pattern: str, lines: list[_Line]) -> str | None:
    for line in lines:
        match = re.search(pattern, line.text, re.IGNORECASE)
        if match:
            return match[1]
    return None


def _control_number(lines: list[_Line], notes: list[str]) -> str | None:
    """The number printed by a letterhead before the turns; a different one is noted."""
    printed = [line for line in lines if line.text]
    found = [
        line
        for at, line in enumerate(printed)
        if _NUMBER.fullmatch(line.text)
        and any(_LETTERHEAD.fullmatch(other.text) for other in printed[max(at - 1, 0) : at + 2])
    ]
    for line in found[1:]:
        if line.text != found[0].text:
            notes.append(
                f"line {line.number}: control number {line.text} differs from "
                f"{found[0].text} (line {found[0].number}), which the front matter gives"
            )
    return found[0].text if found else None


def _classification(own: list[_Line], lines: list[_Line], notes: list[str]) -> Classification:
    """The banner most printed and the classification block, the memorandum's own (``own``:
    from its title on) before the cover memorandum's."""
    own_numbers = {line.number for line in own}
    ordered = own + [line for line in lines if line.number not in own_numbers]
    fields: dict[str, str | None] = {}
    for name, pattern in _BLOCK.items():
        printed = _printed(pattern, ordered)
        fields[name] = printed[0][1] if printed else None
        for number, value in printed[1:]:
            if value != fields[name]:
                notes.append(
                    f"line {number}: {name} reads {value!r}; the front matter gives "
                    f"{fields[name]!r}, the memorandum's own (line {printed[0][0]})"
                )
    return Classification(banner=_banner(own) or _banner(lines), **fields)


def _printed(pattern: re.Pattern[str], lines: list[_Line]) -> list[tuple[int, str]]:
    return [
        (line.number, match[1].strip())
        for line in lines
        if line.furniture and (match := pattern.fullmatch(line.text))
    ]


def _banner(lines: list[_Line]) -> str | None:
    levels = Counter(
        banner[1].strip()
        for line in lines
        if line.furniture and (banner := _BANNER.fullmatch(line.text))
    )
    return levels.most_common(1)[0][0] if levels else None


def _declassified(lines: list[_Line], notes: list[str]) -> dt.date | None:
    match = _DECLASSIFIED.search(" ".join(line.text for line in lines))
    if not match:
        return None
    month, day, year = (int(part) for part in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        notes.append(f"the declassification date {match[0]!r} is not a date; left out")
        return None


def render_page(memorandum: Memorandum, transcript_id: str) -> str:
    """The transcript page (MyST Markdown with YAML front matter) for ``memorandum``."""
    date = memorandum.header.date or dt.date.fromisoformat(transcript_id[:10])
    kind = "Telephone Conversation" if memorandum.kind == "telcon" else "Conversation"
    parts = [
        "---\n" + "\n".join(_yaml(front_matter(memorandum, transcript_id))) + "\n---",
        f"# Memorandum of {kind}, {written(date)}",
    ]
    if memorandum.cover:
        blocks = "\n\n".join(_cover_block(block) for block in memorandum.cover)
        parts.append(f"::::{{cover-memorandum}}\n{blocks}\n::::")
    parts.append("```{transcript-header}\n```")
    for number, turn in enumerate(memorandum.turns, start=1):
        options = f":id: t{number:02d}\n" + (f":marking: {turn.marking}\n" if turn.marking else "")
        body = "\n\n".join(_escape_block_start(text) for text in turn.paragraphs)
        parts.append(f":::{{turn}} {turn.speaker}\n{options}\n{body}\n:::")
    if memorandum.closing:
        parts.append(f":::{{closing}}\n{memorandum.closing}\n:::")
    return "\n\n".join(parts) + "\n"


def front_matter(memorandum: Memorandum, transcript_id: str) -> dict[str, object]:
    """The page's front matter, in the order the page gives it."""
    header = memorandum.header
    date = header.date or dt.date.fromisoformat(transcript_id[:10])
    title = re.sub(r"\.$", "", header.subject) if header.subject else None
    kind = "Telephone Conversation" if memorandum.kind == "telcon" else "Conversation"
    return {
        "id": transcript_id,
        "date": date,
        "kind": memorandum.kind,
        "title": title or f"Memorandum of {kind}, {written(date)}",
        "subject": header.subject,
        "subject_marking": header.subject_marking,
        "time": header.time,
        "place": header.place,
        "status": "transcribed",
        "participants": {
            side: [{"name": p.name, "role": p.role} for p in header.participants if p.side == side]
            for side in ("united_states", "russia")
        },
        "notetakers": list(header.notetakers),
        "interpreters": list(header.interpreters),
        "speakers": {turn.speaker: turn.label for turn in memorandum.turns},
        "topics": [],
        "source": {
            "repository": REPOSITORY,
            "posting": None,
            "posting_date": None,
            "document": None,
            "url": None,
            "control_number": memorandum.control_number,
            "classification": asdict(memorandum.classification),
            "nw": memorandum.nw,
            "docid": memorandum.docid,
            "declassified": memorandum.declassified,
        },
    }


def _yaml(mapping: Mapping[str, object], indent: str = "") -> list[str]:
    lines: list[str] = []
    for key, value in mapping.items():
        if isinstance(value, Mapping) and value:
            lines.append(f"{indent}{key}:")
            lines.extend(_yaml(value, indent + "  "))
        elif isinstance(value, list) and any(isinstance(item, Mapping) for item in value):
            lines.append(f"{indent}{key}:")
            lines.extend(f"{indent}  - {_flow(item)}" for item in value)
        else:
            lines.append(f"{indent}{key}: {_flow(value)}")
    return lines


def _flow(value: object) -> str:
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{key}: {_flow(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(item) for item in value) + "]"
    if value is None:
        return "null"
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    plain = re.fullmatch(r"[a-z][a-z0-9_-]*", text) and text not in ("null", "true", "false")
    return text if plain else json.dumps(text, ensure_ascii=False)


def _cover_block(lines: tuple[str, ...]) -> str:
    if len(lines) > 1 and all(len(line) >= _PROSE_LINE for line in lines[:-1]):
        return _escape_block_start(" ".join(lines))
    # A backslash at the end of a line is a hard line break in MyST.
    return "\\\n".join(_escape_block_start(line) for line in lines)


def _escape_block_start(text: str) -> str:
    """Keep a line that begins like Markdown block syntax (a list, a heading...) as text."""
    ordered = re.match(r"(\d{1,9})([.)])(\s|$)", text)
    if ordered:
        return f"{ordered[1]}\\{text[len(ordered[1]) :]}"
    if re.match(r"(#{1,6}|[-+*])(\s|$)|>|`{3}|~{3}|:{3}", text) or re.fullmatch(
        r"([-*_])(\s*\1){2,}\s*", text
    ):
        return "\\" + text
    return text


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: import SRC as DIR/ID.md; exit status 1 with a message when it cannot."""
    parser = _argument_parser()
    args = parser.parse_args(argv)
    speakers = {**DEFAULT_SPEAKERS, **dict(args.speaker)}
    try:
        if not TRANSCRIPT_ID.fullmatch(args.id):
            raise OcrError(f"invalid --id {args.id!r}: expected {ID_EXPECTED}")
        if not args.out.is_dir():
            raise OcrError(f"the output directory {args.out} does not exist")
        target = args.out / f"{args.id}.md"
        if target.exists():
            raise OcrError(f"refusing to overwrite {target}: the page exists; remove it first")
        imported = import_ocr(_read_text(args.src), args.id, speakers)
        _write_new(target, imported.text)
    except OcrError as error:
        print(f"{args.src}: error: {error}", file=sys.stderr)
        return 1
    memorandum = imported.memorandum
    for note in memorandum.notes:
        print(f"{args.src}: note: {note}", file=sys.stderr)
    print(
        f"wrote {target}: {len(memorandum.turns)} turns, pages {', '.join(memorandum.pages)}"
        + (", cover memorandum" if memorandum.cover else "")
    )
    return 0


def _argument_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m memcon.transcripts.importer",
        description="Import an archive OCR text of a memorandum of conversation as a "
        "transcript page DIR/ID.md. An existing page is never overwritten.",
    )
    parser.add_argument("src", type=Path, metavar="SRC", help="the OCR text (UTF-8)")
    parser.add_argument("--id", required=True, help="the transcript id, e.g. 2003-03-18")
    parser.add_argument(
        "--out",
        type=Path,
        default=Path("transcripts"),
        metavar="DIR",
        help="the directory to write the page into (default: transcripts)",
    )
    parser.add_argument(
        "--speaker",
        action="append",
        default=[],
        type=_speaker_option,
        metavar="LABEL=ID",
        help="a further speaker label and its speaker id, e.g. 'Secretary Rice=rice' "
        f"(known: {', '.join(f'{label}={id_}' for label, id_ in DEFAULT_SPEAKERS.items())})",
    )
    return parser


def _speaker_option(value: str) -> tuple[str, str]:
    label, equals, speaker = value.rpartition("=")
    label, speaker = label.strip(), speaker.strip()
    if not equals or not label:
        raise argparse.ArgumentTypeError(
            f"expected LABEL=ID, e.g. 'Secretary Rice=rice', got {value!r}"
        )
    if not SPEAKER_ID.fullmatch(speaker):
        raise argparse.ArgumentTypeError(
            f"expected {SPEAKER_ID_EXPECTED} after '=', got {speaker!r}"
        )
    return label, speaker


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise OcrError(f"cannot read the file: {error.strerror}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise OcrError(
            f"not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start}); "
            "expected the OCR text in UTF-8"
        ) from None


def _write_new(target: Path, text: str) -> None:
    try:
        with target.open("x", encoding="utf-8", newline="\n") as page:
            page.write(text)
    except FileExistsError:
        raise OcrError(
            f"refusing to overwrite {target}: the page exists; remove it first"
        ) from None
    except OSError as error:
        raise OcrError(f"cannot write {target}: {error.strerror}") from None


if __name__ == "__main__":
    sys.exit(main())
