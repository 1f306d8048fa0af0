"""Transforms of the edition's pages, run while a page is read."""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..lines import exact_line
from . import nodes as tnodes


class MoveNotes(SphinxTransform):
    """Move each inline editorial note's footnote to the end of its page, leaving the
    reference where the note was written."""

    # Before docutils numbers the footnotes (Footnotes, priority 620).
    default_priority = 610

    def apply(self, **kwargs: object) -> None:
        for pending in list(self.document.findall(tnodes.pending_note)):
            reference, footnote = pending.children
            line = exact_line(pending)
            pending.replace_self(reference)
            footnote.line = line
            for paragraph in footnote.findall(nodes.paragraph):
                paragraph.line = line
            self.document += footnote


class RepairSidenotes(SphinxPostTransform):
    """Repair what sphinx-book-theme's sidenotes leave behind in a transcript.

    The theme's footnote transform (priority 1) moves a footnote's content by assigning
    ``children`` lists, which leaves the moved nodes pointing at their old parents, so a
    link in a note could not be resolved (priority 10); and for a note inside a container
    such as a turn it inserts the sidenote with ``replace_self``, which copies the turn's
    ids onto the sidenote, so a turn's anchor would exist twice.
    """

    default_priority = 2
    formats = ("html",)

    def run(self, **kwargs: object) -> None:
        for node in self.document.findall(nodes.Element):
            for child in node.children:
                child.parent = node
            if isinstance(node, nodes.inline) and {"sidenote", "marginnote"} & set(node["classes"]):
                node["ids"] = []
                if "d-n" in node["classes"]:  # the theme's hidden copy: its ids are dupes
                    for inner in node.findall(nodes.Element):
                        inner["ids"] = []
