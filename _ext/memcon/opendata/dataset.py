"""The edition as a JSON dataset and its turns as CSV, from the domain's records alone.

Pure: it imports neither Sphinx nor docutils. ``edition.schema.json``, beside this module,
is the dataset's JSON Schema; the tests validate every build's dataset against it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ..records import Apparatus, Conversation, Quotation, Register, Turn, Verdict
from .jsontext import array, encoded, obj

SCHEMA = Path(__file__).with_name("edition.schema.json")
CSV_FIELDS = ("conversation", "turn", "speaker", "label", "pages", "marking", "struck", "text")


def conversation_record(
    conv: Conversation, turns: tuple[Turn, ...], apparatus: Apparatus, urls: Mapping[str, str]
) -> dict[str, Any]:
    """One conversation: its metadata, turns, page breaks and notes. ``urls`` gives the
    ``page`` and, for a transcribed conversation, ``tei`` and ``ocr`` addresses."""
    return {
        "id": conv.id,
        "title": conv.title,
        "date": conv.date,
        "kind": conv.kind,
        "status": conv.status,
        "time": conv.time,
        "place": conv.place,
        "subject": conv.subject,
        "subject_marking": conv.subject_marking,
        "participants": [asdict(p) for p in conv.participants],
        "notetakers": list(conv.notetakers),
        "interpreters": list(conv.interpreters),
        "speakers": [{"id": sid, "label": label} for sid, label in conv.speakers],
        "topics": list(conv.topics),
        "source": dict(conv.source),
        "repository": conv.repository,
        "control_number": conv.control_number,
        "classification": asdict(conv.classification),
        "urls": dict(urls),
        "turns": [_turn(conv, turn, apparatus) for turn in turns],
        "page_breaks": [
            {"turn": turn.id, "offset": at, "page": page, "supplied": page in apparatus.supplied}
            for turn in turns
            for at, page in turn.breaks
        ],
        "notes": [
            {
                "number": note.number,
                "turn": note.turn,
                "offset": note.offset,
                "text": note.text,
                "references": list(note.references),
            }
            for note in apparatus.notes
        ],
        "closing": apparatus.closing,
    }


def _turn(conv: Conversation, turn: Turn, apparatus: Apparatus) -> dict[str, Any]:
    marking = apparatus.marking_of(turn.id)
    return {
        "id": turn.id,
        "speaker": turn.speaker,
        "label": apparatus.label_of(turn.id) or conv.speaker_label(turn.speaker),
        "pages": list(turn.pages),
        "marking": marking[0] if marking else None,
        "struck": bool(marking and marking[1]),
        "text": turn.text,
    }


def quotation_record(quotation: Quotation, verdict: Verdict) -> dict[str, Any]:
    """One quotation with its verdict, in the quotation report's terms."""
    return {
        "doc": quotation.docname,
        "line": quotation.line,
        "key": quotation.key,
        "text": quotation.text,
        "kind": quotation.kind,
        "attribution": quotation.attribution,
        "status": verdict.status,
        "source": verdict.source,
        "speaker": verdict.speaker,
        "passage": verdict.passage,
        "pages": list(verdict.pages),
        "score": verdict.score,
        "suggestion": verdict.suggestion,
        "elsewhere": [{"source": s, "passage": p} for s, p in verdict.elsewhere],
    }


def dataset_json(
    meta: Mapping[str, str],
    conversations: Iterable[bytes],
    register: Register,
    person_url: str,
    quotations: Iterable[bytes],
) -> Iterator[bytes]:
    """The whole dataset as compact JSON, UTF-8, in pieces: the edition's ``meta`` (title,
    url, version), its conversations, persons and quotations. Each conversation's and each
    quotation's record comes already written (:func:`~.jsontext.encoded` of
    :func:`conversation_record`, of :func:`quotation_record`), so that one made by an earlier
    build is not made again. The text is that of :func:`~.jsontext.to_json` of the whole."""
    persons = [
        {**asdict(p), "aliases": list(p.aliases), "url": f"{person_url}#{p.anchor}"}
        for p in register.persons
    ]
    yield from obj(
        [
            ("edition", encoded(dict(meta))),
            ("conversations", array(conversations)),
            ("persons", encoded(persons)),
            ("quotations", array(quotations)),
        ]
    )


def turns_csv(rows: Iterable[bytes]) -> Iterator[bytes]:
    """The CSV of every turn, UTF-8, in pieces: its header, then each conversation's rows
    (:func:`turn_rows_csv`, encoded)."""
    yield (",".join(CSV_FIELDS) + "\n").encode()
    yield from rows


def turn_rows_csv(record: Mapping[str, Any]) -> str:
    """A conversation's turns as rows of the CSV, for spreadsheets, from its record
    (:func:`conversation_record`)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for turn in record.get("turns", ()):
        pages = "-".join(dict.fromkeys((turn["pages"][0], turn["pages"][-1])))
        struck = "yes" if turn["struck"] else "no"
        row = (record["id"], turn["id"], turn["speaker"], turn["label"], pages)
        writer.writerow((*row, turn["marking"] or "", struck, turn["text"]))
    return out.getvalue()
