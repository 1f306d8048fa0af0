"""Writing a file whole or not at all. Pure: no Sphinx."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

#: The mode of a new file (a temporary file is private; what it becomes is not).
NEW_FILE_MODE = 0o644
#: How much of two files is compared at a time.
CHUNK = 1 << 16


def write_atomically(target: Path, content: bytes | Iterable[bytes]) -> None:
    """Write ``target`` through a temporary file beside it, renamed when complete, so that
    an interruption leaves the old file or none, never half of one; an existing file keeps
    its mode. ``content`` may come in pieces, written as they come, so that a large file is
    never held whole in memory. Raises :class:`OSError` when it cannot be written."""
    _write(target, content, keep_same=False)


def write_if_changed(target: Path, content: bytes | Iterable[bytes]) -> bool:
    """Write ``target`` as :func:`write_atomically` does, making its folder if need be,
    unless it holds ``content`` already: its date then says when its content last changed.
    Whether it was written."""
    if isinstance(content, bytes) and _holds(target, content):
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    return _write(target, content, keep_same=not isinstance(content, bytes))


def _write(target: Path, content: bytes | Iterable[bytes], keep_same: bool) -> bool:
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "wb") as file:
            if isinstance(content, bytes):
                file.write(content)
            else:
                file.writelines(content)
        if keep_same and target.is_file() and same_bytes(Path(temporary), target):
            Path(temporary).unlink()
            return False
        os.chmod(temporary, target.stat().st_mode if target.exists() else NEW_FILE_MODE)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return True


def _holds(target: Path, content: bytes) -> bool:
    return (
        target.is_file()
        and target.stat().st_size == len(content)
        and target.read_bytes() == content
    )


def same_bytes(one: Path, other: Path) -> bool:
    """Whether two files hold the same bytes, read a chunk at a time."""
    if one.stat().st_size != other.stat().st_size:
        return False
    with one.open("rb") as first, other.open("rb") as second:
        while True:
            chunk = first.read(CHUNK)
            if chunk != second.read(CHUNK):
                return False
            if not chunk:
                return True
