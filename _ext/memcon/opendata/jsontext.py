"""Compact JSON, written whole or in pieces: a large document is assembled from its
members' pieces as they come, each already written, and never held whole in memory.

Pure: it imports neither Sphinx nor docutils.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

#: A member's value: its JSON (UTF-8), whole or in pieces.
Pieces = bytes | Iterable[bytes]


#: The encoder of every value: made once, not once for each of the tens of thousands of
#: values and member names an edition's data files hold, as :func:`json.dumps` would.
_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def to_json(value: Any) -> str:
    """``value`` as compact JSON, written by :mod:`json`'s C encoder (which indenting would
    forgo: an edition of 150 transcripts is some eight megabytes of it)."""
    return _COMPACT.encode(value)


def encoded(value: Any) -> bytes:
    """:func:`to_json` of ``value``, in UTF-8."""
    return to_json(value).encode()


def array(items: Iterable[bytes]) -> Iterator[bytes]:
    """A JSON array of ``items``, each already JSON: the same text as :func:`to_json` of
    the list of their values."""
    yield b"["
    for number, item in enumerate(items):
        if number:
            yield b","
        yield item
    yield b"]"


def obj(members: Iterable[tuple[str, Pieces]]) -> Iterator[bytes]:
    """A JSON object of ``members`` (name, value already JSON), in order: the same text as
    :func:`to_json` of the dictionary of their values."""
    yield b"{"
    for number, (name, value) in enumerate(members):
        yield (b"," if number else b"") + encoded(name) + b":"
        if isinstance(value, bytes):
            yield value
        else:
            yield from value
    yield b"}"
