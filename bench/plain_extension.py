"""The benchmark's baseline: the edition's directive and role names, as no-ops.

A synthetic edition built with this extension in place of ``memcon`` parses and renders
the same pages, each directive's content and each role's words shown plainly: what Sphinx
and MyST cost on their own, which a build with the extension is measured against.
:func:`bench.synthetic.write_conf` copies this file next to the baseline's ``conf.py``,
which puts its own directory on the path; it imports nothing from the benchmark.
"""

from __future__ import annotations

from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective, SphinxRole
from sphinx.util.typing import OptionSpec

#: The edition's directives, each of which renders its content and nothing else.
DIRECTIVES = (
    "turn",
    "closing",
    "cover-memorandum",
    "transcript-header",
    "catalogue",
    "persons-register",
    "verification",
    "sources",
)
#: The edition's roles, each of which renders its words, less a ``<target>``.
ROLES = ("page", "note", "person", "quote", "sic", "paraphrase", "exempt")


class PlainContent(SphinxDirective):
    """A directive's content, parsed and rendered as it is; its argument is ignored."""

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec: ClassVar[OptionSpec] = {
        "id": directives.unchanged,
        "marking": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        """The content in a container."""
        node = nodes.container()
        node += self.parse_content_to_nodes()
        return [node]


class PlainWords(SphinxRole):
    """A role's words, without the ``<target>`` they may end with."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        """The words as an inline node."""
        title = self.text.split(" <")[0]
        return [nodes.inline(self.rawtext, title)], []


def setup(app: Sphinx) -> dict[str, Any]:
    """Register every directive and role name of the edition as a no-op."""
    for name in DIRECTIVES:
        app.add_directive(name, PlainContent)
    for name in ROLES:
        app.add_role(name, PlainWords())
    return {"parallel_read_safe": True, "parallel_write_safe": True}
