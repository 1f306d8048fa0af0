"""Inline roles of the edition's pages: page breaks, editorial notes, person mentions."""

from __future__ import annotations

import re

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxRole
from sphinx.util.nodes import split_explicit_title

from ..domain import get_domain
from ..warnings_ import MemconWarning
from . import nodes as tnodes

PAGE = re.compile(r"^(\[)?([1-9]\d{0,3})(?(1)\])$")


def report(role: SphinxRole, subtype: MemconWarning, message: str) -> None:
    """Record a problem at the role's line, to be warned about on every build."""
    get_domain(role.env).report(role.env.docname, role.lineno or None, subtype, message)


class PageRole(SphinxRole):
    """``{page}`N``` marks where page N of the original begins; ``{page}`[N]``` when the
    editors supply a number the document does not show."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        match = PAGE.match(self.text.strip())
        if not match:
            report(
                self,
                MemconWarning.page_break,
                f"malformed page break {self.text!r}; expected a page number such as "
                "{page}`2`, or {page}`[3]` for a number the editors supply",
            )
            return [], []
        page, supplied = match.group(2), bool(match.group(1))
        label = f"[p. {page}]" if supplied else f"p. {page}"
        node = tnodes.page_break(label, label, page=page)
        if supplied:  # set only when true: a transcript has hundreds of page breaks
            node["supplied"] = True
        node["ids"].append(f"page-{page}")
        return [node], []


class NoteRole(SphinxRole):
    """``{note}`text``` makes a real, auto-numbered footnote at the words it annotates
    (a sidenote in HTML).  Its text is MyST and may cite: ``{cite:p}``."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        paragraph = nodes.paragraph()
        children, messages = self.inliner.parse(self.text, self.lineno, self.inliner, paragraph)
        paragraph += children
        document = self.inliner.document
        footnote = nodes.footnote(auto=1, classes=["editorial-note"])
        footnote += paragraph
        reference = nodes.footnote_reference(self.rawtext, auto=1)
        # docutils numbers anonymous footnotes and pairs them with their references in
        # the order they are noted, so both are noted together here.
        document.note_autofootnote(footnote)
        document.set_id(footnote)
        document.note_autofootnote_ref(reference)
        document.set_id(reference)
        # A footnote is a body element: MoveNotes takes it out of the paragraph.
        return [tnodes.pending_note("", reference, footnote)], messages


class PersonRole(SphinxRole):
    """``{person}`Igor <Igor Ivanov>``` marks a mention of a person of the register."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        _, title, target = split_explicit_title(self.text)
        name = target.strip()
        if not name:
            report(
                self,
                MemconWarning.person,
                f"{{person}}`{self.text}` names nobody; expected a name of the persons "
                "register, e.g. {person}`Igor <Igor Ivanov>`",
            )
            return [nodes.Text(title)], []
        count = int(self.env.temp_data.get("memcon-person-count") or 0) + 1
        self.env.temp_data["memcon-person-count"] = count
        anchor = f"person-{count}"
        node = nodes.inline(title, title, classes=["person"], ids=[anchor])
        node["memcon_person"] = name
        index = addnodes.index(entries=[("single", name, anchor, "", None)])
        return [index, node], []
