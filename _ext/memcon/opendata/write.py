"""Writes the open data with the HTML site, once every page is written.

Everything is made from the domain's records, which hold every page's records after a full,
an incremental or a parallel build alike: each build writes the same files. A file whose
content is unchanged is left alone, so that its date says when its data last changed.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

from sphinx.application import Sphinx

from ..domain import MemconDomain, get_domain
from ..files import write_if_changed
from ..records import Conversation, Turn
from . import dataset, jsontext, tei, webannotations
from .links import BUILDERS, ocr_source

AVAILABILITY = (
    "The memorandum is a declassified record of the United States government, released "
    "by the George W. Bush Presidential Library. The edition's apparatus (notes, "
    "identifiers, this encoding) may be reused with attribution to the edition."
)


def on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    """Write ``data/`` into the HTML site: the TEI of every transcribed conversation, the
    annotations, the dataset with its schema, the turns as CSV and the OCR texts."""
    if exception is not None or app.builder.name not in BUILDERS:
        return
    out = Path(app.outdir) / "data"
    domain = get_domain(app.env)
    base = app.config.html_baseurl.rstrip("/") + "/" if app.config.html_baseurl else ""
    transcribed = [c for c in domain.conversations.values() if c.status == "transcribed"]
    # What the last build made its files from, kept beside the environment (which is saved
    # before the files are written): a file is made again only from what changed.
    memo_path = Path(app.doctreedir) / "memcon-data.pickle"
    memo = _load(memo_path)
    made: dict[str, str] = {}
    for conv in transcribed:
        where = tei.Addresses(
            page_url(app, base, conv.docname), page_url(app, base, persons_doc(app)), AVAILABILITY
        )
        ocr = ocr_source(Path(app.srcdir), conv)
        if ocr is not None:
            write_if_changed(out / "ocr" / f"{conv.id}.txt", ocr.read_bytes())
        path = out / "tei" / f"{conv.id}.xml"
        apparatus = domain.apparatus_of(conv.id)
        made[path.name] = _digest(
            conv, domain.fingerprint(conv.id), apparatus, domain.persons, where
        )
        if path.is_file() and memo.made.get(path.name) == made[path.name]:
            continue
        turns = domain.turns_of(conv.id)
        write_if_changed(path, tei.tei_document(conv, turns, apparatus, domain.persons, where))
    collection = webannotations.collection(
        base + "data/annotations.jsonld", _annotations(app, domain, base)
    )
    write_if_changed(out / "annotations.jsonld", chain(collection, [b"\n"]))
    del collection  # and its annotations: the dataset's records take their place in memory
    records: Records = {}
    edition = _dataset(app, domain, base, memo.records, records)
    write_if_changed(out / "edition.json", edition)
    write_if_changed(out / "edition.schema.json", dataset.SCHEMA.read_bytes())
    write_if_changed(out / "turns.csv", dataset.turns_csv(rows for _, _, rows in records.values()))
    _save(memo_path, DataMemo(made, records))
    for folder, suffix in (("tei", ".xml"), ("ocr", ".txt")):
        remove_others(out / folder, {f"{c.id}{suffix}" for c in transcribed})


def remove_others(folder: Path, kept: set[str]) -> None:
    """Remove the files of ``folder`` not in ``kept``: those of a conversation no longer
    transcribed, which a full build would not write."""
    if folder.is_dir():
        for path in folder.iterdir():
            if path.name not in kept:
                path.unlink()


def page_url(app: Sphinx, base: str, docname: str) -> str:
    """A page's absolute URL on the hosted site."""
    return base + app.builder.get_target_uri(docname)


def persons_doc(app: Sphinx) -> str:
    """The persons register's page (the page holding the register listing)."""
    domain = get_domain(app.env)
    pages = [doc for doc, kinds in domain.listings().items() if "persons" in kinds]
    return pages[0] if pages else app.config.root_doc


#: Each conversation's dataset record, as JSON and as rows of the CSV (UTF-8), with a
#: digest of what it was made from.
Records = dict[str, tuple[str, bytes, bytes]]


@dataclass
class DataMemo:
    """What the last build made the data files from: a digest per TEI file, and each
    conversation's dataset record."""

    made: dict[str, str] = field(default_factory=dict)
    records: Records = field(default_factory=dict)
    #: the form of the memo; one of another form, kept by an earlier version, is not used
    form: int = 2


def _load(path: Path) -> DataMemo:
    try:
        with path.open("rb") as file:
            memo = pickle.load(file)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        return DataMemo()
    if not isinstance(memo, DataMemo) or getattr(memo, "form", None) != DataMemo.form:
        return DataMemo()
    return memo


def _save(path: Path, memo: DataMemo) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as file:
        pickle.dump(memo, file)


def _annotations(app: Sphinx, domain: MemconDomain, base: str) -> list[bytes]:
    """Each quotation of a transcribed conversation as an annotation (JSON) pointing at
    the passage its verdict found."""
    made = []
    turns: dict[str, dict[str, Turn]] = {}  # each conversation's turns, by id, once
    for quotation, verdict in domain.quotations_with_verdicts():
        conv = domain.conversations.get(verdict.source or "")
        if conv is None or conv.status != "transcribed" or not verdict.passage:
            continue
        if conv.id not in turns:
            turns[conv.id] = {t.id: t for t in domain.turns_of(conv.id)}
        turn = turns[conv.id].get(verdict.passage)
        if turn is None or verdict.span is None or verdict.span[1] <= verdict.span[0]:
            continue
        urls = {
            "quoting": page_url(app, base, quotation.docname),
            "source": page_url(app, base, conv.docname),
        }
        around = _surroundings(domain, conv, turn)
        made.append(
            jsontext.encoded(
                webannotations.annotation(quotation, verdict, turn, verdict.span, around, urls)
            )
        )
    return made


def _surroundings(
    domain: MemconDomain, conv: Conversation, turn: Turn
) -> webannotations.Surroundings:
    """What the turn's page shows in and beside its words, from the domain's records."""
    notes = domain.apparatus_of(conv.id).notes_in(turn.id)
    quoting = domain.quoted_turns(conv.docname).get(turn.id, [])
    marks = tuple(sorted({note.offset for note in notes} | {at for at, _ in turn.breaks}))
    texts = (conv.speaker_label(turn.speaker), *(n.text for n in notes), *(q.text for q in quoting))
    return webannotations.Surroundings(marks, texts)


def _dataset(
    app: Sphinx, domain: MemconDomain, base: str, kept: Records, records: Records
) -> Iterator[bytes]:
    """The dataset as JSON, in pieces; ``records`` gets each conversation's record, as JSON and as
    rows of the CSV, made anew only where ``kept`` has none made from the same page."""
    for conv in domain.conversations.values():
        urls = _urls(app, base, conv)
        apparatus = domain.apparatus_of(conv.id)
        made_from = _digest(conv, domain.fingerprint(conv.id), apparatus, urls)
        record = kept.get(conv.id)
        if record is None or record[0] != made_from:
            turns = domain.turns_of(conv.id)
            made = dataset.conversation_record(conv, turns, apparatus, urls)
            record = (made_from, jsontext.encoded(made), dataset.turn_rows_csv(made).encode())
        records[conv.id] = record
    meta = {"title": app.config.project, "url": base, "version": app.config.release}
    person_url = page_url(app, base, persons_doc(app))
    return dataset.dataset_json(
        meta,
        (text for _, text, _ in records.values()),
        domain.persons,
        person_url,
        domain.quotations_with_verdicts(),
    )


def _urls(app: Sphinx, base: str, conv: Conversation) -> dict[str, str]:
    urls = {"page": page_url(app, base, conv.docname)}
    if conv.status == "transcribed":
        urls["tei"] = f"{base}data/tei/{conv.id}.xml"
        if ocr_source(Path(app.srcdir), conv):
            urls["ocr"] = f"{base}data/ocr/{conv.id}.txt"
    return urls


def _digest(*inputs: object) -> str:
    """A digest of what a file is made from (frozen records: their repr says it all)."""
    return hashlib.sha1(repr(inputs).encode(), usedforsecurity=False).hexdigest()
