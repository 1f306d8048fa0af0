"""Writing a large file in pieces (memcon.files, memcon.opendata.jsontext): the same bytes as
written whole, never half a file, and a file left alone when it holds them already; the
records kept between builds in one file (memcon.opendata.store)."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from memcon.files import same_bytes, write_atomically, write_if_changed
from memcon.opendata.jsontext import array, encoded, obj, to_json
from memcon.opendata.store import RecordStore

pytestmark = pytest.mark.unit

# JSON values as the data files hold them: text (any character), numbers, nulls, nesting.
SCALARS = st.none() | st.booleans() | st.integers() | st.text()
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


@given(st.dictionaries(st.text(), st.lists(VALUES, max_size=5), max_size=5))
def test_an_object_in_pieces_is_the_object_written_whole(members: dict[str, list[object]]) -> None:
    pieces = obj((name, array(encoded(item) for item in items)) for name, items in members.items())
    written = b"".join(pieces)
    assert written == to_json(members).encode()
    assert json.loads(written) == members


@given(st.lists(VALUES, max_size=6))
def test_an_array_in_pieces_is_the_array_written_whole(items: list[object]) -> None:
    assert b"".join(array(encoded(item) for item in items)) == encoded(items)


def pieces(*chunks: bytes) -> Iterator[bytes]:
    yield from chunks


def test_pieces_are_written_as_the_whole(tmp_path: Path) -> None:
    target = tmp_path / "new" / "edition.json"
    assert write_if_changed(target, pieces(b'{"a":', b"[1,2]", b"}\n"))
    assert target.read_bytes() == b'{"a":[1,2]}\n'
    assert oct(target.stat().st_mode & 0o777) == "0o644"
    assert [p.name for p in target.parent.iterdir()] == ["edition.json"]


@pytest.mark.parametrize("in_pieces", [False, True])
def test_a_file_holding_its_content_is_left_alone(tmp_path: Path, in_pieces: bool) -> None:
    target = tmp_path / "turns.csv"
    target.write_bytes(b"same content\n")
    os.utime(target, ns=(1_000_000_000, 1_000_000_000))
    same = pieces(b"same ", b"content\n") if in_pieces else b"same content\n"
    assert not write_if_changed(target, same)
    assert target.stat().st_mtime_ns == 1_000_000_000
    assert [p.name for p in tmp_path.iterdir()] == ["turns.csv"]


@pytest.mark.parametrize("other", [b"same content!\n", b"Same content\n"])
def test_a_file_whose_content_changed_is_written(tmp_path: Path, other: bytes) -> None:
    target = tmp_path / "turns.csv"
    target.write_bytes(b"same content\n")
    target.chmod(0o600)
    assert write_if_changed(target, pieces(other[:4], other[4:]))
    assert target.read_bytes() == other
    assert oct(target.stat().st_mode & 0o777) == "0o600"


def test_pieces_interrupted_leave_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "annotations.jsonld"
    target.write_bytes(b"old\n")

    def failing() -> Iterator[bytes]:
        yield b"new, half"
        raise OSError("No space left on device")

    with pytest.raises(OSError, match="No space left"):
        write_atomically(target, failing())
    assert target.read_bytes() == b"old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["annotations.jsonld"]


def test_files_compared_chunk_by_chunk(tmp_path: Path) -> None:
    one, other = tmp_path / "one", tmp_path / "other"
    one.write_bytes(b"x" * 200_000)
    other.write_bytes(b"x" * 199_999 + b"y")
    assert not same_bytes(one, other)
    other.write_bytes(b"x" * 200_000)
    assert same_bytes(one, other)


def test_a_record_store_keeps_each_conversations_record_until_it_is_replaced(
    tmp_path: Path,
) -> None:
    path = tmp_path / "doctrees" / "memcon-records.sqlite"
    with RecordStore(path) as store:
        store.put("2003-03-18", "a", b'{"id":"2003-03-18"}', b"row\n")
        store.put("2001-06-16", "b", b"{}", b"")
    with RecordStore(path) as store:
        assert store.made_from() == {"2003-03-18": "a", "2001-06-16": "b"}
        store.put("2003-03-18", "c", b'{"id":"2003-03-18","v":2}', b"row 2\n")
        store.keep_only(["2003-03-18"])
    with RecordStore(path) as store:
        assert store.made_from() == {"2003-03-18": "c"}
        assert store.json("2003-03-18") == b'{"id":"2003-03-18","v":2}'
        assert store.csv("2003-03-18") == b"row 2\n"
        with pytest.raises(KeyError, match="2001-06-16"):
            store.json("2001-06-16")
    assert [p.name for p in path.parent.iterdir()] == [path.name]


def test_a_record_store_left_half_made_keeps_what_was_there_before(tmp_path: Path) -> None:
    path = tmp_path / "memcon-records.sqlite"
    with RecordStore(path) as store:
        store.put("2003-03-18", "a", b"{}", b"")
    with pytest.raises(RuntimeError), RecordStore(path) as store:
        store.put("2003-03-18", "b", b"{}", b"")
        raise RuntimeError("the build stopped")
    with RecordStore(path) as store:
        assert store.made_from() == {"2003-03-18": "a"}


@pytest.mark.parametrize(
    "content", [b"not a database, whatever it is", b""], ids=["not a database", "empty"]
)
def test_a_file_holding_no_record_store_is_made_one(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "memcon-records.sqlite"
    path.write_bytes(content * 200)
    with RecordStore(path) as store:
        assert store.made_from() == {}
        store.put("2003-03-18", "a", b"{}", b"")
    with RecordStore(path) as store:
        assert store.made_from() == {"2003-03-18": "a"}


def test_a_record_store_of_another_form_is_made_anew(tmp_path: Path) -> None:
    path = tmp_path / "memcon-records.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE records (id TEXT PRIMARY KEY, data BLOB)")
        db.execute("INSERT INTO records VALUES ('2003-03-18', x'00')")
    db.close()
    with RecordStore(path) as store:
        assert store.made_from() == {}


def test_a_record_store_of_this_form_without_its_table_is_made_anew(tmp_path: Path) -> None:
    path = tmp_path / "memcon-records.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version = 1")
    db.close()
    with RecordStore(path) as store:
        assert store.made_from() == {}
        store.put("2003-03-18", "a", b"{}", b"")
    with RecordStore(path) as store:
        assert store.made_from() == {"2003-03-18": "a"}
