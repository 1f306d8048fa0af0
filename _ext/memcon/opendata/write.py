"""Writes the open data with the HTML site, once every page is written.

Everything is made from the domain's records, which hold every page's records after a full,
an incremental or a parallel build alike: each build writes the same files. A file whose
content is unchanged is left alone, so that its date says when its data last changed.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from ..domain import MemconDomain, get_domain
from ..records import Conversation, Turn
from . import dataset, tei, webannotations
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
    for conv in transcribed:
        where = tei.Addresses(
            page_url(app, base, conv.docname), page_url(app, base, persons_doc(app)), AVAILABILITY
        )
        document = tei.tei_document(
            conv, domain.turns_of(conv.id), domain.apparatus_of(conv.id), domain.persons, where
        )
        write_if_changed(out / "tei" / f"{conv.id}.xml", document)
        ocr = ocr_source(Path(app.srcdir), conv)
        if ocr is not None:
            write_if_changed(out / "ocr" / f"{conv.id}.txt", ocr.read_bytes())
    write_if_changed(out / "annotations.jsonld", _json(_annotations(app, domain, base)))
    write_if_changed(out / "edition.json", _json(_dataset(app, domain, base)))
    write_if_changed(out / "edition.schema.json", dataset.SCHEMA.read_bytes())
    rows = ((c, domain.turns_of(c.id), domain.apparatus_of(c.id)) for c in transcribed)
    write_if_changed(out / "turns.csv", dataset.turns_csv(rows).encode())
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


def _annotations(app: Sphinx, domain: MemconDomain, base: str) -> dict[str, Any]:
    made = []
    turns: dict[str, dict[str, Turn]] = {}  # each conversation's turns, by id, once
    for quotation, verdict in domain.quotations_with_verdicts():
        conv = domain.conversations.get(verdict.source or "")
        if conv is None or conv.status != "transcribed" or not verdict.passage:
            continue
        if conv.id not in turns:
            turns[conv.id] = {t.id: t for t in domain.turns_of(conv.id)}
        turn = turns[conv.id].get(verdict.passage)
        where = webannotations.span(turn, conv.id, quotation) if turn else None
        if turn is None or where is None:
            continue
        urls = {
            "quoting": page_url(app, base, quotation.docname),
            "source": page_url(app, base, conv.docname),
        }
        around = _surroundings(domain, conv, turn)
        made.append(webannotations.annotation(quotation, verdict, turn, where, around, urls))
    return webannotations.collection(base + "data/annotations.jsonld", made)


def _surroundings(
    domain: MemconDomain, conv: Conversation, turn: Turn
) -> webannotations.Surroundings:
    """What the turn's page shows in and beside its words, from the domain's records."""
    notes = domain.apparatus_of(conv.id).notes_in(turn.id)
    quoting = domain.quoted_turns(conv.docname).get(turn.id, [])
    marks = tuple(sorted({note.offset for note in notes} | {at for at, _ in turn.breaks}))
    texts = (conv.speaker_label(turn.speaker), *(n.text for n in notes), *(q.text for q in quoting))
    return webannotations.Surroundings(marks, texts)


def _dataset(app: Sphinx, domain: MemconDomain, base: str) -> dict[str, Any]:
    conversations = [
        dataset.conversation_record(
            conv, domain.turns_of(conv.id), domain.apparatus_of(conv.id), _urls(app, base, conv)
        )
        for conv in domain.conversations.values()
    ]
    meta = {"title": app.config.project, "url": base, "version": app.config.release}
    person_url = page_url(app, base, persons_doc(app))
    return dataset.dataset(
        meta, conversations, domain.persons, person_url, domain.quotations_with_verdicts()
    )


def _urls(app: Sphinx, base: str, conv: Conversation) -> dict[str, str]:
    urls = {"page": page_url(app, base, conv.docname)}
    if conv.status == "transcribed":
        urls["tei"] = f"{base}data/tei/{conv.id}.xml"
        if ocr_source(Path(app.srcdir), conv):
            urls["ocr"] = f"{base}data/ocr/{conv.id}.txt"
    return urls


def _json(data: dict[str, Any]) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode()


def write_if_changed(path: Path, content: bytes) -> None:
    """Write ``content`` to ``path`` unless it holds it already."""
    if path.is_file() and path.read_bytes() == content:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(content)
    shutil.move(tmp, path)
