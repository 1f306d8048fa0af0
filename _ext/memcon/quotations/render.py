"""Renders quotations with their verdicts, and transcript turns with their backlinks.

A post-transform at write time, before Sphinx resolves cross-references: it leaves
``pending_xref`` nodes that the domain resolves for every builder.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..domain import EditionDomain, get_domain
from ..records import Quotation, Verdict
from ..transcripts import nodes as tnodes
from .nodes import quotation, quotation_view

LINKED = ("verified", "misquoted", "misattributed")


def status_text(verdict: Verdict | None, domain: EditionDomain, reason: str | None) -> str:
    """The reader's explanation of a verdict."""
    if verdict is None:
        return "Not checked."
    conv = domain.conversations.get(verdict.source or "")
    doc = (
        f"the {(conv.kind == 'telcon' and 'telephone conversation') or 'conversation'} of "
        f"{conv.date}"
        if conv
        else (verdict.source or "the transcripts")
    )
    page = f", p. {verdict.pages[0]}" if verdict.pages else ""
    who = (
        f" ({conv.speaker_label(verdict.found_speaker)})" if conv and verdict.found_speaker else ""
    )
    if verdict.status == "verified":
        return f"Verified against {doc}{page}, turn {verdict.passage}{who}."
    if verdict.status == "misquoted":
        return f"Misquoted: the closest passage, in {doc}{page}, reads “{verdict.suggestion}”."
    if verdict.status == "misattributed":
        return f"Misattributed: {doc} has these words from another speaker{who}."
    if verdict.status == "pending":
        return f"Pending: attributed to {doc}, whose text is not yet in the edition."
    if verdict.status == "exempt" and verdict.source:
        return f"Paraphrase of {doc}; not a quotation."
    if verdict.status == "exempt":
        return f"Not a quotation of a conversation: {reason or 'exempt'}."
    return "Not found in the transcripts."


class RenderQuotations(SphinxPostTransform):
    """Turn each quotation into a link to its passage with its status; give each turn of a
    transcript the list of passages that quote it."""

    # Before sphinx-book-theme moves footnotes into sidenotes (1) and before
    # ReferencesResolver (10) resolves the links made here.
    default_priority = 0

    def run(self, **kwargs: Any) -> None:
        domain = get_domain(self.env)
        docname = self.env.docname
        for node in list(self.document.findall(quotation)):
            self._render(node, domain, docname)
        for block in self.document.findall(nodes.block_quote):
            if block.get("key"):
                self._render_block(block, domain, docname)
        conversation = domain.conversation_of(docname)
        if conversation is not None and conversation.status == "transcribed":
            self._quoted_in(domain, conversation.id)

    def _link(self, verdict: Verdict | None, docname: str, content: nodes.Node) -> nodes.Node:
        if verdict is None or not verdict.source:
            return content
        target = verdict.source
        if verdict.status in LINKED and verdict.passage:
            target += f"#{verdict.passage}"
        xref = pending_xref(
            "",
            refdomain="memcon",
            reftype="conversation",
            reftarget=target,
            refdoc=docname,
            refexplicit=True,
            refwarn=False,
        )
        xref += content
        return xref

    def _render(self, node: quotation, domain: EditionDomain, docname: str) -> None:
        key = node.get("key")
        verdict = domain.verdict(docname, key) if key else None
        words = nodes.inline("", "", classes=["quotation-words"])
        words += nodes.Text(node.astext() if node.get("marked") else f"“{node.astext()}”")
        status = verdict.status if verdict else "unchecked"
        view = quotation_view(
            "",
            status=status,
            ids=list(node["ids"]),
            classes=[f"quotation-{node.get('kind', 'quote')}"],
        )
        if key:
            view["describedby"] = f"{key}-status"
        view += self._link(verdict, docname, words)
        view += nodes.inline(
            "",
            status_text(verdict, domain, node.get("reason")),
            classes=["quotation-status"],
            ids=[f"{key}-status"] if key else [],
        )
        node.replace_self(view)

    def _render_block(self, block: nodes.block_quote, domain: EditionDomain, docname: str) -> None:
        verdict = domain.verdict(docname, block["key"])
        status = verdict.status if verdict else "unchecked"
        block["classes"] += ["quotation-block", f"quotation-{status}"]
        source = nodes.paragraph(classes=["quotation-source"])
        label = nodes.inline(
            "",
            f"Source: {verdict.source if verdict and verdict.source else '?'}"
            + (f", turn {verdict.passage}" if verdict and verdict.passage else ""),
        )
        view = quotation_view("", status=status)
        view += self._link(verdict, docname, label)
        view += nodes.inline(
            "",
            " — " + status_text(verdict, domain, None),
            classes=["quotation-status", "quotation-status-block"],
        )
        source += view
        block += source

    def _quoted_in(self, domain: EditionDomain, conversation_id: str) -> None:
        sites: dict[str, list[Quotation]] = domain.data["backlinks"].get(conversation_id, {})
        for turn in self.document.findall(tnodes.turn):
            turn_id = turn["ids"][0] if turn["ids"] else None
            if turn_id in sites:
                # First in the turn, after its head: in the margin of a wide screen it floats
                # beside the turn's start (memcon.css puts it last on a narrow one).
                turn.insert(0, self._margin(sites[turn_id]))

    def _margin(self, sites: list[Quotation]) -> tnodes.quoted_in:
        margin = tnodes.quoted_in()
        margin += nodes.paragraph("", "Quoted in", classes=["quoted-in-title"])
        items = nodes.bullet_list()
        for quoted in sites:
            docname = quoted.docname
            title = self.env.titles[docname].astext() if docname in self.env.titles else docname
            xref = pending_xref(
                "",
                refdomain="memcon",
                reftype="quotation",
                reftarget=f"{docname}#{quoted.key}",
                refdoc=self.env.docname,
                refexplicit=True,
            )
            xref += nodes.inline("", f"{title}: “{_excerpt(quoted.text)}”")
            items += nodes.list_item("", nodes.paragraph("", "", xref))
        margin += items
        return margin


def _excerpt(text: str, words: int = 8) -> str:
    """The first words of a quotation, for a link that names it."""
    split = text.split()
    return " ".join(split[:words]) + (" …" if len(split) > words else "")
