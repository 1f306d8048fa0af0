"""Collects a page's quotations into the domain when the page has been read."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from ..domain import get_domain
from ..lines import exact_line, within
from ..records import Quotation
from ..warnings_ import QuoteCheck
from .nodes import quotation, sources_declaration


def on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    """Record every quotation of the page, with its exact line and declared sources."""
    docname = app.env.docname
    domain = get_domain(app.env)
    page_sources = tuple(app.env.metadata[docname].get("memcon-sources", ()))
    found: list[Quotation] = []
    sections: dict[int, tuple[str, ...] | None] = {}  # what each section declares
    for node in list(doctree.findall(_is_quotation)):
        line = exact_line(node) or 0
        if node.get("problem"):
            domain.report(docname, line or None, QuoteCheck.syntax, node["problem"])
        if isinstance(node, quotation) and node["kind"] == "unbalanced":
            node.parent.remove(node)
            continue
        if node.get("problem"):
            node["status"] = "malformed"
            continue
        key = f"q-{len(found) + 1}"
        node["ids"].append(key)
        node["key"] = key
        found.append(
            Quotation(
                docname=docname,
                line=line,
                order=len(found),
                key=key,
                text=_text_of(node),
                kind=node.get("kind", "quote"),
                source=node.get("source"),
                speaker=node.get("speaker"),
                declared=_declared(node, sections) or page_sources,
                reason=node.get("reason"),
                conjectural=bool(node.get("conjectural")),
                editorial=_in_note(node),
            )
        )
        # The record keeps what the role read; rendering needs only the key, the kind
        # (a quote unless said), the reason and whether the marks were the author's.
        for name in ("written", "source", "speaker"):
            node.attributes.pop(name, None)
        if node.get("kind") == "quote":
            del node["kind"]
    domain.set_quotations(docname, found)


def _is_quotation(node: nodes.Node) -> bool:
    return isinstance(node, quotation) or (
        isinstance(node, nodes.block_quote) and bool(node.get("memcon_block_quotation"))
    )


def _in_note(node: nodes.Node) -> bool:
    """Whether the quotation stands in an editorial note (a footnote)."""
    current = node.parent
    while current is not None and not isinstance(current, nodes.footnote):
        current = current.parent
    return current is not None


def _text_of(node: nodes.Element) -> str:
    """The quotation as written (before SmartQuotes touched its dots and marks)."""
    if node.get("written") is not None:
        return str(node["written"])
    if isinstance(node, nodes.block_quote):
        words = [
            str(text)
            for text in node.findall(nodes.Text)
            if not within(text.parent, (nodes.attribution, nodes.footnote_reference), node)
        ]
        return "".join(words)
    return node.astext()


def _declared(node: nodes.Node, sections: dict[int, tuple[str, ...] | None]) -> tuple[str, ...]:
    """The sources declared by the nearest enclosing section that declares any; what each
    section declares (``None``: nothing) is kept in ``sections`` for the page's next
    quotations."""
    current = node.parent
    while current is not None:
        if isinstance(current, (nodes.section, nodes.document)):
            key = id(current)
            if key not in sections:
                sections[key] = next(
                    (
                        tuple(child["sources"])
                        for child in current.children
                        if isinstance(child, sources_declaration)
                    ),
                    None,
                )
            declared = sections[key]
            if declared is not None:
                return declared
        current = current.parent
    return ()
