"""Speaker turns: the labels that begin them, and the reader that joins their text across
page furniture, keeping every word and the marking that ends each turn."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from ..schema import MARKING
from .errors import OcrError
from .furniture import OcrLine

#: Speaker labels the importer knows without being told, and their speaker ids.
DEFAULT_SPEAKERS: Mapping[str, str] = {"The President": "bush", "President Putin": "putin"}
CLOSING = re.compile(r"-+\s*End of (?:Telephone )?Conversation\s*-+", re.IGNORECASE)
_CONNECTIVE = r"of|the|for|and|de|von|van|al|bin"
_WORD = r"[A-Z][\w.'\u2019-]*"
#: A short capitalised label and a colon at the start of a line: "Secretary Rice: ...".
LABEL_LIKE = re.compile(rf"(?P<label>{_WORD}(?:\s+(?:{_WORD}|{_CONNECTIVE})){{0,4}})\s*:(?:\s|$)")
#: A classification marking ending a line, as a turn or the SUBJECT line ends.
TRAILING_MARKING = re.compile(rf"\s*({MARKING.pattern})$")


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


def turn_pattern(speakers: Mapping[str, str]) -> re.Pattern[str]:
    """A line that begins a turn: one of the ``speakers``' labels and a colon."""
    labels = sorted(speakers, key=len, reverse=True)
    alternatives = "|".join(re.escape(label) for label in labels)
    return re.compile(rf"(?P<label>{alternatives})\s*:(?:\s+(?P<rest>.*)|$)")


def known_labels(speakers: Mapping[str, str]) -> str:
    """The speakers' labels, listed for a message: ``'The President:', ...``."""
    return ", ".join(f"'{label}:'" for label in speakers)


def unknown_label(line: OcrLine, label: str, speakers: Mapping[str, str]) -> OcrError:
    """The error for a line that begins with a label none of the ``speakers`` has."""
    return OcrError(
        f"line {line.number}: {label + ':'!r} looks like a speaker label, but it is not a known "
        f"speaker; expected one of {known_labels(speakers)} "
        f"(to import it, name its speaker id: --speaker '{label}=ID')"
    )


class TurnReader:
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
        self._furniture: list[OcrLine] = []
        self._blank = False
        self.pages = list(pages)
        self.closing: str | None = None

    def read(self, line: OcrLine) -> None:
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
        if CLOSING.fullmatch(line.text):
            self.closing = " ".join([*breaks, line.text])
        elif turn := self._turn_start.match(line.text):
            first = [*breaks, turn["rest"]] if turn["rest"] else breaks
            self._turns.append((turn["label"], line.number, [first]))
        elif label := LABEL_LIKE.match(line.text):
            raise unknown_label(line, label["label"], self._speakers)
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
    marking = TRAILING_MARKING.search(texts[-1]) if texts else None
    if marking:
        texts[-1] = texts[-1][: marking.start()]
    return ImportedTurn(
        speaker=speaker,
        label=label,
        line=number,
        paragraphs=tuple(text for text in texts if text),
        marking=marking[1] if marking else None,
    )


def note_shared_ids(turns: tuple[ImportedTurn, ...], notes: list[str]) -> None:
    """Note each further label of one speaker ("Dr. Rice" beside "Secretary Rice"): the
    front matter names a speaker by the first label, and such a turn prints its own with
    ``:label:``."""
    first: dict[str, str] = {}
    noted: set[tuple[str, str]] = set()
    for turn in turns:
        label = first.setdefault(turn.speaker, turn.label)
        if label != turn.label and (turn.speaker, turn.label) not in noted:
            noted.add((turn.speaker, turn.label))
            notes.append(
                f"line {turn.line}: {turn.label!r} is the speaker {turn.speaker!r}, whose "
                f"first label is {label!r}; the turn keeps its own (:label:)"
            )
