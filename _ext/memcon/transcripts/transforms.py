"""Transforms of the edition's pages, run while a page is read."""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..domain import get_domain
from ..lines import exact_line
from ..rendering import NonHTMLPostTransform
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


# Where the theme puts the margin copy of a note referenced in a list item, a definition, a
# field or a table cell: among the items of a <ul>/<ol>, a <dl> or a <tr>, where only items
# may stand.
ITEMS_ONLY = (
    nodes.bullet_list,
    nodes.enumerated_list,
    nodes.definition_list_item,
    nodes.field,
    nodes.row,
)


def _is_note(node: nodes.Element) -> bool:
    return bool({"sidenote", "marginnote"} & set(node["classes"]))


def _keep_the_copy_in_the_text(copy: nodes.inline) -> None:
    """Drop the margin copy of a note that the theme put among a list's items (where screen
    readers count it as an item, and HTML does not allow it) and show at every width the
    note's copy in the text, which the theme hid (``d-n``): in the margin of a wide screen,
    opened by its number on a narrow one, like the note of a paragraph."""
    parent = copy.parent
    for sibling in parent[parent.index(copy) + 1 :]:
        if isinstance(sibling, nodes.inline) and _is_note(sibling):
            continue  # the margin copy of another note of the same item
        for twin in sibling.findall(nodes.inline):
            if "d-n" in twin["classes"] and _is_note(twin) and twin.astext() == copy.astext():
                twin["classes"].remove("d-n")
                parent.remove(copy)
                return
        return


class RepairSidenotes(SphinxPostTransform):
    """Repair what sphinx-book-theme's sidenotes leave behind in a transcript.

    The theme's footnote transform (priority 1) moves a footnote's content by assigning
    ``children`` lists, which leaves the moved nodes pointing at their old parents, so a
    link in a note could not be resolved (priority 10); and for a note inside a container
    such as a turn it inserts the sidenote with ``replace_self``, which copies the turn's
    ids onto the sidenote, so a turn's anchor would exist twice. A note referenced in a list
    item, a definition or a table cell keeps only its copy in the text.
    """

    default_priority = 2
    formats = ("html",)

    def run(self, **kwargs: object) -> None:
        notes = [n for n in self.document.findall(nodes.inline) if _is_note(n)]
        if not notes:
            return
        for note in notes:
            for node in note.findall(nodes.Element):
                for child in node.children:
                    child.parent = node
        for copy in notes:
            if isinstance(copy.parent, ITEMS_ONLY):
                _keep_the_copy_in_the_text(copy)
        for note in notes:
            note["ids"] = []
            if "d-n" in note["classes"]:  # the theme's hidden copy: its ids are dupes
                for inner in note.findall(nodes.Element):
                    inner["ids"] = []


class ExpandTurns(NonHTMLPostTransform):
    """Give each turn its head (the speaker's label) and a space before its marking as
    nodes, and a turn of one paragraph its paragraph, for the builders that do not render
    them from the turn's attributes (all but HTML and EPUB)."""

    # Before ExpandQuotations (3) puts the margins after the heads.
    default_priority = 2

    def run(self, **kwargs: object) -> None:
        conversation = get_domain(self.env).conversation_of(self.env.docname)
        for turn in list(self.document.findall(tnodes.turn)):
            if isinstance(turn, tnodes.one_paragraph_turn):
                turn = self._with_paragraph(turn)
            speaker = turn["speaker"]
            label = turn.get("label") or (
                conversation.speaker_label(speaker) if conversation else speaker
            )
            turn.insert(0, nodes.paragraph("", "", tnodes.turn_label(label, f"{label}:")))
        for marked in list(self.document.findall(tnodes.marked_paragraph)):
            if len(marked):
                marked += nodes.Text(" ")
            text = marked["marking"]
            marked += tnodes.marking(text, text, struck=marked.get("struck", False))

    @staticmethod
    def _with_paragraph(node: tnodes.one_paragraph_turn) -> tnodes.turn:
        marked = "marking" in node
        paragraph = (tnodes.marked_paragraph if marked else nodes.paragraph)(node.rawsource)
        paragraph.source, paragraph.line = node.source, node.line
        paragraph += node.children
        for name in ("marking", "struck"):
            if name in node:
                paragraph[name] = node[name]
                del node[name]
        turn = tnodes.turn(speaker=node["speaker"])
        turn.source, turn.line = node.source, node.line
        turn += paragraph
        node.replace_self(turn)  # which gives the turn the node's ids and classes
        return turn


class ExpandHeader(NonHTMLPostTransform):
    """Make the transcript's header a field list, for the builders that do not write it
    from its fields (all but HTML and EPUB)."""

    default_priority = 5

    def run(self, **kwargs: object) -> None:
        for header in list(self.document.findall(tnodes.transcript_header)):
            fields = nodes.field_list(classes=["transcript-header"])
            for field in header.children:
                assert isinstance(field, tnodes.header_field)
                name = field["name"]
                body = nodes.field_body("", nodes.paragraph("", "", *field.children))
                fields += nodes.field("", nodes.field_name(name, name), body)
            header.replace_self(fields)
