"""Collects a transcript page's text layer (its turns' spoken words) into the domain."""

from __future__ import annotations

import posixpath

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

from ..domain import get_domain
from ..lines import exact_line, within
from ..records import Conversation, Register, Turn
from ..warnings_ import MemconWarning
from . import nodes as tnodes
from .apparatus import NotePlaces, collect_apparatus
from .directives import TURN_LINES
from .frontmatter import is_transcript
from .persons import register

#: Nodes whose words are not spoken: labels, page numbers, notes, index entries (a turn's
#: marking is an attribute of its last paragraph).
NOT_SPOKEN = (
    tnodes.turn_label,
    tnodes.page_break,
    nodes.footnote_reference,
    nodes.footnote,
    addnodes.index,
)


def on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    """Record the turns of a transcript page and the persons any page mentions."""
    docname = app.env.docname
    domain = get_domain(app.env)
    mentions, links, turn_nodes = _walk(doctree)
    known = register(app.env)
    for name, _, line in mentions:
        if known.persons and known.find(name) is None:
            domain.report(
                docname,
                line,
                MemconWarning.person,
                f"unknown person {name!r}; expected a name or alias of the persons register "
                f"({app.config.memcon_persons})",
            )
    domain.set_mentions(docname, [(name, anchor) for name, anchor, _ in mentions])
    domain.set_links(docname, _links(docname, links))
    if not is_transcript(app.config, docname):
        return
    turns: list[Turn] = []
    places: NotePlaces = []
    seen: dict[str, int] = {}
    page = "1"
    lines: dict[int, int] = app.env.temp_data.get(TURN_LINES) or {}
    for node in turn_nodes:
        line = lines.get(id(node), node.line or 0)
        turn_id = node["ids"][0] if node["ids"] else ""
        if turn_id in seen:
            domain.report(
                docname,
                line,
                MemconWarning.turn,
                f"duplicate turn id {turn_id!r} (first used on line {seen[turn_id]}); "
                "expected every turn id to be unique on the page",
            )
            continue
        seen[turn_id] = line
        notes: list[tuple[int, nodes.footnote_reference]] = []
        text, breaks = spoken_text(node, notes)
        places += [(turn_id, offset, ref) for offset, ref in notes if turn_id]
        pages = (page, *(number for _, number in breaks))
        if breaks:
            page = breaks[-1][1]
        if turn_id:
            turns.append(Turn(turn_id, node["speaker"], text, pages, line, tuple(breaks)))
    domain.set_turns(docname, turns)
    apparatus, problems = collect_apparatus(doctree, turn_nodes, places)
    domain.set_apparatus(docname, apparatus)
    problems += _unnamed_speakers(domain.conversation_of(docname), turns, known)
    for line, message in problems:
        domain.report(docname, line, MemconWarning.open_data, message)


def _unnamed_speakers(
    conversation: Conversation | None, turns: list[Turn], known: Register
) -> list[tuple[int | None, str]]:
    """A problem at the first turn of each speaker whom neither a participant nor the
    persons register names: the TEI could not say who speaks."""
    problems: list[tuple[int | None, str]] = []
    seen: set[str] = set()
    for turn in turns:
        # An undeclared speaker is a malformed turn, reported as one (memcon.turn).
        if conversation is None or turn.speaker in seen:
            continue
        if turn.speaker not in conversation.speaker_ids:
            continue
        seen.add(turn.speaker)
        label = conversation.speaker_label(turn.speaker)
        if conversation.participant_of(turn.speaker) or known.find(label):
            continue
        problems.append(
            (
                turn.line,
                f"turn {turn.id}: no participant or person of the register is "
                f"{label!r}, the label of speaker {turn.speaker!r}; expected a participant "
                "whose role or name is the label, so that the TEI can say who speaks",
            )
        )
    return problems


def spoken_text(
    turn: tnodes.turn, notes: list[tuple[int, nodes.footnote_reference]] | None = None
) -> tuple[str, list[tuple[int, str]]]:
    """A turn's spoken words, and the offsets in them where a new page begins; the offset
    of each note's reference is added to ``notes``."""
    parts: list[str] = []
    breaks: list[tuple[int, str]] = []
    length = 0
    paragraphs = [turn] if isinstance(turn, tnodes.one_paragraph_turn) else turn.children
    for paragraph in paragraphs:
        if not isinstance(paragraph, nodes.Element):
            continue
        if parts:
            parts.append("\n")
            length += 1
        for node in paragraph.findall():
            if isinstance(node, tnodes.page_break):
                breaks.append((length, node["page"]))
            elif notes is not None and isinstance(node, nodes.footnote_reference):
                notes.append((length, node))
            elif isinstance(node, nodes.Text) and not within(node.parent, NOT_SPOKEN, turn):
                parts.append(str(node))
                length += len(node)
    return "".join(parts), breaks


def _walk(
    doctree: nodes.document,
) -> tuple[list[tuple[str, str, int | None]], list[addnodes.pending_xref], list[tnodes.turn]]:
    """The page's person mentions (name, anchor, line), cross-references and turns, in
    document order, from one walk of the page: a transcript has thousands of nodes."""
    mentions: list[tuple[str, str, int | None]] = []
    links: list[addnodes.pending_xref] = []
    turns: list[tnodes.turn] = []
    for node in doctree.findall(nodes.Element):
        if isinstance(node, tnodes.turn):
            turns.append(node)
        elif isinstance(node, addnodes.pending_xref):
            links.append(node)
        elif isinstance(node, nodes.inline) and node.get("memcon_person"):
            mentions.append((node["memcon_person"], node["ids"][0], exact_line(node)))
    return mentions, links, turns


def _links(docname: str, xrefs: list[addnodes.pending_xref]) -> frozenset[str]:
    """The pages ``docname`` links to with ``xrefs``, as docnames."""
    found = set()
    for xref in xrefs:
        target = str(xref.get("reftarget", "")).split("#")[0]
        if not target:
            continue
        if target.startswith("/"):
            path = target.lstrip("/")
        else:
            path = posixpath.normpath(posixpath.join(posixpath.dirname(docname), target))
        found.add(path.removesuffix(".md"))
    return frozenset(found)
