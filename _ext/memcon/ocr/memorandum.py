"""Reading one OCR text as a :class:`Memorandum`: the cover memorandum, the header, the
turns, the page breaks, and the provenance the page furniture gives."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from ..records import Classification
from . import provenance
from .errors import OcrError
from .furniture import OcrLine, numbered_lines
from .header import Header, is_header_line, read_header
from .speakers import FoundLabel, participant_ids, resolve
from .turns import (
    CLOSING,
    DEFAULT_SPEAKERS,
    LABEL_LIKE,
    ImportedTurn,
    TurnReader,
    known_labels,
    note_shared_ids,
    turn_pattern,
)

_TITLE = re.compile(r"MEMORANDUM OF (TELEPHONE )?CONVERSATION")


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
    #: Speaker id -> the name of the participant the speaker's labels were matched to.
    speaker_names: Mapping[str, str]
    #: Things the editor should look at (supplied page numbers, text left out of the header).
    notes: tuple[str, ...]


def read_ocr(
    text: str,
    speakers: Mapping[str, str] = DEFAULT_SPEAKERS,
    defaults: Mapping[str, str] = DEFAULT_SPEAKERS,
) -> Memorandum:
    """Separate an OCR text into cover memorandum, header fields, turns and page breaks.

    ``speakers`` are labels given with their speaker ids; every other label is matched to a
    participant of the header (:mod:`.speakers`), or to one of the ``defaults``.
    """
    lines = numbered_lines(text)
    given = turn_pattern(speakers)
    title = next((i for i, line in enumerate(lines) if _TITLE.fullmatch(line.text)), None)
    header_start = 0 if title is None else title + 1
    first_turn = next(
        (i for i in range(header_start, len(lines)) if _begins_turn(lines[i], given)), None
    )
    # The furniture just before the first turn may hold the number of the page it is on.
    body_start = len(lines) if first_turn is None else first_turn
    while body_start > header_start and (
        lines[body_start - 1].furniture or not lines[body_start - 1].text
    ):
        body_start -= 1
    notes: list[str] = []
    header, pages = read_header(lines[header_start:body_start], notes)
    if first_turn is None:
        raise OcrError(
            "no speaker turns found: expected lines beginning with a speaker label and a colon, "
            f"such as {known_labels(defaults)}, after the header"
        )
    labels = _labels(lines[first_turn:], given)
    resolved = resolve(labels, header.participants, speakers, defaults)
    reader = TurnReader(turn_pattern(resolved), resolved, pages, notes)
    for line in lines[body_start:]:
        reader.read(line)
    turns = reader.turns()
    note_shared_ids(turns, notes)
    memcon_text = lines if title is None else lines[title:]
    return Memorandum(
        kind=_kind(lines, title),
        header=header,
        cover=_cover_blocks(lines[: title or 0]),
        turns=turns,
        closing=reader.closing,
        pages=tuple(reader.pages),
        control_number=provenance.control_number(lines[:first_turn], notes),
        classification=provenance.classification(memcon_text, lines, notes),
        nw=provenance.first_number(r"NW\s*#\s*:?\s*(\d+)", lines),
        docid=provenance.first_number(r"Doc\s*Id\s*:?\s*(\d+)", lines),
        declassified=provenance.declassified(lines, notes),
        speaker_names={
            speaker: person.name
            for person, speaker in participant_ids(header.participants).items()
            if speaker in resolved.values()
        },
        notes=tuple(notes),
    )


def _begins_turn(line: OcrLine, given: re.Pattern[str]) -> bool:
    """Whether a line begins with a speaker label: a given one, or any that is not a header
    field ("SUBJECT:", "Russia:")."""
    if line.furniture or not line.text:
        return False
    return bool(given.match(line.text)) or (
        LABEL_LIKE.match(line.text) is not None and not is_header_line(line.text)
    )


def _labels(lines: list[OcrLine], given: re.Pattern[str]) -> list[FoundLabel]:
    """Each label that begins a line of the body, at the first line it does."""
    found: dict[str, FoundLabel] = {}
    for line in lines:
        if line.furniture or not line.text:
            continue
        if CLOSING.fullmatch(line.text):
            break
        match = given.match(line.text) or LABEL_LIKE.match(line.text)
        if match:
            found.setdefault(match["label"], FoundLabel(match["label"], line.number))
    return list(found.values())


def _kind(lines: list[OcrLine], title: int | None) -> Literal["memcon", "telcon"]:
    if title is not None:
        return "telcon" if "TELEPHONE" in lines[title].text else "memcon"
    return "telcon" if any("TELEPHONE CONVERSATION" in line.text for line in lines) else "memcon"


def _cover_blocks(lines: list[OcrLine]) -> tuple[tuple[str, ...], ...]:
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.text and not line.furniture:
            blocks[-1].append(line.text)
        elif blocks[-1]:
            blocks.append([])
    return tuple(tuple(block) for block in blocks if block)
