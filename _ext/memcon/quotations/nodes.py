"""Docutils nodes of quotations."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx


class quotation(nodes.Inline, nodes.TextElement):
    """A quoted phrase: ``kind`` is ``quote``, ``paraphrase`` or ``exempt``; ``source``,
    ``speaker`` and ``reason`` are what its role target says; ``key`` is its id on the page,
    set when the page's quotations are collected."""


class sources_declaration(nodes.Invisible, nodes.Element):
    """The conversations a section's plain quotations come from (``{sources}``)."""


class quotation_view(nodes.Inline, nodes.TextElement):
    """A checked quotation as the reader sees it: its words (a link to the passage) and
    its status, explained on hover and focus."""


def _visit_view(self: Any, node: quotation_view) -> None:
    self.body.append(
        self.starttag(node, "span", "", CLASS="quotation", **{"data-status": node["status"]})
    )


def _depart_view(self: Any, node: quotation_view) -> None:
    self.body.append("</span>")


def _visit_generic(self: Any, node: nodes.Element) -> None:
    pass


def setup(app: Sphinx) -> None:
    """Register the nodes, with fallbacks for non-HTML builders."""
    generic = (_visit_generic, _visit_generic)
    app.add_node(quotation, html=generic, latex=generic, text=generic, man=generic, texinfo=generic)
    app.add_node(
        sources_declaration, html=generic, latex=generic, text=generic, man=generic, texinfo=generic
    )
    app.add_node(
        quotation_view,
        html=(_visit_view, _depart_view),
        latex=generic,
        text=generic,
        man=generic,
        texinfo=generic,
    )
