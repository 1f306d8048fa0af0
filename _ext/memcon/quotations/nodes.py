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
    node.body_start = len(self.body)  # where the view's link will be written


def _depart_view(self: Any, node: quotation_view) -> None:
    # The link, which Sphinx writes with no way to add an attribute, is described by the
    # status: screen readers read the status when the link has focus.
    status = node.get("describedby")
    if status:
        for i in range(getattr(node, "body_start", len(self.body)), len(self.body)):
            if self.body[i].startswith("<a "):
                self.body[i] = f'<a aria-describedby="{status}" ' + self.body[i][3:]
                break
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
