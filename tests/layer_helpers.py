"""Text layers for the tests: written turn by turn, read back word by word.

The extension makes its text layers column by column (``TextLayer.from_columns``) and
never tokenises a layer on its own: the index tokenises all of them at once. The tests
write a layer's turns one by one, as :class:`TurnText` records, and read a text's words
with their offsets through :func:`tokenize`, the reference the extension's faster
tokenisers are checked against.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from memcon.quotations.textlayer import TextLayer, scan


@dataclass(frozen=True)
class TurnText:
    """One speaker turn's spoken text: page breaks, markings, notes, labels already removed."""

    turn: str  #: the turn id, e.g. ``t05`` (unique within a transcript)
    speaker: str  #: the speaker id, e.g. ``bush``
    text: str  #: the spoken words as plain text


@dataclass(frozen=True)
class Token:
    """One word of a text: its normalised form and where it stands in the original."""

    norm: str  #: the normalised word
    start: int  #: offset of the word's first character in the original text
    end: int  #: offset just past the word's last character in the original text


def tokenize(text: str) -> list[Token]:
    """The words of ``text``, normalised, with their offsets into ``text``."""
    return [Token(norm, start, end) for norm, start, end in scan(text)]


def text_layer(transcript: str, turns: Iterable[TurnText]) -> TextLayer:
    """The text layer of ``turns``, in their order."""
    turns = tuple(turns)
    return TextLayer.from_columns(
        transcript,
        [turn.turn for turn in turns],
        [turn.speaker for turn in turns],
        [turn.text for turn in turns],
    )
