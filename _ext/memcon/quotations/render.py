"""Renders quotations with their verdicts, and transcript turns with their backlinks.

At archive scale a page holds hundreds of quotations and a transcript hundreds of quoted
turns, so HTML renders both from the domain and from attributes, not from nodes: a
quotation node is written, with its link and status, by :func:`visit_quotation`, and a
turn's margin, the list of passages that quote it, by the turn's own visitor
(:func:`memcon.rendering.margin_html`).  The other builders get them as nodes from
:class:`ExpandQuotations`, with ``pending_xref`` nodes the domain resolves.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.writers.html5 import HTML5Translator

from ..domain import EditionDomain, get_domain
from ..records import Verdict
from ..rendering import (
    NonHTMLPostTransform,
    add_node,
    margin_html,
    margin_label,
    pass_through,
    relative_href,
)
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


def link_target(verdict: Verdict | None) -> str | None:
    """The ``conversation`` reference a quotation links to: ``<id>`` or ``<id>#<turn>``."""
    if verdict is None or not verdict.source:
        return None
    if verdict.status in LINKED and verdict.passage:
        return f"{verdict.source}#{verdict.passage}"
    return verdict.source


class RenderQuotations(SphinxPostTransform):
    """Mark the page's quotations for rendering, and give each block quotation its source
    and status."""

    # Before sphinx-book-theme moves footnotes into sidenotes (1) and before
    # ReferencesResolver (10) resolves the links made here.
    default_priority = 0

    def run(self, **kwargs: Any) -> None:
        domain = get_domain(self.env)
        docname = self.env.docname
        for node in self.document.findall(quotation):
            # Copies of the page's titles in a table of contents keep their plain words.
            node["rendered"] = True
        for block in self.document.findall(nodes.block_quote):
            if block.get("key"):
                self._render_block(block, domain, docname)

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
        view += _link(verdict, docname, label)
        view += nodes.inline(
            "",
            " — " + status_text(verdict, domain, None),
            classes=["quotation-status", "quotation-status-block"],
        )
        source += view
        block += source


class ExpandQuotations(NonHTMLPostTransform):
    """For builders other than HTML: each quotation as a view of its words (linked to the
    passage) and its status, and each quoted turn's margin as a titled list of links."""

    # After ExpandTurns gives each turn its head (2), before ReferencesResolver (10).
    default_priority = 3

    def run(self, **kwargs: Any) -> None:
        domain = get_domain(self.env)
        docname = self.env.docname
        for node in list(self.document.findall(quotation)):
            self._quotation(node, domain, docname)
        sites = domain.quoted_turns(docname)
        for turn in self.document.findall(tnodes.turn):
            if turn["ids"] and turn["ids"][0] in sites:
                margin = tnodes.quoted_in(sites=sites[turn["ids"][0]])
                self._margin(margin)
                # After the turn's head, as HTML writes it.
                turn.insert(1, margin)

    def _quotation(self, node: quotation, domain: EditionDomain, docname: str) -> None:
        key = node.get("key")
        verdict = domain.verdict(docname, key) if key else None
        words = nodes.inline("", "", classes=["quotation-words"])
        words += nodes.Text(node.astext() if node.get("marked") else f"“{node.astext()}”")
        view = quotation_view(
            "",
            status=verdict.status if verdict else "unchecked",
            ids=list(node["ids"]),
            classes=[f"quotation-{node.get('kind', 'quote')}"],
        )
        view += _link(verdict, docname, words)
        view += nodes.inline(
            "",
            status_text(verdict, domain, node.get("reason")),
            classes=["quotation-status"],
            ids=[f"{key}-status"] if key else [],
        )
        node.replace_self(view)

    def _margin(self, margin: tnodes.quoted_in) -> None:
        margin += nodes.paragraph("", "Quoted in", classes=["quoted-in-title"])
        items = nodes.bullet_list()
        for quoted in margin["sites"]:
            xref = pending_xref(
                "",
                refdomain="memcon",
                reftype="quotation",
                reftarget=f"{quoted.docname}#{quoted.key}",
                refdoc=self.env.docname,
                refexplicit=True,
            )
            xref += nodes.inline("", margin_label(self.env.titles, quoted))
            items += nodes.list_item("", nodes.paragraph("", "", xref))
        margin += items


def _link(verdict: Verdict | None, docname: str, content: nodes.Node) -> nodes.Node:
    target = link_target(verdict)
    if target is None:
        return content
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


def visit_quotation(self: HTML5Translator, node: quotation) -> None:
    """Write a quotation: its words, linked to the passage, and its status."""
    if not node.get("rendered"):
        return  # its words only, as in a table of contents
    domain = get_domain(self.builder.env)
    key = node.get("key")
    verdict = domain.verdict(self.builder.current_docname, key) if key else None
    status = verdict.status if verdict else "unchecked"
    kind = node.get("kind", "quote")
    self.body.append(
        self.starttag(
            node, "span", "", CLASS=f"quotation-{kind} quotation", **{"data-status": status}
        )
    )
    text = node.astext() if node.get("marked") else f"“{node.astext()}”"
    words = f'<span class="quotation-words">{self.encode(text)}</span>'
    target = link_target(verdict)
    found = domain.target_of("conversation", target) if target else None
    if found is not None:
        # Screen readers read the status when the link has focus.
        described = f'aria-describedby="{key}-status" ' if key else ""
        href = self.attval(relative_href(self, *found))
        words = f'<a {described}class="reference internal" href="{href}">{words}</a>'
    # A copy of a note that the sidenotes hide has its ids removed: no second status id.
    status_id = f' id="{key}-status"' if key and node["ids"] else ""
    explained = self.encode(status_text(verdict, domain, node.get("reason")))
    self.body.append(f'{words}<span class="quotation-status"{status_id}>{explained}</span></span>')
    raise nodes.SkipNode


def visit_quoted_in(self: HTML5Translator, node: tnodes.quoted_in) -> None:
    """Write a margin node as a turn writes its margin (HTML has none of its own)."""
    self.body.append(margin_html(self, node["sites"]))
    raise nodes.SkipNode


def setup(app: Sphinx) -> None:
    """Register the rendering of quotations and margins, and its transforms."""
    add_node(app, quotation, (visit_quotation, pass_through))
    add_node(app, tnodes.quoted_in, (visit_quoted_in, None))
    app.add_post_transform(RenderQuotations)
    app.add_post_transform(ExpandQuotations)
