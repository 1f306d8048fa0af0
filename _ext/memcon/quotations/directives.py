"""The ``{sources}`` directive: where a section's plain quotations come from."""

from __future__ import annotations

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from .nodes import sources_declaration


class SourcesDirective(SphinxDirective):
    """``{sources} 2001-06-16 2008-04-06``: plain quotations in the enclosing section (and
    its subsections) come from these conversations, unless a role names another."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = False

    def run(self) -> list[nodes.Node]:
        ids = tuple(self.arguments[0].replace(",", " ").split())
        node = sources_declaration(ids=[], sources=ids)
        self.set_source_info(node)
        return [node]
