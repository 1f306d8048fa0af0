"""Records the domain stores: small, frozen and picklable, shared by every module.

Directives, roles and collectors create them; the domain stores them; the verdict step reads
them.  Nothing here imports the domain, so imports flow one way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property


class Status(StrEnum):
    """A quotation's status, as the contract names them, in the report's order."""

    verified = "verified"
    misquoted = "misquoted"
    misattributed = "misattributed"
    not_found = "not_found"
    sic = "sic"
    pending = "pending"
    exempt = "exempt"

    @property
    def failing(self) -> bool:
        """Whether the status fails a build with ``-W`` (and ``make quotecheck``)."""
        return self in (Status.misquoted, Status.misattributed, Status.not_found)

    @property
    def departs(self) -> bool:
        """Whether the quotation departs from its named source (failing, or recorded with
        ``{sic}``): its words are then looked for in the other conversations."""
        return self.failing or self is Status.sic

    @property
    def linked(self) -> bool:
        """Whether the quotation links to the passage it was found in (not only to its
        conversation)."""
        return self in (Status.verified, Status.misquoted, Status.misattributed, Status.sic)


@dataclass(frozen=True)
class Participant:
    """One person at a conversation, as its front matter lists them."""

    side: str  #: ``united_states`` or ``russia``
    name: str  #: the person's name, as the register spells it
    role: str | None  #: the role the document or the catalogue gives, if any


@dataclass(frozen=True)
class Classification:
    """A document's classification: its banner and its classification block, as printed."""

    banner: str | None  #: the banner, caveats kept whole: ``CONFIDENTIAL``, ``SECRET//NOFORN``
    classified_by: str | None  #: the block's "Classified by:", a name as printed
    reason: str | None  #: the block's "Reason:", e.g. ``1.5(d)``
    declassify_on: str | None  #: the block's "Declassify on:", e.g. ``3/19/13``


@dataclass(frozen=True)
class Conversation:
    """The metadata of one conversation, read from its transcript page's front matter."""

    id: str  #: ``YYYY-MM-DD`` (``-b``, ``-c`` for a second, third on one day)
    docname: str  #: the transcript page, e.g. ``transcripts/2003-03-18``
    title: str
    date: str  #: ISO date
    kind: str  #: ``memcon`` or ``telcon``
    status: str  #: ``transcribed`` or ``pending``
    time: str | None
    place: str | None
    subject: str | None
    subject_marking: str | None
    participants: tuple[Participant, ...]
    notetakers: tuple[str, ...]
    interpreters: tuple[str, ...]
    speakers: tuple[tuple[str, str], ...]  #: (speaker id, label in the document)
    topics: tuple[str, ...]
    #: the archive's identifiers, as (field, value) pairs: ``posting``, ``posting_date``,
    #: ``document``, ``url``, and the declassification stamp's ``nw``, ``docid``, ``declassified``
    source: tuple[tuple[str, str], ...]
    repository: str | None  #: the archive that holds the original
    control_number: str | None  #: the document's control number as printed (``2569``)
    classification: Classification  #: all ``None`` when the front matter gives none

    @cached_property
    def speaker_ids(self) -> frozenset[str]:
        """The speaker ids the front matter declares."""
        return frozenset(sid for sid, _ in self.speakers)

    @cached_property
    def _labels(self) -> dict[str, str]:
        return dict(self.speakers)

    def speaker_label(self, speaker: str) -> str:
        """The label the document uses for ``speaker``."""
        return self._labels.get(speaker, speaker)

    def participant_of(self, speaker: str) -> Participant | None:
        """The participant a speaker id stands for: the one whose role, or name, is the
        label the document gives the speaker; else the one participant whose surname the
        label names ("Secretary Rice", "Dr. Rice"), two of one surname told apart by the
        words of their roles ("Foreign Minister Ivanov")."""
        label = self.speaker_label(speaker).casefold()
        for participant in self.participants:
            if label in (participant.name.casefold(), (participant.role or "").casefold()):
                return participant
        words = set(label.replace(".", " ").split())
        named = [p for p in self.participants if p.name and p.name.casefold().split()[-1] in words]
        if len(named) > 1:
            # Told apart by how many words of its role the label has ("Foreign Minister
            # Ivanov" is the Minister of Foreign Affairs, not the Minister of Defense).
            shared = {id(p): len(words & set((p.role or "").casefold().split())) for p in named}
            most = max(shared.values())
            named = [p for p in named if shared[id(p)] == most]
        return named[0] if len(named) == 1 else None

    def source_field(self, name: str) -> str | None:
        """One archive identifier (``nw``, ``docid``, ``url``...), or ``None``."""
        return dict(self.source).get(name)


#: A turn's fields, in order, as a plain tuple (see :meth:`Turn.row`).
TurnRow = tuple[str, str, str, tuple[str, ...], int, tuple[tuple[int, str], ...]]
#: The same fields of a page's turns, column by column: each turn's id, then each one's
#: speaker, and so on (see :meth:`memcon.domain.MemconDomain.turn_columns`).
TurnColumns = tuple[
    tuple[str, ...],
    tuple[str, ...],
    tuple[str, ...],
    tuple[tuple[str, ...], ...],
    tuple[int, ...],
    tuple[tuple[tuple[int, str], ...], ...],
]


@dataclass(frozen=True)
class Turn:
    """One speaker turn of a transcribed conversation: its spoken words only."""

    id: str  #: the turn's stable id, unique in its page (``t05``)
    speaker: str  #: speaker id
    text: str  #: the spoken text: no label, marking, page number or note
    pages: tuple[str, ...]  #: the document pages the turn runs over, e.g. ``("1", "2")``
    line: int  #: line of the turn directive in its page
    breaks: tuple[tuple[int, str], ...] = ()  #: (offset in ``text``, page) where pages begin

    def row(self) -> TurnRow:
        """The turn's fields in order, as a plain tuple: ``Turn(*turn.row())`` is the turn."""
        return (self.id, self.speaker, self.text, self.pages, self.line, self.breaks)

    def page_at(self, offset: int) -> str:
        """The document page on which the character at ``offset`` stands."""
        page = self.pages[0]
        for at, number in self.breaks:
            if at <= offset:
                page = number
        return page


#: A piece of a note or of the cover memorandum, ``(kind, text)``: ``text`` (plain words),
#: ``struck`` (words struck through), ``bold``, ``lb`` (a line break, no text), ``cite`` (the
#: bibliography keys of a citation, comma-separated), ``note`` (the number of a note there).
Piece = tuple[str, str]


@dataclass(frozen=True)
class Note:
    """An editorial note of a transcript page: where it stands and what it says."""

    number: str  #: its number on the page, as shown
    turn: str | None  #: the turn it stands in; ``None`` in the cover memorandum
    offset: int  #: where it stands in the turn's text (0 in the cover memorandum)
    pieces: tuple[Piece, ...]  #: its words, its citations as ``cite`` pieces

    @property
    def text(self) -> str:
        """The note's words, each citation as its keys in parentheses."""
        return "".join(f"({text})" if kind == "cite" else text for kind, text in self.pieces)

    @property
    def references(self) -> tuple[str, ...]:
        """The bibliography keys the note cites, in order."""
        keys = (
            key.strip() for kind, text in self.pieces if kind == "cite" for key in text.split(",")
        )
        return tuple(dict.fromkeys(key for key in keys if key))


@dataclass(frozen=True)
class Apparatus:
    """What a transcript page holds besides its turns' spoken words: the markings, the
    supplied page numbers, the notes, the cover memorandum and the closing line."""

    markings: tuple[tuple[str, str, bool], ...] = ()  #: (turn id, marking as printed, struck)
    supplied: tuple[str, ...] = ()  #: the page numbers the editors supply
    notes: tuple[Note, ...] = ()  #: in page order
    cover: tuple[tuple[Piece, ...], ...] = ()  #: the cover memorandum's paragraphs
    closing: str | None = None  #: the document's closing line
    #: (turn id, label) where a turn prints another label than its speaker's usual one
    labels: tuple[tuple[str, str], ...] = ()

    def label_of(self, turn: str) -> str | None:
        """The label a turn prints, where it is not its speaker's usual one."""
        return self._by_turn.labels.get(turn)

    def marking_of(self, turn: str) -> tuple[str, bool] | None:
        """A turn's marking as printed, and whether it is struck through."""
        return self._by_turn.markings.get(turn)

    def notes_in(self, turn: str | None) -> list[Note]:
        """The notes that stand in a turn (``None``: in the cover memorandum)."""
        return list(self._by_turn.notes.get(turn, ()))

    @cached_property
    def _by_turn(self) -> _ByTurn:
        # Made on first use, so that the open data of a transcript of a hundred turns looks
        # each one up at once; not part of the record (its state, equality and repr).
        markings: dict[str, tuple[str, bool]] = {}
        for turn_id, marking, struck in self.markings:
            markings.setdefault(turn_id, (marking, struck))
        notes: dict[str | None, list[Note]] = {}
        for note in self.notes:
            notes.setdefault(note.turn, []).append(note)
        return _ByTurn(markings, dict(self.labels), notes)

    def __getstate__(self) -> dict[str, object]:
        return {name: value for name, value in self.__dict__.items() if name != "_by_turn"}


@dataclass(frozen=True)
class _ByTurn:
    """An :class:`Apparatus` looked up by turn id."""

    markings: dict[str, tuple[str, bool]]
    labels: dict[str, str]
    notes: dict[str | None, list[Note]]


@dataclass(frozen=True)
class Quotation:
    """One quoted phrase found on a page, with what it claims about its source."""

    docname: str
    line: int  #: the line of the quotation itself
    order: int  #: position on the page, for a stable report order
    key: str  #: the HTML id of the quotation on its page (``q-3``)
    text: str  #: the quotation as written, without its quotation marks
    #: ``quote`` (checked), ``sic`` (a recorded misquotation), ``paraphrase`` or ``exempt``
    kind: str
    source: str | None  #: the conversation named by the role target, if any
    speaker: str | None  #: the speaker named by the role target, if any
    declared: tuple[str, ...] = ()  #: sources declared by the section or page
    reason: str | None = None  #: the exemption's reason or ``cite:KEY``
    conjectural: bool = False  #: the target ends in ``?``: the editors' attribution
    editorial: bool = False  #: in an editorial note: the editors' quotation, not the author's

    @property
    def attribution(self) -> str:
        """``conjectural`` when the editors inferred the source, else ``stated``."""
        return "conjectural" if self.conjectural else "stated"


@dataclass(frozen=True)
class Diagnostic:
    """A problem in a page's input, found while reading and reported on every build."""

    docname: str
    line: int | None
    type: str  #: warning type: ``quotecheck`` or ``memcon``
    subtype: str
    message: str


@dataclass(frozen=True)
class Verdict:
    """What the checker decided for one quotation."""

    status: str  #: one of the contract's statuses
    source: str | None  #: the conversation checked against (or found in)
    speaker: str | None  #: the speaker the quotation names
    passage: str | None  #: turn id of the matching (or closest) passage
    score: float
    suggestion: str | None = None
    diff: tuple[str, ...] = ()
    found_speaker: str | None = None  #: who does say it, for a misattribution
    pages: tuple[str, ...] = field(default=())  #: the document pages of the passage
    #: for ``sic``: what the recorded departure is, ``misquoted`` or ``misattributed``
    kind: str | None = None
    #: the other transcribed conversations where the quoted words occur: (id, turn id)
    elsewhere: tuple[tuple[str, str], ...] = ()
    #: where the passage stands in its turn's spoken text, ``(start, end)`` in characters:
    #: where the open data's annotations point. Not compared: the same verdict on words
    #: that moved in their turn is the same verdict to a page that shows it.
    span: tuple[int, int] | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Person:
    """One entry of the persons register."""

    name: str
    sort: str  #: the register's sort key, ``Surname, Given``
    description: str
    aliases: tuple[str, ...]

    @property
    def anchor(self) -> str:
        """The person's anchor on the register page."""
        return "person-" + "".join(c if c.isalnum() else "-" for c in self.name.lower())


@dataclass(frozen=True)
class Register:
    """All persons, and a lookup by name or alias."""

    persons: tuple[Person, ...]

    def find(self, name: str) -> Person | None:
        """The person called ``name`` (by name or alias), if registered."""
        wanted = name.strip().casefold()
        for person in self.persons:
            if wanted == person.name.casefold() or wanted in (a.casefold() for a in person.aliases):
                return person
        return None


#: No register: ``memcon_persons`` is not set.
EMPTY_REGISTER = Register(())
