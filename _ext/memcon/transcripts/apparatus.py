"""Collects what a transcript page holds besides its spoken words (markings, supplied page
numbers, notes, the cover memorandum, the closing line) as an
:class:`~memcon.records.Apparatus`, for the open data built from the domain."""

from __future__ import annotations

from collections.abc import Iterator

from docutils import nodes
from sphinx import addnodes

from ..lines import exact_line, within
from ..records import Apparatus, Note, Piece
from . import nodes as tnodes

#: A turn's notes as :func:`~memcon.transcripts.collect.spoken_text` finds them: (turn id,
#: offset in its text, the note's reference).
NotePlaces = list[tuple[str, int, nodes.footnote_reference]]


def collect_apparatus(
    doctree: nodes.document, turns: list[tnodes.turn], places: NotePlaces
) -> tuple[Apparatus, list[tuple[int | None, str]]]:
    """The page's apparatus, and the problems that keep it from being expressed (the line
    and a message for each)."""
    footnotes = {fid: note for note in doctree.findall(nodes.footnote) for fid in note["ids"]}
    notes = [
        Note(ref.astext(), turn, offset, note_pieces(footnotes.get(ref.get("refid", ""))))
        for turn, offset, ref in places
    ]
    cover: list[tuple[Piece, ...]] = []
    for memorandum in doctree.findall(tnodes.cover_memorandum):
        for paragraph in memorandum.findall(nodes.paragraph):
            pieces = tuple(_pieces(paragraph, footnotes, notes))
            cover.append(pieces)
    closing = next((str(node.astext()) for node in doctree.findall(tnodes.closing)), None)
    supplied, problems = [], []
    for page_break in doctree.findall(tnodes.page_break):
        if page_break.get("supplied"):
            supplied.append(page_break["page"])
        if not within(page_break, (tnodes.turn,)):
            problems.append(
                (
                    exact_line(page_break),
                    f"page break {page_break['page']!r} stands outside a turn, where the "
                    "TEI cannot place it; expected it inside the turn whose words run onto "
                    "the new page",
                )
            )
    markings = tuple(_markings(turns))
    # In page order: docutils numbers the notes as they stand.
    notes.sort(key=lambda note: int(note.number) if note.number.isdigit() else 0)
    labels = tuple((t["ids"][0], t["label"]) for t in turns if t["ids"] and t.get("label"))
    apparatus = Apparatus(markings, tuple(supplied), tuple(notes), tuple(cover), closing, labels)
    return apparatus, problems


def _markings(turns: list[tnodes.turn]) -> Iterator[tuple[str, str, bool]]:
    for turn in turns:
        if not turn["ids"]:
            continue
        for node in turn.findall(nodes.Element):
            if "marking" in node and isinstance(node, nodes.paragraph | tnodes.turn):
                yield turn["ids"][0], node["marking"], bool(node.get("struck"))


def note_pieces(footnote: nodes.footnote | None) -> tuple[Piece, ...]:
    """A note's words as pieces, each citation as its keys."""
    if footnote is None:
        return ()
    found: list[Piece] = []
    for paragraph in footnote.findall(nodes.paragraph):
        if found:
            found.append(("text", " "))
        found += _pieces(paragraph, {}, [])
    return tuple(found)


def _pieces(
    paragraph: nodes.Element, footnotes: dict[str, nodes.footnote], notes: list[Note]
) -> Iterator[Piece]:
    """A paragraph's words as pieces: plain, struck, bold, line breaks, citations, and the
    notes that stand in it (added to ``notes``)."""
    struck = False
    for node in paragraph.findall():
        if within(node.parent, (addnodes.pending_xref, nodes.footnote_reference, addnodes.index)):
            continue
        if isinstance(node, addnodes.pending_xref) and node.get("refdomain") == "cite":
            yield "cite", str(node["reftarget"])
        elif isinstance(node, nodes.footnote_reference):
            number = node.astext()
            notes.append(Note(number, None, 0, note_pieces(footnotes.get(node.get("refid", "")))))
            yield "note", number
        elif isinstance(node, nodes.raw) and "html" in node.get("format", ""):
            markup = node.astext().strip()
            struck = {"<s>": True, "</s>": False}.get(markup, struck)
            if markup.startswith("<br"):
                yield "lb", ""
        elif isinstance(node, nodes.Text) and not within(node.parent, (nodes.raw,)):
            kind = "struck" if struck else "bold" if within(node, (nodes.strong,)) else "text"
            yield kind, str(node)
