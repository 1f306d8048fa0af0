"""Matching quotations against the text layers of the transcripts.

Pure Python: nothing here knows Sphinx or docutils. A :class:`Corpus` indexes the text
layers of all transcribed conversations once per build; :meth:`Corpus.find` then decides
one quotation: ``verified``, ``misattributed``, ``misquoted`` or ``not_found``.

A quotation occurs when its words are a contiguous run of one turn's words, except where
it marks an omission (an ellipsis: its parts occur in order in one turn) or an editorial
insertion (square brackets: those words need not occur). Exact search anchors on the
quotation's rarest word and verifies the few places it occurs; near search lets a few
rare words vote for alignments and scores only the best windows with :mod:`difflib`.
"""

from __future__ import annotations

import math
import re
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import accumulate, count, repeat
from operator import sub
from typing import Literal

from .textlayer import TextLayer, scan

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

Status = Literal["verified", "misquoted", "misattributed", "not_found"]

_ELLIPSIS_RE = re.compile(r"[\[<]\s*(?:…|\.(?:\s*\.){2,})\s*[\]>]|…|\.(?:\s*\.){2,}")
_INSERTION_RE = re.compile(r"\[([^\[\]]*)\]")

_SEPARATOR = 0
"""Token id between two turns, so that no contiguous run crosses a change of speaker."""
_UNKNOWN = -1
"""Token id of a quotation word that occurs nowhere in the corpus."""
_WIDTH = array("i").itemsize
"""Bytes per token in :attr:`Corpus._text`."""

# Near search does bounded work whatever the input: at most this many voting words,
# votes, windows and words in scored windows, and a span search over at most this many
# matching blocks.
_MAX_VOTERS = 12
_MAX_OFFSETS = 16
_VOTE_BUDGET = 5_000
_MAX_WINDOWS = 6
_SCORING_BUDGET = 20_000
_MAX_SPAN_BLOCKS = 48
# Each insertion may or may not occur: exact search tracks up to one position per insertion.
_MAX_INSERTIONS = 100
_NEAR_MISS_CEILING = math.nextafter(1.0, 0.0)


class QuotationSyntaxError(ValueError):
    """A quotation with nothing to match, e.g. only an ellipsis or only bracketed words."""


@dataclass(frozen=True)
class Passage:
    """A run of words in one turn of a transcript."""

    transcript: str
    """The transcript id."""
    turn: str
    """The turn id."""
    speaker: str
    """The speaker id of the turn."""
    start: int
    """Offset in the turn's text of the run's first word."""
    end: int
    """Offset in the turn's text just past the run's last word."""
    text: str
    """The transcript's words of that span, as printed."""


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


@dataclass(frozen=True)
class QuotedWord:
    """One word of a quotation."""

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


def _excerpt(text: str, limit: int = 60) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def _words(text: str, insertion: int | None = None) -> list[QuotedWord]:
    return [QuotedWord(norm, text[start:end], insertion) for norm, start, end in scan(text)]


def _parse_part(text: str, numbers: Iterator[int]) -> tuple[QuotedWord, ...]:
    words: list[QuotedWord] = []
    done = 0
    for insertion in _INSERTION_RE.finditer(text):
        words += _words(text[done : insertion.start()])
        words += _words(insertion.group(1), next(numbers))
        done = insertion.end()
    words += _words(text[done:])
    return tuple(words)


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
            f"quotation {_excerpt(text)} has more than {_MAX_INSERTIONS} insertions"
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
    raise QuotationSyntaxError(f"quotation {_excerpt(text)} {reason}: nothing to match")


@dataclass(frozen=True)
class _Segment:
    """Consecutive required words, or the words of one insertion, as token ids."""

    ids: tuple[int, ...]
    optional: bool
    needle: bytes
    """The ids encoded like :attr:`Corpus._text`."""


@dataclass(frozen=True)
class _Part:
    """A part of a quotation as token ids, with the word exact search anchors on."""

    segments: tuple[_Segment, ...]
    anchor: int
    """The token id of the part's rarest required word."""
    anchor_segment: int
    anchor_offset: int
    """The anchor's offset in its segment."""
    before: int
    """The number of required words before the anchor."""


class Corpus:
    """Index over the text layers of all transcribed conversations, built once per build.

    All layers' words are interned as ints and laid end to end in one sequence, turn
    after turn, with a separator between turns; an inverted index gives, for each word,
    its positions in ascending order. The sequence is also kept as bytes, so that a run
    of words is compared at C speed (``bytes.startswith``), however long it is.
    """

    def __init__(self, layers: Iterable[TextLayer]) -> None:
        self._layers: list[TextLayer] = []
        self._layer_number: dict[str, int] = {}
        self._vocabulary: dict[str, int] = {}
        self._ids: list[int] = [_SEPARATOR]
        self._char_start: list[int] = [0]
        self._char_end: list[int] = [0]
        self._layer_bounds: list[tuple[int, int]] = []
        self._turn_lo: list[int] = []
        self._turn_hi: list[int] = []
        self._turn_key: list[tuple[int, int]] = []
        for layer in layers:
            self._add(layer)
        self._text = array("i", self._ids).tobytes()
        self._postings: list[list[int]] = [[] for _ in range(len(self._vocabulary) + 1)]
        for position, token in enumerate(self._ids):
            if token != _SEPARATOR:
                self._postings[token].append(position)

    def _add(self, layer: TextLayer) -> None:
        if layer.transcript in self._layer_number:
            raise ValueError(f"transcript {layer.transcript!r} is in the corpus twice")
        number = len(self._layers)
        self._layers.append(layer)
        self._layer_number[layer.transcript] = number
        vocabulary = self._vocabulary
        first = len(self._ids)
        for index in range(len(layer.turns)):
            lo, hi = layer.bounds[index], layer.bounds[index + 1]
            self._turn_lo.append(len(self._ids))
            # A new word gets the next id: setdefault's default is computed before it is added.
            self._ids += [vocabulary.setdefault(w, len(vocabulary) + 1) for w in layer.words[lo:hi]]
            self._char_start += layer.starts[lo:hi]
            self._char_end += layer.ends[lo:hi]
            self._turn_hi.append(len(self._ids))
            self._turn_key.append((number, index))
            self._ids.append(_SEPARATOR)
            self._char_start.append(0)
            self._char_end.append(0)
        self._layer_bounds.append((first, len(self._ids)))

    def __repr__(self) -> str:
        return f"Corpus({len(self._layers)} transcripts, {len(self._ids)} positions)"

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
        pattern = parse_quotation(quotation)
        scope = self._scope(sources)
        exact = self._exact(pattern, scope, speaker)
        if exact is not None:
            (start, end), attributed = exact
            status: Status = "verified" if attributed else "misattributed"
            return Finding(status, self._passage(start, end), 1.0)
        return self._near(pattern, scope, speaker, threshold)

    # -- positions ---------------------------------------------------------------------

    def _scope(self, sources: Sequence[str] | None) -> list[tuple[int, int]]:
        if sources is None:
            return [(0, len(self._ids))]
        numbers = sorted({self._layer_number[s] for s in sources if s in self._layer_number})
        return [self._layer_bounds[number] for number in numbers]

    def _turn_of(self, position: int) -> int:
        return bisect_right(self._turn_lo, position) - 1

    def _speaker_of(self, turn: int) -> str:
        number, index = self._turn_key[turn]
        return self._layers[number].turns[index].speaker

    def _passage(self, start: int, end: int) -> Passage:
        number, index = self._turn_key[self._turn_of(start)]
        layer = self._layers[number]
        turn = layer.turns[index]
        first, last = self._char_start[start], self._char_end[end - 1]
        return Passage(
            layer.transcript, turn.turn, turn.speaker, first, last, turn.text[first:last]
        )

    def _token(self, word: str) -> int:
        return self._vocabulary.get(word, _UNKNOWN)

    def _frequency(self, token: int) -> int:
        return len(self._postings[token]) if token > 0 else 0

    # -- exact search ------------------------------------------------------------------

    def _compile(self, part: tuple[QuotedWord, ...]) -> _Part | None:
        """Return the part as token ids, or ``None`` if a required word occurs nowhere."""
        runs: list[tuple[list[int], int | None]] = []
        for word in part:
            token = self._token(word.norm)
            if token == _UNKNOWN and not word.optional:
                return None
            if runs and runs[-1][1] == word.insertion:
                runs[-1][0].append(token)
            else:
                runs.append(([token], word.insertion))
        segments = [
            _Segment(tuple(ids), insertion is not None, array("i", ids).tobytes())
            for ids, insertion in runs
        ]
        return self._anchored(segments)

    def _anchored(self, segments: list[_Segment]) -> _Part:
        best: tuple[int, int, int, int] | None = None
        before = 0
        for number, segment in enumerate(segments):
            if segment.optional:
                continue
            for offset, token in enumerate(segment.ids):
                frequency = self._frequency(token)
                if best is None or frequency < best[0]:
                    best = (frequency, number, offset, before)
                before += 1
        assert best is not None, "a part has at least one required word"
        _, number, offset, before = best
        return _Part(tuple(segments), segments[number].ids[offset], number, offset, before)

    def _exact(
        self, pattern: QuotationPattern, scope: list[tuple[int, int]], speaker: str | None
    ) -> tuple[tuple[int, int], bool] | None:
        """Return the first occurrence in scope, and whether it is the speaker's.

        An occurrence in the named speaker's turn is preferred to an earlier one in
        another speaker's turn.
        """
        parts: list[_Part] = []
        for words in pattern.parts:
            part = self._compile(words)
            if part is None:
                return None
            parts.append(part)
        lead = min(parts, key=lambda part: self._frequency(part.anchor))
        postings = self._postings[lead.anchor]
        elsewhere: tuple[int, int] | None = None
        for lo, hi in scope:
            i = bisect_left(postings, lo)
            while i < len(postings) and postings[i] < hi:
                turn = self._turn_of(postings[i])
                ours = speaker is None or self._speaker_of(turn) == speaker
                if ours or elsewhere is None:
                    occurrence = self._in_order(parts, self._turn_lo[turn], self._turn_hi[turn])
                    if occurrence is not None and ours:
                        return occurrence, True
                    elsewhere = elsewhere or occurrence
                i = bisect_left(postings, self._turn_hi[turn], i)
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
        postings = self._postings[part.anchor]
        run = part.segments[part.anchor_segment]
        needle = run.needle
        i = bisect_left(postings, lo + part.before)
        while i < len(postings) and postings[i] < hi:
            run_start = postings[i] - part.anchor_offset
            run_end = run_start + len(run.ids)
            i += 1
            if not self._text.startswith(needle, _WIDTH * run_start):
                continue
            starts = [s for s in self._backward(part, run_start) if s >= lo]
            ends = self._forward(part, run_end) if starts else set()
            if ends:
                return min(starts), min(ends), max(ends)
        return None

    def _forward(self, part: _Part, position: int) -> set[int]:
        text = self._text
        states = {position}
        for segment in part.segments[part.anchor_segment + 1 :]:
            size, needle = len(segment.ids), segment.needle
            reached = {p + size for p in states if text.startswith(needle, _WIDTH * p)}
            states = states | reached if segment.optional else reached
            if not states:
                break
        return states

    def _backward(self, part: _Part, position: int) -> set[int]:
        text = self._text
        states = {position}
        for segment in reversed(part.segments[: part.anchor_segment]):
            size, needle = len(segment.ids), segment.needle
            reached = {
                p - size
                for p in states
                if p >= size and text.startswith(needle, _WIDTH * (p - size))
            }
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
        """
        words = pattern.required
        quoted = [self._token(word.norm) for word in words]
        matcher = SequenceMatcher(None, [], quoted, autojunk=False)
        best: tuple[float, bool, int] | None = None
        best_span = (0, 0)
        budget = _SCORING_BUDGET
        for turn, lo, hi in self._windows(quoted, scope):
            if best is not None and (budget <= 0 or self._bound(quoted, lo, hi, turn) < best[0]):
                continue
            budget -= hi - lo
            spans = self._closest_spans(matcher, len(quoted), lo, hi, turn)
            if spans is None:
                continue
            core, (start, end) = spans
            score = self._ratio(matcher, start, end)
            if core != (start, end):
                score = max(score, self._ratio(matcher, *core))
            rank = (score, self._speaker_of(turn) == speaker, -start)
            if best is None or rank > best:
                best, best_span = rank, (start, end)
        if best is None:
            return Finding("not_found", None, 0.0)
        score = min(best[0], _NEAR_MISS_CEILING)
        passage = self._passage(*best_span)
        if score < threshold:
            return Finding("not_found", passage, score)
        diff = self._diff(*best_span, quoted, [word.text for word in words])
        return Finding("misquoted", passage, score, passage.text, diff)

    def _bound(self, quoted: list[int], lo: int, hi: int, turn: int) -> float:
        """Return an upper bound of the score of any passage found from region ``lo``-``hi``.

        Such a passage lies within the quotation's length of the region, and it cannot
        match more words than the multisets of its words and the quotation's share.
        """
        length = len(quoted)
        around = self._ids[
            max(self._turn_lo[turn], lo - length) : min(self._turn_hi[turn], hi + length)
        ]
        shared = (Counter(quoted) & Counter(around)).total()
        return 2 * shared / (shared + length)

    def _ratio(self, matcher: SequenceMatcher[int], start: int, end: int) -> float:
        matcher.set_seq1(self._ids[start:end])
        return matcher.ratio()

    def _windows(
        self, quoted: list[int], scope: list[tuple[int, int]]
    ) -> list[tuple[int, int, int]]:
        """Return a few regions ``(turn, lo, hi)`` where the quotation's rare words agree.

        Each occurrence of a rare quotation word votes for the alignment (the position
        where the quotation would start) it implies; the most voted alignments win.
        """
        offsets: dict[int, list[int]] = {}
        for offset, token in enumerate(quoted):
            if token > 0:
                offsets.setdefault(token, []).append(offset)
        voters = sorted(offsets, key=self._frequency)[:_MAX_VOTERS]
        votes: Counter[int] = Counter()
        budget = _VOTE_BUDGET
        for token in voters:
            at = offsets[token][:_MAX_OFFSETS]
            postings = self._postings[token]
            for lo, hi in scope:
                first = bisect_left(postings, lo)
                last = min(bisect_left(postings, hi), first + budget // len(at))
                for offset in at:
                    votes.update(map(sub, postings[first:last], repeat(offset)))
                budget -= (last - first) * len(at)
            if budget < _MAX_OFFSETS:
                break
        length = len(quoted)
        slack = max(3, length // 4)
        chosen: list[tuple[int, int]] = []
        # A word added or dropped in the quotation shifts the alignment its later words
        # vote for by one: neighbouring alignments share their votes.
        shared = Counter(
            {a: n + votes.get(a - 1, 0) + votes.get(a + 1, 0) for a, n in votes.items()}
        )
        for alignment, _ in shared.most_common(4 * _MAX_WINDOWS):
            turn = self._turn_of(self._witness(alignment, voters, offsets))
            if all(t != turn or abs(alignment - a) > length // 2 for t, a in chosen):
                chosen.append((turn, alignment))
        return [
            (
                turn,
                max(self._turn_lo[turn], alignment - slack),
                min(self._turn_hi[turn], alignment + length + slack),
            )
            for turn, alignment in chosen[:_MAX_WINDOWS]
        ]

    def _witness(self, alignment: int, voters: list[int], offsets: dict[int, list[int]]) -> int:
        """Return a position that voted for ``alignment`` (it lies in the right turn)."""
        for token in voters:
            postings = self._postings[token]
            for offset in offsets[token][:_MAX_OFFSETS]:
                i = bisect_left(postings, alignment + offset)
                if i < len(postings) and postings[i] == alignment + offset:
                    return alignment + offset
        raise AssertionError(f"no vote for alignment {alignment}")

    def _closest_spans(
        self, matcher: SequenceMatcher[int], length: int, lo: int, hi: int, turn: int
    ) -> tuple[tuple[int, int], tuple[int, int]] | None:
        """Return the core and the passage in region ``lo``-``hi`` closest to the quotation.

        The core runs from one block of words the quotation shares with the region to
        another; the passage widens it by the quotation's words beyond those blocks. The
        pair of blocks is the one with the best estimated ratio.
        """
        matcher.set_seq1(self._ids[lo:hi])
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

    def _diff(
        self, start: int, end: int, quoted: list[int], quoted_text: list[str]
    ) -> tuple[str, ...]:
        """Return the word-level edits that turn the passage into the quotation."""
        number, index = self._turn_key[self._turn_of(start)]
        text = self._layers[number].turns[index].text
        passage_text = [text[self._char_start[p] : self._char_end[p]] for p in range(start, end)]
        edits: list[str] = []
        matcher = SequenceMatcher(None, self._ids[start:end], quoted, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "replace":
                edits.append(f"{' '.join(quoted_text[j1:j2])} → {' '.join(passage_text[i1:i2])}")
            elif tag == "delete":
                edits += (f"-{word}" for word in passage_text[i1:i2])
            elif tag == "insert":
                edits += (f"+{word}" for word in quoted_text[j1:j2])
        return tuple(edits)
