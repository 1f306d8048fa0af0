"""Writing a file whole or not at all. Pure: no Sphinx."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

#: The mode of a new file (a temporary file is private; what it becomes is not).
NEW_FILE_MODE = 0o644


def write_atomically(target: Path, content: bytes) -> None:
    """Write ``target`` through a temporary file beside it, renamed when complete, so that
    an interruption leaves the old file or none, never half of one; an existing file keeps
    its mode. Raises :class:`OSError` when it cannot be written."""
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(content)
        os.chmod(temporary, target.stat().st_mode if target.exists() else NEW_FILE_MODE)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
