"""Directives of a transcript page, and of the pages that list the transcripts."""

from __future__ import annotations

import re
from typing import ClassVar, cast

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from ..domain import get_domain
from ..warnings_ import MemconWarning
from . import nodes as tnodes
from .header import header_nodes
from .persons import register, register_file

TURN_ID = re.compile(r"^[A-Za-z][\w-]*$")
STRUCK = re.compile(r"^~~(.+)~~$")
#: Where the page's turns' directives stand, by turn node, while the page is read: a turn
#: of one paragraph keeps the line of its words.
TURN_LINES = "memcon-turn-lines"


def _plain_paragraph(node: nodes.Node) -> bool:
    """Whether ``node`` is a paragraph with no ids, classes or names of its own."""
    return type(node) is nodes.paragraph and not (
        node["ids"] or node["classes"] or node["names"] or node["dupnames"]
    )


class TurnDirective(SphinxDirective):
    """One speaker turn::

    :::{turn} bush
    :id: t05
    :marking: ~~(S)~~
    :label: Mr. President

    The spoken text, with {page}`2` where a page begins.
    :::
    """

    required_arguments = 1
    has_content = True
    option_spec: ClassVar[dict[str, object]] = {
        "id": directives.unchanged_required,
        "marking": directives.unchanged,
        # The label the document prints for this turn, where it is not the speaker's usual
        # one (the front matter's ``speakers``).
        "label": directives.unchanged_required,
    }

    def run(self) -> list[nodes.Node]:
        speaker = self.arguments[0]
        turn_id = self.options.get("id", "").strip()
        conversation = get_domain(self.env).conversation_of(self.env.docname)
        if not TURN_ID.match(turn_id):
            self._problem(
                f"turn has no valid ':id:' (got {turn_id!r}); expected a stable id "
                "such as 't05', unique on the page"
            )
            turn_id = ""
        if conversation and speaker not in conversation.speaker_ids:
            known = ", ".join(sorted(conversation.speaker_ids)) or "none"
            self._problem(
                f"turn {turn_id or '?'}: unknown speaker id {speaker!r}; expected one "
                f"of the front matter's speakers ({known})"
            )
        content = self.parse_content_to_nodes()
        if len(content) == 1 and _plain_paragraph(content[0]):
            # A turn of one paragraph, most of them, is that paragraph made a turn where it
            # stands: one node instead of two, for hundreds of turns a page. It keeps the
            # paragraph's line, from which the lines of its words are counted.
            node: tnodes.turn = content[0]
            node.__class__ = tnodes.one_paragraph_turn
            node["speaker"] = speaker
            node.source, _ = self.get_source_info()
        else:
            node = tnodes.turn(speaker=speaker)
            self.set_source_info(node)
            node += content
        # The speaker's label, the turn's head and margin are rendered from the domain.
        if turn_id:
            node["ids"].append(turn_id)
        if self.options.get("label"):
            node["label"] = self.options["label"].strip()
        lines = cast("dict[int, int]", self.env.temp_data.setdefault(TURN_LINES, {}))
        lines[id(node)] = self.lineno
        self._add_marking(node)
        return [node]

    def _add_marking(self, node: tnodes.turn) -> None:
        text = self.options.get("marking", "").strip()
        if not text:
            return
        marked: nodes.Element
        if isinstance(node, tnodes.one_paragraph_turn):
            marked = node
        else:
            # Direct children only: a note's own paragraph is nested inside a pending note.
            paragraphs = [p for p in node.children if isinstance(p, nodes.paragraph)]
            if paragraphs:
                # The paragraph becomes a marked one where it stands, children and all.
                marked = paragraphs[-1]
                marked.__class__ = tnodes.marked_paragraph
            else:
                marked = tnodes.marked_paragraph()
                node += marked
        # Kept as attributes, not nodes: a transcript has hundreds of markings.
        struck = STRUCK.match(text)
        marked["marking"] = struck.group(1) if struck else text
        if struck:
            marked["struck"] = True

    def _problem(self, message: str) -> None:
        get_domain(self.env).report(self.env.docname, self.lineno, MemconWarning.turn, message)


class ClosingDirective(SphinxDirective):
    """The document's closing line, kept as printed."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        node = tnodes.closing("\n".join(self.content), "\n".join(self.content))
        # As printed: "--End of Conversation--" keeps its two hyphens, not an en dash.
        node["support_smartquotes"] = False
        self.set_source_info(node)
        return [node]


class CoverMemorandumDirective(SphinxDirective):
    """A transmittal memorandum printed before the memorandum; not spoken text."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        node = tnodes.cover_memorandum()
        self.set_source_info(node)
        node += nodes.rubric("", "Cover memorandum")
        node += self.parse_content_to_nodes()
        return [node]


class GeneratedDirective(SphinxDirective):
    """A listing filled once every page is read (``listing`` is the directive's kind)."""

    listing: ClassVar[str] = ""

    def run(self) -> list[nodes.Node]:
        node = tnodes.listing(listing=self.listing, docname=self.env.docname)
        self.set_source_info(node)
        get_domain(self.env).add_listing(self.env.docname, self.listing)
        return [node]


class TranscriptHeaderDirective(SphinxDirective):
    """The memorandum's header (participants, date, place, archive identifiers) and a
    suggested citation, rendered from the page's front matter."""

    def run(self) -> list[nodes.Node]:
        conversation = get_domain(self.env).conversation_of(self.env.docname)
        if conversation is None:
            return []  # the front matter's problems are reported already
        return header_nodes(conversation, self.env.config.html_baseurl)


class CatalogueDirective(GeneratedDirective):
    """The catalogue of all conversations, from their front matter."""

    listing = "catalogue"


class PersonsRegisterDirective(GeneratedDirective):
    """The persons register: everyone who took part in or is named in a conversation."""

    listing = "persons"

    def run(self) -> list[nodes.Node]:
        known = register(self.env)
        path = register_file(self.env)
        if path is not None:
            self.env.note_dependency(str(path))
        result: list[nodes.Node] = []
        for person in known.persons:
            result.append(
                addnodes.index(entries=[("single", person.sort, person.anchor, "", None)])
            )
        return [*result, *super().run()]


class VerificationDirective(GeneratedDirective):
    """The checker's results per chapter and per conversation, and the pending quotations
    grouped by the conversation whose transcription would verify them; ``summary`` as
    argument gives the headline figure only."""

    optional_arguments = 1

    @property
    def listing(self) -> str:  # type: ignore[override]
        return "verification-summary" if self.arguments == ["summary"] else "verification"
