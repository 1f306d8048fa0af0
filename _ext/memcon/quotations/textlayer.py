"""The text layer of a transcript: its spoken words, normalised and tokenised.

Pure Python: nothing here knows Sphinx or docutils. A word token is a run of letters and
digits, keeping internal apostrophes (``people's``); everything else (white space,
punctuation, hyphens and dashes) separates words. Token offsets always refer to the
original text, so a match can be shown as the transcript prints it.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator, Sequence

__all__ = [
    "TextLayer",
    "chunk_words",
    "chunks",
    "normalise",
    "scan",
    "spans",
]

_APOSTROPHES = "'\u2018\u2019\u201b\u02bc\u2032\uff07"
_DOUBLE_QUOTES = '"\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb'
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"

_FOLD = str.maketrans(
    {
        **dict.fromkeys(_APOSTROPHES, "'"),
        **dict.fromkeys(_DOUBLE_QUOTES, '"'),
        **dict.fromkeys(_DASHES, "-"),
    }
)

# Combining marks belong to the letter before them (an unnormalised "e" + U+0301).
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_LETTER = rf"[^\W_][{_MARKS}]*"
_WORD = rf"(?:{_LETTER})+(?:[{_APOSTROPHES}](?:{_LETTER})+)*"
# The words of _WORD, found twice as fast: in a text whose underscores are blanked (to
# ``\w`` a word character, never part of a word), a word is a word character and then
# word characters and marks, a class per character instead of a group (see _words).
_WORD_RE = re.compile(rf"\w[\w{_MARKS}]*(?:[{_APOSTROPHES}]\w[\w{_MARKS}]*)*")
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")
_NORMALISED_WORD_RE = re.compile(rf"(?:{_LETTER})+(?:'(?:{_LETTER})+)*")
# The same words in ASCII text, where a word's normal form is its lower case: most turns.
_ASCII_APOSTROPHES = "".join(c for c in _APOSTROPHES if c.isascii())
_ASCII_WORD_RE = re.compile(rf"[A-Za-z0-9]+(?:[{re.escape(_ASCII_APOSTROPHES)}][A-Za-z0-9]+)*")


def _words(text: str) -> Iterator[re.Match[str]]:
    """The words of ``text`` as :data:`_WORD` defines them, each a match in a text of the
    same length, whose words are the same substrings."""
    return _WORD_RE.finditer(text.replace("_", " ") if "_" in text else text)


def normalise(text: str) -> str:
    """Return ``text`` in the form used for matching.

    Unicode compatibility form (NFKC), case folded, curly and straight quotes and
    apostrophes unified (``'`` and ``"``), hyphens and dashes unified (``-``), runs of
    white space collapsed to one space.
    """
    folded = unicodedata.normalize("NFKC", text).casefold().translate(_FOLD)
    return " ".join(folded.split())


def _normalised_words(word: str) -> tuple[str, ...]:
    """Normalise one word of the original text (rarely it becomes several, e.g. ``½``)."""
    if word.isascii():
        return (word.lower(),)
    return tuple(_NORMALISED_WORD_RE.findall(normalise(word)))


def scan(text: str) -> Iterator[tuple[str, int, int]]:
    """Yield ``(normalised word, start, end)`` for each word of ``text``: the word as matching
    reads it, and the offsets of the word as ``text`` prints it."""
    for match in _words(text):
        start, end = match.span()
        for norm in _normalised_words(match.group()):
            yield norm, start, end


def words_and_offsets(text: str) -> tuple[list[str], list[int], list[int]]:
    """The normalised words :func:`scan` finds in ``text``, their starts and their ends:
    the same as :func:`scan`, in three lists and faster."""
    if text.isascii():  # the same, without a call per word
        found = [match.span() for match in _ASCII_WORD_RE.finditer(text)]
        lowered = text.lower()
        return (
            [lowered[start:end] for start, end in found],
            [start for start, _ in found],
            [end for _, end in found],
        )
    words: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for match in _words(text):  # scan(), without a generator step per word
        start, end = match.span()
        for norm in _normalised_words(match.group()):
            words.append(norm)
            starts.append(start)
            ends.append(end)
    return words, starts, ends


def spans(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` of each word :func:`scan` finds in ``text``, in order: the same
    as its offsets, without normalising every word."""
    if text.isascii():
        return [match.span() for match in _ASCII_WORD_RE.finditer(text)]
    found = [match.span() for match in _words(text)]
    # A word normalises to one word, except rarely one with non-ASCII characters (the
    # compatibility form of "½" is two words): look at those words only.
    starts = [start for start, _ in found]
    counts: dict[int, int] = {}
    for character in _NON_ASCII_RE.finditer(text):
        index = bisect_right(starts, character.start()) - 1
        if index >= 0 and index not in counts:
            start, end = found[index]
            if character.start() < end:
                counts[index] = len(_normalised_words(text[start:end]))
    if all(count == 1 for count in counts.values()):
        return found
    return [span for index, span in enumerate(found) for _ in range(counts.get(index, 1))]


class TextLayer:
    """The text layer of one transcript: its turns, as three columns.

    Turn ``i`` is ``ids[i]``, spoken by ``speakers[i]``, and its words are ``texts[i]``. The
    index (:class:`~memcon.quotations.match.Corpus`) reads only these columns, and tokenises
    the texts of all the layers itself, at once.
    """

    transcript: str
    """The transcript id."""
    ids: tuple[str, ...]
    """Each turn's id, in document order."""
    speakers: tuple[str, ...]
    """Each turn's speaker id, in document order."""
    texts: tuple[str, ...]
    """Each turn's spoken text, in document order."""

    @classmethod
    def from_columns(
        cls,
        transcript: str,
        ids: Sequence[str],
        speakers: Sequence[str],
        texts: Sequence[str],
    ) -> TextLayer:
        """The layer of turns given column by column: ``ids[i]``, ``speakers[i]`` and
        ``texts[i]`` are turn ``i``'s. An edition's index is made of tens of thousands of
        turns, and this makes no object for each of them."""
        if not len(ids) == len(speakers) == len(texts):
            raise ValueError(
                f"transcript {transcript!r}: {len(ids)} turn ids, {len(speakers)} speakers "
                f"and {len(texts)} texts; expected one of each per turn"
            )
        if len(set(ids)) != len(ids):
            seen: set[str] = set()
            for turn in ids:
                if turn in seen:
                    raise ValueError(f"transcript {transcript!r}: turn id {turn!r} is not unique")
                seen.add(turn)
        layer = cls.__new__(cls)
        layer.transcript = transcript
        layer.ids, layer.speakers, layer.texts = tuple(ids), tuple(speakers), tuple(texts)
        return layer

    def __repr__(self) -> str:
        return f"TextLayer({self.transcript!r}, {len(self.ids)} turns)"


# -- many texts at once ----------------------------------------------------------------------
#
# Tokenising a whole archive word by word costs a Python call per word. Instead, every byte
# of the UTF-8 text that can never belong to a word (ASCII other than letters, digits and
# the apostrophe) becomes a space in one bytes.translate, and bytes.split cuts the rest into
# chunks. A chunk of ASCII letters and digits is one word, lower-cased; any other chunk
# (apostrophes, non-ASCII letters, marks or white space) is split by scan(). Only the
# distinct chunks are looked at, and an archive has few.

_CHUNK_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'")
_CHUNKS = bytes(b if b in _CHUNK_BYTES or b >= 0x80 or b == 0 else 0x20 for b in range(256))
_BOUNDARY = "\x00"
"""Stands between two texts in :func:`chunks`, as a chunk of its own."""


def chunks(texts: Sequence[str]) -> list[bytes]:
    """Cut ``texts`` into chunks, with the chunk ``b"\\x00"`` before, between and after them.

    :func:`chunk_words` of the chunks between two boundaries, in order, are the normalised
    words :func:`scan` finds in that text.
    """
    clean = [text.replace(_BOUNDARY, " ") if _BOUNDARY in text else text for text in texts]
    joined = f" {_BOUNDARY} {f' {_BOUNDARY} '.join(clean)} {_BOUNDARY} " if clean else _BOUNDARY
    return joined.encode("utf-8", "surrogatepass").translate(_CHUNKS).split()


def chunk_words(chunk: bytes) -> tuple[str, ...]:
    """The normalised words of one chunk made by :func:`chunks`."""
    if chunk.isalnum():  # ASCII letters and digits only
        return (chunk.decode("ascii").lower(),)
    return tuple(norm for norm, _, _ in scan(chunk.decode("utf-8", "surrogatepass")))
