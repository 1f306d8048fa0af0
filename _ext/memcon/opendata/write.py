"""Writes the open data with the HTML site, once every page is written.

Everything is made from the domain's records, which hold every page's records after a full,
an incremental or a parallel build alike: each build writes the same files. A file whose
content is unchanged is left alone, so that its date says when its data last changed.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import TypeVar

from sphinx.application import Sphinx

from ..domain import MemconDomain, get_domain
from ..files import write_if_changed
from ..records import Conversation, Quotation, Turn, Verdict
from . import dataset, jsontext, tei, webannotations
from .links import BUILDERS, ocr_source
from .store import RecordStore

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
    ocr_texts = {conv.id: ocr_source(Path(app.srcdir), conv) for conv in transcribed}
    # What the last build made its files from, kept beside the environment (which is saved
    # before the files are written): a file, or a piece of one, is made again only from
    # what changed.
    memo_path = Path(app.doctreedir) / "memcon-data.pickle"
    memo = _load(memo_path, DataMemo)
    made: dict[str, str] = {}

    def fresh(name: str, made_from: str) -> bool:
        """Whether ``data/<name>`` is there, made by the last build from the same."""
        made[name] = made_from
        return memo.made.get(name) == made_from and (out / name).is_file()

    persons_url = page_url(app, base, persons_doc(app))
    register = _digest(domain.persons)  # every TEI file's list of persons
    for conv in transcribed:
        where = tei.Addresses(page_url(app, base, conv.docname), persons_url, AVAILABILITY)
        ocr = ocr_texts[conv.id]
        if ocr is not None:
            write_if_changed(out / "ocr" / f"{conv.id}.txt", ocr.read_bytes())
        if fresh(f"tei/{conv.id}.xml", _digest(domain.state_of(conv.id), register, where)):
            continue
        turns, apparatus = domain.turns_of(conv.id), domain.apparatus_of(conv.id)
        document = tei.tei_document(conv, turns, apparatus, domain.persons, where)
        write_if_changed(out / "tei" / f"{conv.id}.xml", document)
    pages = {
        docname: _digest(page_url(app, base, docname), state)
        for docname, state in domain.page_states().items()
    }
    _write_annotations(app, domain, base, out, pages)
    quotations = _quotation_records(domain, pages, memo.quotations)
    # Each conversation's record is kept on disk, not in memory: the dataset and the CSV
    # are written from the kept records, one conversation at a time.
    with RecordStore(Path(app.doctreedir) / RECORDS) as kept:
        records = _records(app, domain, base, kept, ocr_texts)
        meta = {"title": app.config.project, "url": base, "version": app.config.release}
        quoted = {docname: made_from for docname, (made_from, _) in quotations.items()}
        if not fresh("edition.json", _digest(meta, persons_url, register, records, quoted)):
            conversations = (kept.json(cid) for cid in records)
            texts = (text for _, texts in quotations.values() for text in texts)
            edition = dataset.dataset_json(meta, conversations, domain.persons, persons_url, texts)
            write_if_changed(out / "edition.json", _lines(edition))
        if not fresh("turns.csv", _digest(records)):
            rows = (kept.csv(cid) for cid in records)
            write_if_changed(out / "turns.csv", dataset.turns_csv(rows))
    write_if_changed(out / "edition.schema.json", dataset.SCHEMA.read_bytes())
    _save(memo_path, DataMemo(made, quotations))
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


#: The file, beside the environment, where each conversation's dataset record is kept
#: between builds, as JSON and as the rows of the CSV (see :class:`.RecordStore`).
RECORDS = "memcon-records.sqlite"
#: What each conversation's kept dataset record was made from (a digest), by its id.
Records = dict[str, str]
#: What is made of each quoting page's quotations (each one's JSON), with a digest of what
#: it was made from.
ByPage = dict[str, tuple[str, tuple[bytes, ...]]]
#: A digest of each quoting page's quotations, their verdicts and its address, by page.
Pages = dict[str, str]
#: Each quoting page's annotations, with the digest of its quotations (as :data:`Pages`)
#: and the state of each conversation they quote, by its id: each quotation's annotation
#: (JSON; empty where it has none) by key, with the state of the conversation it quotes
#: and a digest of the quotation, its verdict and its page's address.
Annotations = dict[str, tuple[str, dict[str, str], dict[str, tuple[str, str, bytes]]]]


@dataclass
class DataMemo:
    """What the last build made the data files from: a digest per file (each TEI file, the
    dataset, the CSV), and each quoting page's quotation records."""

    made: dict[str, str] = field(default_factory=dict)
    quotations: ByPage = field(default_factory=dict)
    #: the form of the memo; one of another form, kept by an earlier version, is not used
    form: int = 5


@dataclass
class AnnotationMemo:
    """What the last build made the annotations from, kept apart from the dataset's memo so
    that the two are not held in memory together."""

    annotations: Annotations = field(default_factory=dict)
    #: the form of the memo, as :attr:`DataMemo.form`
    form: int = 2


Memo = TypeVar("Memo", DataMemo, AnnotationMemo)


def _load(path: Path, kind: type[Memo]) -> Memo:
    try:
        with path.open("rb") as file:
            memo = pickle.load(file)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        return kind()
    if not isinstance(memo, kind) or getattr(memo, "form", None) != kind.form:
        return kind()
    return memo


def _save(path: Path, memo: DataMemo | AnnotationMemo) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as file:
        pickle.dump(memo, file)


def _quotation_records(domain: MemconDomain, pages: Pages, kept: ByPage) -> ByPage:
    """Each quoting page's quotations as the dataset's records (JSON), made anew only
    where ``kept`` has none made from the same quotations and verdicts."""
    made: ByPage = {}
    for docname, made_from in pages.items():
        entry = kept.get(docname)
        if entry is None or entry[0] != made_from:
            pairs = domain.quotations_on(docname)
            records = (jsontext.encoded(dataset.quotation_record(q, v)) for q, v in pairs)
            entry = (made_from, tuple(records))
        made[docname] = entry
    return made


def _write_annotations(
    app: Sphinx,
    domain: MemconDomain,
    base: str,
    out: Path,
    pages: Pages,
) -> None:
    """Write the annotation collection: each quotation of a transcribed conversation,
    pointing at the passage its verdict found. An annotation is made anew only where the
    last build made none from the same quotation and verdict, and from the same state of
    the conversation it quotes (its words, its notes, the quotations in its margins): a
    page whose quotations and quoted conversations are all unchanged keeps its own whole."""
    memo_path = Path(app.doctreedir) / "memcon-annotations.pickle"
    kept = _load(memo_path, AnnotationMemo).annotations
    quoted: dict[str, str] = {}  # each quoted conversation's state, digested once

    def state(conversation_id: str) -> str:
        if conversation_id not in quoted:
            conv = domain.conversations.get(conversation_id)
            quoted[conversation_id] = (
                _digest(
                    domain.state_of(conversation_id),
                    _margin_texts(domain, conv.docname),
                    page_url(app, base, conv.docname),
                )
                if conv is not None and conv.status == "transcribed"
                else ""
            )
        return quoted[conversation_id]

    turns: dict[str, dict[str, Turn]] = {}  # each conversation's turns, by id, once
    made: Annotations = {}
    for docname, made_from in pages.items():
        pairs = domain.quotations_on(docname)
        entry = kept.get(docname)
        same = entry is not None and entry[0] == made_from and len(entry[2]) == len(pairs)
        if entry is not None and same and all(state(s) == was for s, was in entry[1].items()):
            made[docname] = entry
            continue
        old = entry[2] if entry is not None else {}
        url = page_url(app, base, docname)
        sources: dict[str, str] = {}
        items: dict[str, tuple[str, str, bytes]] = {}
        for quotation, verdict in pairs:
            source = state(verdict.source) if verdict.source else ""
            if verdict.source:
                sources[verdict.source] = source
            item = old.get(quotation.key)
            # What the annotation is made of besides its passage: kept while the page's
            # quotations are, digested again for each one when any of them changed.
            made_of = item[1] if same and item is not None else _digest(url, quotation, verdict)
            if item is None or item[:2] != (source, made_of):
                text = _annotation(app, domain, base, quotation, verdict, turns) if source else b""
                item = (source, made_of, text)
            items[quotation.key] = item
        made[docname] = (made_from, sources, items)
    texts = [text for _, _, items in made.values() for *_, text in items.values() if text]
    collection = webannotations.collection(base + "data/annotations.jsonld", texts)
    write_if_changed(out / "annotations.jsonld", _lines(collection))
    _save(memo_path, AnnotationMemo(made))


def _annotation(
    app: Sphinx,
    domain: MemconDomain,
    base: str,
    quotation: Quotation,
    verdict: Verdict,
    turns: dict[str, dict[str, Turn]],
) -> bytes:
    """A quotation's annotation, or nothing where the verdict found no passage."""
    conv = domain.conversations[verdict.source or ""]
    if not verdict.passage or verdict.span is None or verdict.span[1] <= verdict.span[0]:
        return b""
    if conv.id not in turns:
        turns[conv.id] = {t.id: t for t in domain.turns_of(conv.id)}
    turn = turns[conv.id].get(verdict.passage)
    if turn is None:
        return b""
    urls = {
        "quoting": page_url(app, base, quotation.docname),
        "source": page_url(app, base, conv.docname),
    }
    around = _surroundings(domain, conv, turn)
    found = webannotations.annotation(quotation, verdict, turn, verdict.span, around, urls)
    return jsontext.encoded(found)


def _surroundings(
    domain: MemconDomain, conv: Conversation, turn: Turn
) -> webannotations.Surroundings:
    """What the turn's page shows in and beside its words, from the domain's records."""
    notes = domain.apparatus_of(conv.id).notes_in(turn.id)
    quoting = domain.quoted_turns(conv.docname).get(turn.id, [])
    marks = tuple(sorted({note.offset for note in notes} | {at for at, _ in turn.breaks}))
    texts = (conv.speaker_label(turn.speaker), *(n.text for n in notes), *(q.text for q in quoting))
    return webannotations.Surroundings(marks, texts)


def _margin_texts(domain: MemconDomain, docname: str) -> list[tuple[str, list[str]]]:
    """What an annotation shows of a transcript's margins: the words of the quotations
    beside each turn (see :func:`_surroundings`)."""
    return [
        (turn, [q.text for q in quoting]) for turn, quoting in domain.quoted_turns(docname).items()
    ]


def _records(
    app: Sphinx,
    domain: MemconDomain,
    base: str,
    kept: RecordStore,
    ocr_texts: dict[str, Path | None],
) -> Records:
    """Keep each conversation's dataset record in ``kept``, as JSON and as the rows of the
    CSV, made anew only where the kept one was not made from the same records; return what
    each was made from. ``ocr_texts`` holds the OCR text the edition keeps of each
    transcribed conversation, if any."""
    was = kept.made_from()
    made: Records = {}
    for conv in domain.conversations.values():
        urls = _urls(app, base, conv, ocr_texts.get(conv.id))
        made_from = _digest(domain.state_of(conv.id), urls)
        if was.get(conv.id) != made_from:
            turns = domain.turns_of(conv.id)
            record = dataset.conversation_record(conv, turns, domain.apparatus_of(conv.id), urls)
            csv = dataset.turn_rows_csv(record).encode()
            kept.put(conv.id, made_from, jsontext.encoded(record), csv)
        made[conv.id] = made_from
    kept.keep_only(made)
    return made


def _urls(app: Sphinx, base: str, conv: Conversation, ocr: Path | None) -> dict[str, str]:
    urls = {"page": page_url(app, base, conv.docname)}
    if conv.status == "transcribed":
        urls["tei"] = f"{base}data/tei/{conv.id}.xml"
        if ocr is not None:
            urls["ocr"] = f"{base}data/ocr/{conv.id}.txt"
    return urls


def _lines(document: Iterable[bytes]) -> Iterable[bytes]:
    """A JSON document's pieces, then the new line that ends the file."""
    return chain(document, [b"\n"])


def _digest(*inputs: object) -> str:
    """A digest of what a file is made from (frozen records: their repr says it all)."""
    return hashlib.sha1(repr(inputs).encode(), usedforsecurity=False).hexdigest()
