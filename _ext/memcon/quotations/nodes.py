"""Docutils nodes of quotations."""

from __future__ import annotations

from typing import Any

from docutils import nodes

from ..rendering import PASS_THROUGH, NodeVisitors, visitors


class quotation(nodes.Inline, nodes.TextElement):
    """A quoted phrase: ``kind`` is ``quote``, ``paraphrase`` or ``exempt``; ``source``,
    ``speaker`` and ``reason`` are what its role target says; ``key`` is its id on the page,
    set when the page's quotations are collected, which moves what rendering does not need
    (``written``, ``source``, ``speaker``, and ``kind`` when ``quote``) into the page's
    :class:`~memcon.records.Quotation` records.  It is rendered with its verdict by
    :mod:`memcon.quotations.render`."""


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


#: The nodes of this module with their visitors (:class:`quotation` is written by
#: :mod:`memcon.quotations.render`).
NODES: tuple[NodeVisitors, ...] = (
    (sources_declaration, visitors(PASS_THROUGH)),
    (quotation_view, visitors((_visit_view, _depart_view))),
)
