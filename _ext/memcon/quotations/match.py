"""Matching quotations against the text layers of the transcripts.

Pure Python: nothing here knows Sphinx or docutils. A :class:`Corpus` indexes the text
layers of all transcribed conversations once per build; :meth:`Corpus.find` then decides
one quotation: ``verified``, ``misattributed``, ``misquoted`` or ``not_found``.

A quotation occurs when its words are a contiguous run of one turn's words, except where
it marks an omission (an ellipsis: its parts occur in order in one turn) or an editorial
insertion (square brackets: those words need not occur). Exact search finds the
quotation's longest run of required words and verifies the rest around it; near search
lets pieces of the quotation, ever smaller, vote for alignments and scores only the best
windows with :mod:`difflib`.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import partial
from itertools import accumulate, count
from typing import NamedTuple

from ..records import Status
from ..wording import excerpt
from .textlayer import TextLayer, chunk_words, chunks, spans, words_and_offsets

__all__ = [
    "Corpus",
    "Finding",
    "Passage",
    "QuotationPattern",
    "QuotationSyntaxError",
    "QuotedWord",
    "Status",
    "parse_quotation",
]


_ELLIPSIS_RE = re.compile(r"[\[<]\s*(?:…|\.(?:\s*\.){2,})\s*[\]>]|…|\.(?:\s*\.){2,}")
_INSERTION_RE = re.compile(r"\[([^\[\]]*)\]")

_SEPARATOR = "\x00"
"""Stands between two turns in :attr:`Corpus._text`, so that no run crosses a change of
speaker."""
_UNKNOWN = "\ud800"
"""Stands for a quotation word that occurs nowhere in the corpus (a lone surrogate: no
word of the corpus is one)."""
_KNOWN_RUN_RE = re.compile(f"[^{_UNKNOWN}]+")

# Near search does bounded work whatever the input: at most this many scans of the scope
# for pieces of the quotation, occurrences of each piece, windows per round and words in
# scored windows, and a span search over at most this many matching blocks.
_MAX_SCANS = 48
_MAX_OCCURRENCES = 4096
_MAX_WINDOWS = 6
_SCORING_BUDGET = 20_000
_MAX_SPAN_BLOCKS = 48
# Each insertion may or may not occur: exact search tracks up to one position per insertion.
_MAX_INSERTIONS = 100
_NEAR_MISS_CEILING = math.nextafter(1.0, 0.0)
# Exact search looks for a run of this many words or more by its first half (see _exact).
_HEAD_FROM = 8
#: The first of a misquotation's differences when the passage has its words in another order.
REORDERED = "words in another order"


class QuotationSyntaxError(ValueError):
    """A quotation with nothing to match, e.g. only an ellipsis or only bracketed words."""


class Passage:
    """A run of words in one turn of a transcript.

    Its character offsets and text are found when first asked for: most verdicts need only
    the turn, and finding them means finding every word of the turn. Passages compare, and
    hash, by all six attributes.
    """

    __slots__ = ("_locate", "_located", "speaker", "transcript", "turn")

    transcript: str
    """The transcript id."""
    turn: str
    """The turn id."""
    speaker: str
    """The speaker id of the turn."""
    _locate: Callable[[], tuple[int, int, str]] | None
    _located: tuple[int, int, str] | None

    def __init__(
        self,
        transcript: str,
        turn: str,
        speaker: str,
        start: int = 0,
        end: int = 0,
        text: str = "",
        *,
        locate: Callable[[], tuple[int, int, str]] | None = None,
    ) -> None:
        """A passage at ``start``-``end`` of the turn's text, reading ``text``; or, with
        ``locate``, wherever that function says when first asked."""
        set_ = object.__setattr__
        set_(self, "transcript", transcript)
        set_(self, "turn", turn)
        set_(self, "speaker", speaker)
        set_(self, "_locate", locate)
        set_(self, "_located", None if locate else (start, end, text))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a Passage cannot be changed (its {name!r})")

    def _where(self) -> tuple[int, int, str]:
        located = self._located
        if located is None:
            assert self._locate is not None
            located = self._locate()
            object.__setattr__(self, "_located", located)
        return located

    @property
    def start(self) -> int:
        """Offset in the turn's text of the run's first word."""
        return self._where()[0]

    @property
    def end(self) -> int:
        """Offset in the turn's text just past the run's last word."""
        return self._where()[1]

    @property
    def text(self) -> str:
        """The transcript's words of that span, as printed."""
        return self._where()[2]

    def _key(self) -> tuple[str, str, str, int, int, str]:
        return (self.transcript, self.turn, self.speaker, *self._where())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Passage) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        start, end, text = self._where()
        return (
            f"Passage(transcript={self.transcript!r}, turn={self.turn!r}, "
            f"speaker={self.speaker!r}, start={start!r}, end={end!r}, text={text!r})"
        )


@dataclass(frozen=True)
class Finding:
    """What the checker found for one quotation."""

    status: Status
    """``verified``, ``misquoted``, ``misattributed`` or ``not_found``."""
    passage: Passage | None
    """The matching passage; for ``misquoted`` the closest one; for ``misattributed``
    where the words occur; for ``not_found`` the best candidate, if there was any."""
    score: float
    """1.0 for an exact match, else the similarity in [0, 1) of the closest passage (the
    :mod:`difflib` ratio over words), 0.0 when there was no candidate at all."""
    suggestion: str | None = None
    """For ``misquoted``, the closest passage's text."""
    diff: tuple[str, ...] = ()
    """For ``misquoted``, the word-level edits from the quotation's point of view:
    ``+w`` it adds w, ``-w`` it omits w, ``a → b`` it has a where the passage has b."""


class QuotedWord(NamedTuple):
    """One word of a quotation (a named tuple: a quotation has dozens, made on every
    check)."""

    norm: str
    """The normalised word."""
    text: str
    """The word as the quotation writes it."""
    insertion: int | None = None
    """For a word in square brackets, the number of its editorial insertion (pair of
    brackets) in the quotation; an insertion need not occur, or occurs as a whole."""

    @property
    def optional(self) -> bool:
        """Whether the word is part of an editorial insertion."""
        return self.insertion is not None


@dataclass(frozen=True)
class QuotationPattern:
    """A quotation parsed for matching."""

    parts: tuple[tuple[QuotedWord, ...], ...]
    """The parts between ellipses, in order; each has at least one required word."""

    @property
    def required(self) -> tuple[QuotedWord, ...]:
        """The words that must occur, all parts run together."""
        return tuple(word for part in self.parts for word in part if not word.optional)


def _words(
    text: str,
    insertion: int | None = None,
    found: tuple[list[str], list[int], list[int]] | None = None,
) -> list[QuotedWord]:
    """The quoted words of ``text``, from its :func:`words_and_offsets` if ``found``."""
    norms, starts, ends = found or words_and_offsets(text)
    return [
        QuotedWord(norm, text[start:end], insertion)
        for norm, start, end in zip(norms, starts, ends, strict=True)
    ]


def _parse_part(text: str, numbers: Iterator[int]) -> tuple[QuotedWord, ...]:
    words: list[QuotedWord] = []
    done = 0
    for insertion in _INSERTION_RE.finditer(text):
        words += _words(text[done : insertion.start()])
        words += _words(insertion.group(1), next(numbers))
        done = insertion.end()
    words += _words(text[done:])
    return tuple(words)


def _plain_words(text: str) -> tuple[list[str], list[int], list[int]] | None:
    """The :func:`words_and_offsets` of a quotation with no ellipsis and no insertion, whose
    pattern is one part of required words; ``None`` for any other quotation, and for one
    with no word, which :func:`parse_quotation` refuses."""
    if "[" in text or _ELLIPSIS_RE.search(text):
        return None
    found = words_and_offsets(text)
    return found if found[0] else None


def parse_quotation(text: str) -> QuotationPattern:
    """Split a quotation at its ellipses and mark its bracketed words as optional.

    Parts with no required word are dropped (an ellipsis at either end, or an insertion
    standing between two ellipses). Raises :class:`QuotationSyntaxError` when nothing is
    left to match, or when there are more than a hundred insertions (matching them is
    quadratic in their number).
    """
    pieces = _ELLIPSIS_RE.split(text)
    numbers = count()
    parsed = [_parse_part(piece, numbers) for piece in pieces]
    if next(numbers) > _MAX_INSERTIONS:
        raise QuotationSyntaxError(
            f"quotation {excerpt(text, 60)!r} has more than {_MAX_INSERTIONS} insertions"
            " in square brackets"
        )
    parts = tuple(part for part in parsed if any(not word.optional for word in part))
    if parts:
        return QuotationPattern(parts)
    if any(parsed):
        reason = "has only editorial insertions in square brackets"
    elif len(pieces) > 1:
        reason = "is only an ellipsis"
    else:
        reason = "has no words"
    raise QuotationSyntaxError(f"quotation {excerpt(text, 60)!r} {reason}: nothing to match")


@dataclass(frozen=True)
class _Segment:
    """Consecutive required words, or the words of one insertion, as one string of tokens."""

    needle: str
    optional: bool


@dataclass(frozen=True)
class _Part:
    """A part of a quotation as token strings, with the segment exact search anchors on."""

    segments: tuple[_Segment, ...]
    anchor: int
    """The number of the part's longest required segment."""
    before: int
    """The number of required words before the anchor."""

    @property
    def needle(self) -> str:
        """The anchor's tokens."""
        return self.segments[self.anchor].needle


class _Encoding(dict[bytes, str]):
    """The characters standing for each chunk's words, filled in as chunks come."""

    def __init__(self, vocabulary: dict[str, str]) -> None:
        super().__init__({_SEPARATOR.encode(): _SEPARATOR})
        self.vocabulary = vocabulary

    def __missing__(self, chunk: bytes) -> str:
        vocabulary = self.vocabulary
        encoded = self[chunk] = "".join(
            vocabulary.get(word) or vocabulary.setdefault(word, _token(len(vocabulary)))
            for word in chunk_words(chunk)
        )
        return encoded


def _merged(scope: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A scope's stretches, those that meet or overlap joined into one."""
    merged: list[tuple[int, int]] = []
    for lo, hi in scope:
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        else:
            merged.append((lo, hi))
    return merged


def _token(number: int) -> str:
    """The character standing for the word numbered ``number`` (from 0) in the corpus."""
    code = number + 1  # after the separator
    if code >= 0xD800:  # never a surrogate: those are free for _UNKNOWN
        code += 0x800
    if code > 0x10FFFF:
        raise ValueError("the transcripts have more distinct words than the index can hold")
    return chr(code)


class Corpus:
    """Index over the text layers of all transcribed conversations, built once per build.

    Each distinct normalised word stands for one character, and the transcripts' words,
    turn after turn, make one string, with a separator between turns so that no run of
    words crosses a change of speaker. A run of words is then a substring, found by
    :meth:`str.find` at C speed; the index needs no table of positions.
    """

    def __init__(
        self, layers: Iterable[TextLayer], encoded: tuple[dict[str, str], str] | None = None
    ) -> None:
        """Index ``layers``. ``encoded``, the :attr:`encoded` form of an index of the same
        layers, spares encoding their words again; the caller vouches that the layers are
        the same, and only an encoding of another number of turns is noticed and ignored.
        """
        self._layers: list[TextLayer] = []
        self._layer_number: dict[str, int] = {}
        texts: list[str] = []
        # Per turn of the corpus, its layer's number and its number in that layer: flat
        # lists of numbers, not a pair for each turn.
        self._turn_layer: list[int] = []
        self._turn_index: list[int] = []
        self._speakers: list[str] = []
        layer_turns: list[tuple[int, int]] = []
        for layer in layers:
            if layer.transcript in self._layer_number:
                raise ValueError(f"transcript {layer.transcript!r} is in the corpus twice")
            number = len(self._layers)
            self._layers.append(layer)
            self._layer_number[layer.transcript] = number
            first, size = len(texts), len(layer.texts)
            texts += layer.texts
            self._speakers += layer.speakers
            self._turn_layer += [number] * size
            self._turn_index += range(size)
            layer_turns.append((first, first + size))
        separators: list[int] = []
        if encoded is not None:
            self._vocabulary, self._text = encoded
            separators = [match.start() for match in re.finditer(_SEPARATOR, self._text)]
        if len(separators) != len(texts) + 1:
            self._vocabulary, self._text = self._encode(texts, layer_turns)
            separators = [match.start() for match in re.finditer(_SEPARATOR, self._text)]
        self._turn_lo = [at + 1 for at in separators[:-1]]
        self._turn_hi = separators[1:]
        self._layer_bounds = [(separators[a], separators[b] + 1) for a, b in layer_turns]
        # The word spans of the turn last located in: a passage's offsets and its words
        # ask for them one after the other. Kept for every turn looked at, they would
        # hold a tuple per word of most of the edition.
        self._spans: tuple[int, list[tuple[int, int]]] = (-1, [])
        # Where exact search saw the first half of the quotation, for near search.
        self._seen: tuple[str, list[tuple[int, int]], list[int]] | None = None

    @staticmethod
    def _encode(texts: list[str], layer_turns: list[tuple[int, int]]) -> tuple[dict[str, str], str]:
        vocabulary: dict[str, str] = {}
        encoding = _Encoding(vocabulary)
        # Layer by layer, so that only one layer's chunks are held at a time; each layer's
        # string ends where the next one's begins, at a separator.
        text = (
            "".join(
                [
                    "".join(map(encoding.__getitem__, chunks(texts[a:b])))[:-1]
                    for a, b in layer_turns
                    if b > a
                ]
            )
            + _SEPARATOR
        )
        return vocabulary, text

    @property
    def encoded(self) -> tuple[dict[str, str], str]:
        """The vocabulary and the encoded text: two objects, cheap to keep between builds,
        from which an index of the same layers is made without encoding their words."""
        return self._vocabulary, self._text

    def __repr__(self) -> str:
        return f"Corpus({len(self._layers)} transcripts, {len(self._text)} positions)"

    def find(
        self,
        quotation: str,
        sources: Sequence[str] | None = None,
        speaker: str | None = None,
        threshold: float = 0.8,
    ) -> Finding:
        """Decide one quotation.

        ``sources`` restricts the search to those transcript ids (``None``: all of them;
        unknown ids match nothing). With ``speaker``, words that occur only in other
        speakers' turns are ``misattributed``. Without an exact occurrence, the closest
        passage with a similarity of at least ``threshold`` makes the quotation
        ``misquoted``; otherwise it is ``not_found``. Raises
        :class:`QuotationSyntaxError` when the quotation has nothing to match.
        """
        if isinstance(sources, str):
            raise TypeError(f"sources must be a sequence of transcript ids, not {sources!r}")
        if not 0.0 <= threshold <= 1.0:
            raise ValueError(f"threshold {threshold} is not between 0 and 1")
        # Most quotations have no ellipsis and no insertion: they are looked for without a
        # record for each word, made only if near search needs them.
        plain = _plain_words(quotation)
        if plain is None:
            pattern = parse_quotation(quotation)
            parts = self._compile_all(pattern)
        else:
            parts = self._compile_plain(plain[0])
        scope = self._scope(sources)
        self._seen = None
        exact = self._exact(parts, scope, speaker) if parts else None
        if exact is not None:
            (start, end), attributed = exact
            status = Status.verified if attributed else Status.misattributed
            return Finding(status, self._passage(start, end), 1.0)
        if plain is not None:
            pattern = QuotationPattern((tuple(_words(quotation, found=plain)),))
        return self._near(pattern, scope, speaker, threshold)

    def find_exact(self, quotation: str, sources: Sequence[str] | None = None) -> Passage | None:
        """The first passage of ``sources`` (``None``: all) where the quotation occurs, in
        any speaker's words; ``None`` where it occurs nowhere. Raises
        :class:`QuotationSyntaxError` when the quotation has nothing to match."""
        plain = _plain_words(quotation)
        if plain is None:
            parts = self._compile_all(parse_quotation(quotation))
        else:
            parts = self._compile_plain(plain[0])
        if not parts:
            return None
        if plain is not None:
            return self._first_in(parts[0].needle, sources)
        self._seen = None
        exact = self._exact(parts, _merged(self._scope(sources)), None)
        return self._passage(*exact[0]) if exact is not None else None

    def _first_in(self, needle: str, sources: Sequence[str] | None) -> Passage | None:
        """The first occurrence of a run of words in the layers of ``sources`` (``None``:
        all). One scan at C speed from the first of those layers to the last, which jumps
        past a layer outside them where it finds the run there: most quotations are looked
        for in all the conversations but one or two (a run never holds a separator, so
        never crosses a turn)."""
        if sources is None:
            wanted, lo, hi = None, 0, len(self._text)
        else:
            wanted = {self._layer_number[s] for s in sources if s in self._layer_number}
            if not wanted:
                return None
            lo, hi = self._layer_bounds[min(wanted)][0], self._layer_bounds[max(wanted)][1]
        at = self._text.find(needle, lo, hi)
        while at >= 0:
            layer = self._turn_layer[self._turn_of(at)]
            if wanted is None or layer in wanted:
                return self._passage(at, at + len(needle))
            at = self._text.find(needle, self._layer_bounds[layer][1], hi)
        return None

    # -- positions ---------------------------------------------------------------------

    def _scope(self, sources: Sequence[str] | None) -> list[tuple[int, int]]:
        if sources is None:
            return [(0, len(self._text))]
        numbers = sorted({self._layer_number[s] for s in sources if s in self._layer_number})
        return [self._layer_bounds[number] for number in numbers]

    def _turn_of(self, position: int) -> int:
        return bisect_right(self._turn_lo, position) - 1

    def _word_spans(self, turn: int) -> list[tuple[int, int]]:
        """Where each word of ``turn`` starts and ends in its text, found again when
        needed."""
        if self._spans[0] != turn:
            self._spans = (turn, spans(self._turn_text(turn)))
        return self._spans[1]

    def _turn_text(self, turn: int) -> str:
        return self._layers[self._turn_layer[turn]].texts[self._turn_index[turn]]

    def _passage(self, start: int, end: int) -> Passage:
        turn_number = self._turn_of(start)
        layer, index = self._layers[self._turn_layer[turn_number]], self._turn_index[turn_number]
        return Passage(
            layer.transcript,
            layer.ids[index],
            layer.speakers[index],
            locate=partial(self._offsets, turn_number, start, end),
        )

    def _offsets(self, turn_number: int, start: int, end: int) -> tuple[int, int, str]:
        """The character offsets and text of positions ``start`` to ``end`` of a turn."""
        text = self._turn_text(turn_number)
        found = self._word_spans(turn_number)
        lo = self._turn_lo[turn_number]
        first, last = found[start - lo][0], found[end - 1 - lo][1]
        return first, last, text[first:last]

    def _tokens(self, norms: Iterable[str]) -> str:
        """The characters standing for normalised words; :data:`_UNKNOWN` for a word that
        occurs nowhere."""
        get = self._vocabulary.get
        return "".join([get(norm, _UNKNOWN) for norm in norms])

    # -- exact search ------------------------------------------------------------------

    def _compile_plain(self, norms: list[str]) -> list[_Part]:
        """The one part, of one segment, of a quotation of words only (see
        :func:`_plain_words`); empty if a word occurs nowhere."""
        needle = self._tokens(norms)
        return [] if _UNKNOWN in needle else [_Part((_Segment(needle, False),), 0, 0)]

    def _compile_all(self, pattern: QuotationPattern) -> list[_Part]:
        """The pattern's parts as token strings; empty if a required word occurs nowhere."""
        parts: list[_Part] = []
        for words in pattern.parts:
            part = self._compile(words)
            if part is None:
                return []
            parts.append(part)
        return parts

    def _compile(self, part: tuple[QuotedWord, ...]) -> _Part | None:
        """Return the part as token strings, or ``None`` if a required word occurs nowhere."""
        runs: list[tuple[list[QuotedWord], int | None]] = []
        for word in part:
            if runs and runs[-1][1] == word.insertion:
                runs[-1][0].append(word)
            else:
                runs.append(([word], word.insertion))
        segments = tuple(
            _Segment(self._tokens(word.norm for word in words), insertion is not None)
            for words, insertion in runs
        )
        if any(_UNKNOWN in s.needle for s in segments if not s.optional):
            return None
        anchor = max(
            (n for n, s in enumerate(segments) if not s.optional),
            key=lambda n: len(segments[n].needle),
        )
        before = sum(len(s.needle) for s in segments[:anchor] if not s.optional)
        return _Part(segments, anchor, before)

    def _exact(
        self, parts: list[_Part], scope: list[tuple[int, int]], speaker: str | None
    ) -> tuple[tuple[int, int], bool] | None:
        """Return the first occurrence of ``parts`` in scope, and whether it is the
        speaker's.

        An occurrence in the named speaker's turn is preferred to an earlier one in
        another speaker's turn.
        """
        needle = max((part.needle for part in parts), key=len)
        # A long run of words and nothing else is looked for by its first half: the scan
        # finds the same occurrences in the same order, and when none is the speaker's it
        # has seen every place that half occurs, where near search, which would look for
        # the same half next, is told to look.
        by_half = len(parts) == 1 and len(parts[0].segments) == 1 and len(needle) >= _HEAD_FROM
        probe = needle[: -(-len(needle) // 2)] if by_half else needle
        text = self._text
        places: list[int] = []
        elsewhere: tuple[int, int] | None = None
        for lo, hi in scope:
            checked = lo  # occurrences before this are in a turn already looked at
            at = text.find(probe, lo, hi)
            while at >= 0:
                if by_half and len(places) <= _MAX_OCCURRENCES:
                    places.append(at)
                if at >= checked and (not by_half or text.startswith(needle, at)):
                    turn = self._turn_of(at)
                    ours = speaker is None or self._speakers[turn] == speaker
                    if ours or elsewhere is None:
                        occurrence = self._in_order(parts, self._turn_lo[turn], self._turn_hi[turn])
                        if occurrence is not None and ours:
                            return occurrence, True
                        elsewhere = elsewhere or occurrence
                    checked = self._turn_hi[turn]
                # By the whole run, the rest of a turn looked at is skipped; by its first
                # half, every place is noted.
                at = text.find(probe, at + 1 if by_half else max(at + 1, checked), hi)
        if by_half:
            self._seen = (probe, scope, places)
        return (elsewhere, False) if elsewhere is not None else None

    def _in_order(self, parts: list[_Part], lo: int, hi: int) -> tuple[int, int] | None:
        """Find the parts in order, not overlapping, within positions ``lo`` to ``hi``."""
        start = end = lo
        for number, part in enumerate(parts):
            found = self._first(part, end, hi)
            if found is None:
                return None
            first, earliest_end, latest_end = found
            if number == 0:
                start = first
            # the earliest end leaves the most room for the later parts
            end = latest_end if number == len(parts) - 1 else earliest_end
        return start, end

    def _first(self, part: _Part, lo: int, hi: int) -> tuple[int, int, int] | None:
        """Find the part's first occurrence starting at or after ``lo`` and before ``hi``.

        Returns its start (the earliest, i.e. with any insertions that occur) and its
        earliest and latest ends.
        """
        text, needle = self._text, part.needle
        at = text.find(needle, lo + part.before, hi)
        while at >= 0:
            starts = [s for s in self._backward(part, at) if s >= lo]
            ends = self._forward(part, at + len(needle)) if starts else set()
            if ends:
                return min(starts), min(ends), max(ends)
            at = text.find(needle, at + 1, hi)
        return None

    def _forward(self, part: _Part, position: int) -> set[int]:
        text = self._text
        states = {position}
        for segment in part.segments[part.anchor + 1 :]:
            needle = segment.needle
            reached = {p + len(needle) for p in states if text.startswith(needle, p)}
            states = states | reached if segment.optional else reached
            if not states:
                break
        return states

    def _backward(self, part: _Part, position: int) -> set[int]:
        text = self._text
        states = {position}
        for segment in reversed(part.segments[: part.anchor]):
            needle, size = segment.needle, len(segment.needle)
            reached = {p - size for p in states if p >= size and text.startswith(needle, p - size)}
            states = states | reached if segment.optional else reached
            if not states:
                break
        return states

    # -- near search -------------------------------------------------------------------

    def _near(
        self,
        pattern: QuotationPattern,
        scope: list[tuple[int, int]],
        speaker: str | None,
        threshold: float,
    ) -> Finding:
        """Find the passage closest to the quotation's required words, run together.

        The passage is as long as the quotation where the turn allows, so that a changed
        word at either end shows as a replacement; its score is the better similarity of
        the passage and of its core, the passage without unmatched words at its ends.
        No passage is looked for when too few of the quotation's words occur anywhere
        for any passage to reach ``threshold``.
        """
        words = pattern.required
        quoted = self._tokens(word.norm for word in words)
        known = len(quoted) - quoted.count(_UNKNOWN)
        if not known or 2 * known / (known + len(quoted)) < threshold:
            return Finding(Status.not_found, None, 0.0)
        matcher: SequenceMatcher[str] = SequenceMatcher(None, "", quoted, autojunk=False)
        best: tuple[float, bool, int] | None = None
        best_span = (0, 0)
        budget = _SCORING_BUDGET
        scored: dict[tuple[int, int], int] = {}
        for windows in self._windows(quoted, scope):
            for turn, lo, hi in windows:
                if (lo, hi) in scored:
                    continue
                scored[(lo, hi)] = turn
                if best is not None and (
                    budget <= 0 or self._bound(quoted, lo, hi, turn) < best[0]
                ):
                    continue
                budget -= hi - lo
                spans = self._closest_spans(matcher, len(quoted), lo, hi, turn)
                if spans is None:
                    continue
                core, (start, end) = spans
                score = self._ratio(matcher, start, end)
                if core != (start, end):
                    score = max(score, self._ratio(matcher, *core))
                rank = (score, self._speakers[turn] == speaker, -start)
                if best is None or rank > best:
                    best, best_span = rank, (start, end)
            if best is not None and best[0] >= threshold:
                break
        if best is None or best[0] < threshold:
            reordered = self._reordered(matcher, quoted, scored, speaker, threshold)
            if reordered is not None:
                score, span = reordered
                passage = self._passage(*span)
                diff = self._bag_diff(*span, quoted, [word.text for word in words])
                return Finding(Status.misquoted, passage, score, passage.text, (REORDERED, *diff))
        if best is None:
            return Finding(Status.not_found, None, 0.0)
        score = min(best[0], _NEAR_MISS_CEILING)
        passage = self._passage(*best_span)
        if score < threshold:
            return Finding(Status.not_found, passage, score)
        diff = self._diff(*best_span, quoted, [word.text for word in words])
        return Finding(Status.misquoted, passage, score, passage.text, diff)

    def _reordered(
        self,
        matcher: SequenceMatcher[str],
        quoted: str,
        regions: dict[tuple[int, int], int],
        speaker: str | None,
        threshold: float,
    ) -> tuple[float, tuple[int, int]] | None:
        """The passage that holds the quotation's words in another order, if one scores at
        least ``threshold`` counting the words it shares with the quotation in any order,
        and it is the order that keeps it below: its score in order falls short of that by
        at least ``1 - threshold`` (a passage whose words differ but keep their order is no
        rearrangement, however its words count).

        Only the regions near search has chosen are looked at, and only those whose bound
        (see :meth:`_bound`) reaches ``threshold``, within :data:`_SCORING_BUDGET` positions;
        a passage is at most half as long again as the quotation.
        """
        length = len(quoted)
        wanted = Counter(quoted)
        longest = length + length // 2
        best: tuple[float, bool, int] | None = None
        best_span = (0, 0)
        budget = _SCORING_BUDGET
        text = self._text
        for (lo, hi), turn in regions.items():
            if budget <= 0 or self._bound(quoted, lo, hi, turn) < threshold:
                continue
            first = max(self._turn_lo[turn], lo - length)
            last = min(self._turn_hi[turn], hi + length)
            budget -= (last - first) * min(longest, last - first)
            for start in range(first, last):
                if text[start] not in wanted:
                    continue
                have: dict[str, int] = {}
                shared = 0
                for end in range(start, min(last, start + longest)):
                    token = text[end]
                    if have.get(token, 0) < wanted.get(token, 0):
                        have[token] = have.get(token, 0) + 1
                        shared += 1
                        score = 2 * shared / (end + 1 - start + length)
                        rank = (score, self._speakers[turn] == speaker, -start)
                        if best is None or rank > best:
                            best, best_span = rank, (start, end + 1)
        if best is None or best[0] < threshold:
            return None
        gain = best[0] - self._ratio(matcher, *best_span)
        if gain < 1 - threshold or math.isclose(gain, 1 - threshold):
            return None  # the order costs too little: a near miss, not a rearrangement
        return min(best[0], _NEAR_MISS_CEILING), best_span

    def _bound(self, quoted: str, lo: int, hi: int, turn: int) -> float:
        """Return an upper bound of the score of any passage found from region ``lo``-``hi``.

        Such a passage lies within the quotation's length of the region, and it cannot
        match more words than the multisets of its words and the quotation's share.
        """
        length = len(quoted)
        around = self._text[
            max(self._turn_lo[turn], lo - length) : min(self._turn_hi[turn], hi + length)
        ]
        shared = (Counter(quoted) & Counter(around)).total()
        return 2 * shared / (shared + length)

    def _ratio(self, matcher: SequenceMatcher[str], start: int, end: int) -> float:
        matcher.set_seq1(self._text[start:end])
        return matcher.ratio()

    def _windows(
        self, quoted: str, scope: list[tuple[int, int]]
    ) -> Iterator[list[tuple[int, int, int]]]:
        """Yield, finer each time, a few regions ``(turn, lo, hi)`` worth scoring.

        The quotation's words that occur somewhere are cut into pieces, first halves, then
        quarters, and so on down to single words. Each occurrence of a piece votes for the
        alignment (the position where the quotation would start) it implies, with as many
        votes as the piece has words; a piece that occurs too often to tell places apart
        does not vote. Votes add up from round to round, and the most voted alignments win.
        A near miss keeps most of its words in long runs, so the first, coarse pieces
        usually find it at once.
        """
        length = len(quoted)
        slack = max(3, length // 4)
        known = [(m.start(), m.group()) for m in _KNOWN_RUN_RE.finditer(quoted)]
        # Plain dicts: a common piece casts hundreds of votes, and a Counter's default for
        # a new key is a Python call.
        votes: dict[int, int] = {}
        witness: dict[int, int] = {}

        def vote(offset: int, piece: str, positions: list[int]) -> None:
            weight = len(piece)
            for position in positions:
                alignment = position - offset
                votes[alignment] = votes.get(alignment, 0) + weight
                witness.setdefault(alignment, position)

        size = max(1, -(-length // 2))
        scans = _MAX_SCANS
        while scans > 0:
            pieces = [
                (offset + at, run[at : at + size])
                for offset, run in known
                for at in range(0, len(run), size)
            ][:scans]
            scans -= len(pieces)
            common: list[tuple[int, str, list[int]]] = []
            for offset, piece in pieces:
                positions, complete = self._occurrences(piece, scope)
                if complete:
                    vote(offset, piece, positions)
                else:
                    common.append((offset, piece, positions))
            if not votes and common:
                # Every piece is too common to place the quotation (a text that repeats
                # itself): the first places the longest piece occurs at will do.
                vote(*max(common, key=lambda c: len(c[1])))
            # A word added or dropped in the quotation shifts the alignment its later words
            # vote for by one: neighbouring alignments share their votes.
            shared = Counter(
                {a: n + votes.get(a - 1, 0) + votes.get(a + 1, 0) for a, n in votes.items()}
            )
            chosen: list[tuple[int, int]] = []
            for alignment, _ in shared.most_common(4 * _MAX_WINDOWS):
                turn = self._turn_of(witness[alignment])
                if all(t != turn or abs(alignment - a) > length // 2 for t, a in chosen):
                    chosen.append((turn, alignment))
            yield [
                (
                    turn,
                    max(self._turn_lo[turn], alignment - slack),
                    min(self._turn_hi[turn], alignment + length + slack),
                )
                for turn, alignment in chosen[:_MAX_WINDOWS]
            ]
            if size == 1:
                break
            size = -(-size // 2)

    def _occurrences(self, piece: str, scope: list[tuple[int, int]]) -> tuple[list[int], bool]:
        """The positions of ``piece`` in scope, up to :data:`_MAX_OCCURRENCES`, and whether
        that is all of them."""
        seen = self._seen
        if seen is not None and seen[0] == piece and seen[1] == scope:
            heads = seen[2]
            complete = len(heads) <= _MAX_OCCURRENCES
            return (heads if complete else heads[:_MAX_OCCURRENCES]), complete
        text, found = self._text, list[int]()
        for lo, hi in scope:
            at = text.find(piece, lo, hi)
            while at >= 0:
                if len(found) == _MAX_OCCURRENCES:
                    return found, False
                found.append(at)
                at = text.find(piece, at + 1, hi)
        return found, True

    def _closest_spans(
        self, matcher: SequenceMatcher[str], length: int, lo: int, hi: int, turn: int
    ) -> tuple[tuple[int, int], tuple[int, int]] | None:
        """Return the core and the passage in region ``lo``-``hi`` closest to the quotation.

        The core runs from one block of words the quotation shares with the region to
        another; the passage widens it by the quotation's words beyond those blocks. The
        pair of blocks is the one with the best estimated ratio.
        """
        matcher.set_seq1(self._text[lo:hi])
        blocks = [block for block in matcher.get_matching_blocks() if block.size]
        if not blocks:
            return None
        turn_lo, turn_hi = self._turn_lo[turn], self._turn_hi[turn]
        matched = [0, *accumulate(block.size for block in blocks)]
        pairs = (
            [(i, j) for i in range(len(blocks)) for j in range(i, len(blocks))]
            if len(blocks) <= _MAX_SPAN_BLOCKS
            else [(0, len(blocks) - 1)]
        )
        best: tuple[float, tuple[int, int], tuple[int, int]] | None = None
        for i, j in pairs:
            first, last = blocks[i], blocks[j]
            core = (lo + first.a, lo + last.a + last.size)
            start = max(turn_lo, core[0] - first.b)
            end = min(turn_hi, core[1] + length - last.b - last.size)
            shared = 2 * (matched[j + 1] - matched[i])
            estimate = shared / (min(end - start, core[1] - core[0]) + length)
            if best is None or estimate > best[0]:
                best = (estimate, core, (start, end))
        assert best is not None
        return best[1], best[2]

    def _bag_diff(
        self, start: int, end: int, quoted: str, quoted_text: list[str]
    ) -> tuple[str, ...]:
        """The words the quotation adds (``+w``) and omits (``-w``), order aside."""
        passage = self._passage_words(start, end)
        spare = Counter(self._text[start:end])
        added = []
        for token, word in zip(quoted, quoted_text, strict=True):
            if spare[token] > 0:
                spare[token] -= 1
            else:
                added.append(f"+{word}")
        omitted = []
        for token, word in zip(self._text[start:end], passage, strict=True):
            if spare[token] > 0:
                spare[token] -= 1
                omitted.append(f"-{word}")
        return (*added, *omitted)

    def _passage_words(self, start: int, end: int) -> list[str]:
        """The words of positions ``start`` to ``end``, as the turn prints them."""
        turn = self._turn_of(start)
        text = self._turn_text(turn)
        lo, found = self._turn_lo[turn], self._word_spans(turn)
        return [text[found[p - lo][0] : found[p - lo][1]] for p in range(start, end)]

    def _diff(self, start: int, end: int, quoted: str, quoted_text: list[str]) -> tuple[str, ...]:
        """Return the word-level edits that turn the passage into the quotation."""
        passage_text = self._passage_words(start, end)
        edits: list[str] = []
        matcher = SequenceMatcher(None, self._text[start:end], quoted, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "replace":
                edits.append(f"{' '.join(quoted_text[j1:j2])} → {' '.join(passage_text[i1:i2])}")
            elif tag == "delete":
                edits += (f"-{word}" for word in passage_text[i1:i2])
            elif tag == "insert":
                edits += (f"+{word}" for word in quoted_text[j1:j2])
        return tuple(edits)
