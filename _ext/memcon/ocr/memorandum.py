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
from .header import Header, read_header
from .turns import (
    DEFAULT_SPEAKERS,
    ImportedTurn,
    TurnReader,
    check_speaker_ids,
    known_labels,
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
    #: Things the editor should look at (supplied page numbers, text left out of the header).
    notes: tuple[str, ...]


def read_ocr(text: str, speakers: Mapping[str, str] = DEFAULT_SPEAKERS) -> Memorandum:
    """Separate an OCR text into cover memorandum, header fields, turns and page breaks."""
    lines = numbered_lines(text)
    turn_start = turn_pattern(speakers)
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
    header, pages = read_header(lines[header_start:body_start], speakers, notes)
    if first_turn is None:
        raise OcrError(
            "no speaker turns found: expected lines beginning with a speaker label and a colon, "
            f"such as {known_labels(speakers)} (add other labels with --speaker LABEL=ID)"
        )
    reader = TurnReader(turn_start, speakers, pages, notes)
    for line in lines[body_start:]:
        reader.read(line)
    turns = reader.turns()
    check_speaker_ids(turns)
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
        notes=tuple(notes),
    )


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
