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
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.writers.html5 import HTML5Translator

from ..domain import MemconDomain, get_domain
from ..records import Quotation, Status, Verdict
from ..rendering import (
    NodeVisitors,
    NonHTMLPostTransform,
    margin_groups,
    margin_label,
    pass_through,
    relative_href,
    visitors,
)
from ..transcripts import nodes as tnodes
from .nodes import quotation, quotation_view

CONJECTURE = "Attributed by the editors: the report does not name the conversation."


def status_text(
    verdict: Verdict | None, domain: MemconDomain, reason: str | None, conjectural: bool = False
) -> str:
    """The reader's explanation of a verdict, and of a conjectural attribution."""
    text = _verdict_text(verdict, domain, reason)
    return f"{text} {CONJECTURE}" if conjectural else text


def _document(verdict: Verdict, domain: MemconDomain) -> str:
    conv = domain.conversations.get(verdict.source or "")
    if conv is None:
        return verdict.source or "the transcripts"
    kind = "telephone conversation" if conv.kind == "telcon" else "conversation"
    return f"the {kind} of {conv.date}"


def _verdict_text(verdict: Verdict | None, domain: MemconDomain, reason: str | None) -> str:
    if verdict is None:
        return "Not checked."
    conv = domain.conversations.get(verdict.source or "")
    doc = _document(verdict, domain)
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
    if verdict.status == "sic" and verdict.kind == "misattributed":
        return (
            f"Sic: the author's words, which {doc} has from another speaker{who}, "
            f"turn {verdict.passage}."
        )
    if verdict.status == "sic":
        return (
            f"Sic: the author's words, not the source's; {doc}{page}, turn "
            f"{verdict.passage}, reads “{verdict.suggestion}”."
        )
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
    if Status(verdict.status).linked and verdict.passage:
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

    def _render_block(self, block: nodes.block_quote, domain: MemconDomain, docname: str) -> None:
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

    def _quotation(self, node: quotation, domain: MemconDomain, docname: str) -> None:
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
        conjectural = bool(node.get("conjectural"))
        if conjectural:
            view += nodes.superscript("", "?", classes=["conjecture-mark"])
        view += nodes.inline(
            "",
            status_text(verdict, domain, node.get("reason"), conjectural),
            classes=["quotation-status"],
            ids=[f"{key}-status"] if key else [],
        )
        if verdict is not None and verdict.status == "sic":
            where, reading, differences = sic_parts(verdict, domain)
            apparatus = nodes.inline("", "[", classes=["sic-apparatus"])
            apparatus += nodes.emphasis("", "sic")
            apparatus += nodes.Text("; ")
            apparatus += _link(verdict, docname, nodes.inline("", where))
            apparatus += nodes.Text(f": {reading}")
            if differences:
                apparatus += nodes.Text(f" (differences: {differences})")
            apparatus += nodes.Text("]")
            view += apparatus
        node.replace_self(view)

    def _margin(self, margin: tnodes.quoted_in) -> None:
        for title, group in margin_groups(margin["sites"]):
            margin += nodes.paragraph("", title, classes=["quoted-in-title"])
            margin += self._margin_items(group)

    def _margin_items(self, group: list[Quotation]) -> nodes.bullet_list:
        items = nodes.bullet_list()
        for quoted in group:
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
        return items


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
    """Write a quotation: its words, linked to the passage, and its status; a ``sic`` with
    the source's passage and the differences beside it, and a conjecture with its mark."""
    if not node.get("rendered"):
        return  # its words only, as in a table of contents
    domain = get_domain(self.builder.env)
    key = node.get("key")
    verdict = domain.verdict(self.builder.current_docname, key) if key else None
    status = verdict.status if verdict else "unchecked"
    kind = node.get("kind", "quote")
    conjectural = bool(node.get("conjectural"))
    classes = f"quotation-{kind} quotation" + (" quotation-conjectural" if conjectural else "")
    self.body.append(self.starttag(node, "span", "", CLASS=classes, **{"data-status": status}))
    text = node.astext() if node.get("marked") else f"“{node.astext()}”"
    words = f'<span class="quotation-words">{self.encode(text)}</span>'
    target = link_target(verdict)
    found = domain.target_of("conversation", target) if target else None
    href = self.attval(relative_href(self, *found)) if found is not None else None
    if href is not None:
        # Screen readers read the status when the link has focus (a copy of a note that the
        # sidenotes hide has no ids, and its status none either).
        described = f'aria-describedby="{key}-status" ' if key and node["ids"] else ""
        words = f'<a {described}class="reference internal" href="{href}">{words}</a>'
    if conjectural:
        words += CONJECTURE_MARK_HTML
    # A copy of a note that the sidenotes hide has its ids removed: no second status id.
    status_id = f' id="{key}-status"' if key and node["ids"] else ""
    explained = self.encode(status_text(verdict, domain, node.get("reason"), conjectural))
    self.body.append(f'{words}<span class="quotation-status"{status_id}>{explained}</span></span>')
    if verdict is not None and verdict.status == "sic":
        # After the quotation, not in it: its link is one more stop for the keyboard, and
        # focus on it is no focus on the quotation.
        self.body.append(_sic_html(self, verdict, domain, href))
    raise nodes.SkipNode


#: The visible mark of an attribution the editors inferred (the status says it in words).
CONJECTURE_MARK_HTML = (
    '<sup class="conjecture-mark" title="attributed by the editors">'
    '<span aria-hidden="true">?</span></sup>'
)


def sic_parts(verdict: Verdict, domain: MemconDomain) -> tuple[str, str, str]:
    """What a ``sic`` shows beside the author's words: where the passage is, the passage as
    the checker found it, and the differences (for a misattribution, who speaks it)."""
    where = f"{verdict.source}, " + (f"p. {verdict.pages[0]}, " if verdict.pages else "")
    where += f"turn {verdict.passage}"
    reading = f"“{verdict.suggestion or ''}”"
    if verdict.kind == "misattributed":
        conv = domain.conversations.get(verdict.source or "")
        label = conv.speaker_label if conv else str
        speakers = (label(verdict.found_speaker or ""), label(verdict.speaker or ""))
        return where, reading, "spoken by {}, not {}".format(*speakers)
    return where, reading, "; ".join(verdict.diff)


def _sic_html(
    self: HTML5Translator, verdict: Verdict, domain: MemconDomain, href: str | None
) -> str:
    where, reading, differences = sic_parts(verdict, domain)
    place = self.encode(where)
    if href is not None:
        place = f'<a class="reference internal" href="{href}">{place}</a>'
    diff = (
        f' <span class="sic-diff">(differences: {self.encode(differences)})</span>'
        if differences
        else ""
    )
    return (
        ' <span class="sic-apparatus">[<span class="sic-mark">sic</span>; '
        f'{place}: <span class="sic-reading">{self.encode(reading)}</span>{diff}]</span>'
    )


#: The quotation node with its visitors.
NODES: tuple[NodeVisitors, ...] = ((quotation, visitors((visit_quotation, pass_through))),)
