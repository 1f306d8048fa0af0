"""Docutils nodes of a transcript: turns, page breaks, markings, and generated listings.

Each node renders in HTML with the classes and ``data-`` attributes the edition documents
(``turn``/``data-speaker``, ``page-break``/``data-page``); other builders fall back to
plain containers and text.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.writers.html5 import HTML5Translator

from ..domain import get_domain
from ..records import Conversation, Quotation
from ..rendering import SKIP, NodeVisitors, link_html, margin_html, visitors


class turn(nodes.General, nodes.Element):
    """A speaker turn: ``ids`` holds its stable id, ``speaker`` the speaker id. HTML writes
    its head (the label the document gives the speaker, and a permalink) and its margin
    (the passages that quote it) from these and the domain;
    :class:`~memcon.transcripts.transforms.ExpandTurns` and
    :class:`~memcon.quotations.render.ExpandQuotations` make them nodes for builders other
    than HTML."""


class one_paragraph_turn(turn, nodes.TextElement):
    """A turn of one paragraph, most turns, as one node: its children are the paragraph's,
    and ``marking`` and ``struck`` are as on a :class:`marked_paragraph`. HTML writes the
    paragraph around them; :class:`~memcon.transcripts.transforms.ExpandTurns` makes it a
    turn with a paragraph for the other builders."""


class turn_label(nodes.Inline, nodes.TextElement):
    """The label the document gives the speaker (``The President:``)."""


class marked_paragraph(nodes.paragraph):
    """A turn's paragraph that ends with the turn's classification marking: ``marking``
    holds it as printed, e.g. ``(S)``, and ``struck`` is set when it is struck through.
    HTML renders the marking from these attributes, after a space;
    :class:`~memcon.transcripts.transforms.ExpandTurns` makes it a :class:`marking` node
    for the other builders."""


class marking(nodes.Inline, nodes.TextElement):
    """A classification marking as a node, for builders other than HTML (see
    :class:`marked_paragraph`); ``struck`` when struck through."""


class page_break(nodes.Inline, nodes.TextElement):
    """The point where a page of the original begins; ``supplied`` when the editors supply
    a number the document does not show."""


class closing(nodes.General, nodes.TextElement):
    """The document's closing line (``--End of Conversation--``)."""


class cover_memorandum(nodes.General, nodes.Element):
    """A cover (transmittal) memorandum printed before the memorandum itself."""


class pending_note(nodes.Inline, nodes.Element):
    """An editorial note written at the words it annotates: a footnote reference and its
    footnote, until :class:`~memcon.transcripts.transforms.MoveNotes` separates them."""


class listing(nodes.General, nodes.Element):
    """A placeholder filled after all pages are read: ``listing`` names what goes in it
    (``catalogue``, ``persons``, ``verification``, ``discussed-in``...)."""


class quoted_in(nodes.General, nodes.Element):
    """The margin of a turn that lists the analysis passages quoting it, as nodes for the
    builders other than HTML: ``sites`` holds their :class:`~memcon.records.Quotation`
    records (see :mod:`memcon.quotations.render`)."""


class transcript_header(nodes.General, nodes.Element):
    """The memorandum's header: a list of :class:`header_field`, written in HTML as the
    field list docutils writes; :class:`~memcon.transcripts.transforms.ExpandHeader` makes
    it one for the other builders."""


class header_field(nodes.General, nodes.TextElement):
    """One field of the header: ``name`` is its label, the children its value. Two nodes
    instead of a field list's six: every transcript has a dozen fields."""


def _visit_transcript_header(self: HTML5Translator, node: transcript_header) -> None:
    self.body.append('<dl class="transcript-header field-list simple">\n')


def _depart_transcript_header(self: HTML5Translator, node: transcript_header) -> None:
    self.body.append("</dl>\n")


def _visit_header_field(self: HTML5Translator, node: header_field) -> None:
    row = "field-odd" if node.parent.index(node) % 2 == 0 else "field-even"
    self.body.append(
        f'<dt class="{row}">{self.encode(node["name"])}<span class="colon">:</span></dt>\n'
        f'<dd class="{row}"><p>'
    )


def _depart_header_field(self: HTML5Translator, node: header_field) -> None:
    self.body.append("</p>\n</dd>\n")


class page_list(nodes.General, nodes.Element):
    """A list of links to pages, each with a note: ``entries`` holds (docname, title, note)
    triples. HTML writes it from these; other builders get a bullet list of references
    from :class:`~memcon.transcripts.listings.ExpandPageLists`."""


def _visit_page_list(self: HTML5Translator, node: page_list) -> None:
    items = "".join(
        f"<li><p>{link_html(self, doc, title, span_class='doc')}{self.encode(note)}</p></li>\n"
        for doc, title, note in node["entries"]
    )
    self.body.append(f'<ul class="simple">\n{items}</ul>\n')
    raise nodes.SkipNode


class data_table(nodes.General, nodes.Element):
    """A generated table: ``headers`` holds the column headings, ``rows`` the cells, each a
    string or a link, ``(kind, target, text)``, to a page (``kind`` ``"doc"``, ``target`` its
    docname) or a conversation (``"conversation"``, its id); its one child holds the cells'
    words for the search index. HTML writes it from the attributes, as the translator
    writes a table; other builders get a table of nodes from
    :class:`~memcon.transcripts.listings.ExpandDataTables`. (A listing has hundreds of
    cells, three nodes each as a table of nodes.)"""


#: A cell of a :class:`data_table`.
Cell = str | tuple[str, str, str]


def _visit_data_table(self: HTML5Translator, node: data_table) -> None:
    self.visit_table(node)  # the table tag as the theme's translator writes it
    conversations = get_domain(self.builder.env).conversations
    self._table_row_indices[-1] = 1  # the head row: the body rows count on from it
    out = ['<thead>\n<tr class="row-odd">']
    out += [f'<th class="head"><p>{self.encode(text)}</p></th>\n' for text in node["headers"]]
    out.append("</tr>\n</thead>\n<tbody>\n")
    for number, cells in enumerate(node["rows"], 2):
        out.append(f'<tr class="row-{"even" if number % 2 == 0 else "odd"}">')
        for cell in cells:
            out.append(f"<td><p>{_cell_html(self, cell, conversations)}</p></td>\n")
        out.append("</tr>\n")
    out.append("</tbody>\n")
    self.body.append("".join(out))
    self.depart_table(node)
    raise nodes.SkipNode


def _cell_html(self: HTML5Translator, cell: Cell, conversations: dict[str, Conversation]) -> str:
    if isinstance(cell, str):
        return str(self.encode(cell))
    kind, target, text = cell
    if kind == "doc":
        return link_html(self, target, text, span_class="doc")
    conv = conversations.get(target)
    return link_html(self, conv.docname, text) if conv else str(self.encode(text))


def _visit_turn(self: HTML5Translator, node: turn) -> None:
    speaker = self.attval(node["speaker"])
    if len(node["ids"]) == 1 and not node["classes"]:
        # As starttag() writes it, without its general case: a transcript has hundreds.
        tag = f'<div class="turn" data-speaker="{speaker}" id="{self.attval(node["ids"][0])}">\n'
    else:
        tag = self.starttag(node, "div", CLASS="turn", **{"data-speaker": node["speaker"]})
    conversation, sites = _page_turns(self)
    label = node.get("label") or (
        conversation.speaker_label(node["speaker"]) if conversation else node["speaker"]
    )
    head = f'<p class="turn-head"><span class="turn-label">{self.encode(label)}:</span>'
    if node["ids"]:
        anchor = self.attval(node["ids"][0])
        head += (
            f'<a class="turn-permalink reference internal" href="#{anchor}" '
            f'title="Permalink to turn {anchor}">¶</a>'
        )
    head += "</p>\n"
    if node["ids"] and node["ids"][0] in sites:
        # After the head: in the margin of a wide screen it floats beside the turn's start
        # (memcon.css puts it last on a narrow one).
        head += margin_html(self, sites[node["ids"][0]])
    self.body.append(tag + head)


def _page_turns(self: HTML5Translator) -> tuple[Conversation | None, dict[str, list[Quotation]]]:
    """The conversation of the page being written, and the passages quoting each of its
    turns, by turn id (two lookups in the domain's dictionaries)."""
    domain, docname = get_domain(self.builder.env), self.builder.current_docname
    return domain.conversation_of(docname), domain.quoted_turns(docname)


def _visit_one_paragraph_turn(self: HTML5Translator, node: one_paragraph_turn) -> None:
    _visit_turn(self, node)
    self.body.append("<p>")


def _depart_one_paragraph_turn(self: HTML5Translator, node: one_paragraph_turn) -> None:
    if "marking" in node:
        _write_marking(self, node)
    self.body.append("</p>\n</div>\n")


def _depart_div(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</div>\n")


def _visit_turn_label(self: HTML5Translator, node: turn_label) -> None:
    self.body.append(self.starttag(node, "span", "", CLASS="turn-label"))


def _depart_span(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</span>")


def _visit_marked_paragraph(self: HTML5Translator, node: marked_paragraph) -> None:
    self.visit_paragraph(node)


def _depart_marked_paragraph(self: HTML5Translator, node: marked_paragraph) -> None:
    _write_marking(self, node)
    self.depart_paragraph(node)


def _write_marking(self: HTML5Translator, node: nodes.Element) -> None:
    mark = self.encode(node["marking"])
    if node.get("struck"):
        head = '<span class="marking struck" title="Classification marking, struck through'
        mark = f'{head} in the original"><del>{mark}</del></span>'
    else:
        mark = f'<span class="marking" title="Classification marking">{mark}</span>'
    self.body.append(f" {mark}" if node.children else mark)


def _visit_page_break(self: HTML5Translator, node: page_break) -> None:
    page = node["page"]
    title = f"Page {page} of the original begins here"
    if node.get("supplied"):
        title += " (page number supplied by the editors: the document shows none)"
    self.body.append(
        self.starttag(node, "span", "", CLASS="page-break", title=title, **{"data-page": page})
    )


def _visit_closing(self: HTML5Translator, node: closing) -> None:
    self.body.append(self.starttag(node, "p", "", CLASS="closing"))


def _depart_p(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</p>\n")


def _visit_cover(self: HTML5Translator, node: cover_memorandum) -> None:
    self.body.append(self.starttag(node, "div", CLASS="cover-memorandum"))


def _visit_quoted_in(self: HTML5Translator, node: quoted_in) -> None:
    """Write a margin node as a turn writes its margin (HTML has none of its own)."""
    self.body.append(margin_html(self, node["sites"]))
    raise nodes.SkipNode


#: The nodes of a transcript with their visitors.
NODES: tuple[NodeVisitors, ...] = (
    (turn, visitors((_visit_turn, _depart_div))),
    # Other builders get it as a turn with a paragraph, from ExpandTurns.
    (one_paragraph_turn, visitors((_visit_one_paragraph_turn, _depart_one_paragraph_turn), None)),
    (turn_label, visitors((_visit_turn_label, _depart_span))),
    # Other builders write a marked paragraph as a paragraph, and get its marking as a node
    # from ExpandTurns; HTML never has one.
    (marked_paragraph, visitors((_visit_marked_paragraph, _depart_marked_paragraph), None)),
    (marking, visitors(None)),
    (page_break, visitors((_visit_page_break, _depart_span))),
    (closing, visitors((_visit_closing, _depart_p))),
    (cover_memorandum, visitors((_visit_cover, _depart_div))),
    (listing, visitors(SKIP, SKIP)),
    (page_list, visitors((_visit_page_list, None))),
    (data_table, visitors((_visit_data_table, None))),
    (transcript_header, visitors((_visit_transcript_header, _depart_transcript_header))),
    (header_field, visitors((_visit_header_field, _depart_header_field))),
    # Other builders get a margin's nodes from ExpandQuotations.
    (quoted_in, visitors((_visit_quoted_in, None))),
)
