"""Each conversation's dataset record, kept between builds in one file. Pure: no Sphinx.

The dataset and the CSV of turns are written from these records a conversation at a time,
so that the edition's records are never all held in memory; one SQLite file holds them
all, rather than a file or two for each conversation, each of which a build would make
anew.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType

#: The form of the store; a file of another form, kept by an earlier version, is made anew.
FORM = 1
_TABLE = (
    "CREATE TABLE records (id TEXT PRIMARY KEY, made_from TEXT NOT NULL, "
    "json BLOB NOT NULL, csv BLOB NOT NULL)"
)


class RecordStore:
    """Each conversation's record as JSON and as the rows of the CSV, with a digest of what
    they were made from, by conversation id. Changes are saved by :meth:`close`; a file
    that cannot be read is made anew, as if empty."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self._db = self._open()
        except sqlite3.DatabaseError:
            self.path.unlink(missing_ok=True)
            self._db = self._open()

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path)
        try:
            (form,) = db.execute("PRAGMA user_version").fetchone()
            if form != FORM:
                db.execute("DROP TABLE IF EXISTS records")
                db.execute(_TABLE)
                db.execute(f"PRAGMA user_version = {FORM}")
                db.commit()
            # A file that is not a database fails at the first statement above; one of
            # this form without its table fails here. Either is made anew by the caller.
            db.execute("SELECT count(*) FROM records").fetchone()
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def made_from(self) -> dict[str, str]:
        """What each kept record was made from, by conversation id."""
        return dict(self._db.execute("SELECT id, made_from FROM records"))

    def put(self, conversation: str, made_from: str, json: bytes, csv: bytes) -> None:
        """Keep a conversation's record, in place of any kept before."""
        self._db.execute(
            "INSERT OR REPLACE INTO records VALUES (?, ?, ?, ?)",
            (conversation, made_from, json, csv),
        )

    def keep_only(self, conversations: Iterable[str]) -> None:
        """Forget the records of every conversation but ``conversations``."""
        kept = set(conversations)
        gone = [(cid,) for cid in self.made_from() if cid not in kept]
        self._db.executemany("DELETE FROM records WHERE id = ?", gone)

    def json(self, conversation: str) -> bytes:
        """A conversation's record, as JSON."""
        return self._one("json", conversation)

    def csv(self, conversation: str) -> bytes:
        """A conversation's turns, as rows of the CSV."""
        return self._one("csv", conversation)

    def _one(self, column: str, conversation: str) -> bytes:
        row = self._db.execute(
            f"SELECT {column} FROM records WHERE id = ?", (conversation,)
        ).fetchone()
        if row is None:
            raise KeyError(f"no record of {conversation!r} is kept in {self.path}")
        return bytes(row[0])

    def close(self) -> None:
        """Save the changes and close the file."""
        self._db.commit()
        self._db.close()

    def __enter__(self) -> RecordStore:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if kind is None:
            self.close()
        else:
            self._db.rollback()
            self._db.close()
