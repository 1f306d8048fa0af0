"""The header of a transcript page, rendered from its front matter: the memorandum's
participants, date, time and place, its provenance (control number, classification,
declassification, repository, the archive's posting), and a suggested citation in the model
of ``docs/cite.md``."""

from __future__ import annotations

import re

from docutils import nodes
from sphinx import addnodes

from ..records import Classification, Conversation
from ..wording import written
from . import nodes as tnodes

KINDS = {"memcon": "Memorandum of conversation", "telcon": "Memorandum of telephone conversation"}
#: The kind as a citation names the document (docs/cite.md).
CITED_KINDS = {
    "memcon": "Memorandum of Conversation",
    "telcon": "Memorandum of Telephone Conversation",
}
#: Every conversation of the edition is between the two presidents.
PRINCIPALS = "President Bush and President Putin"
EDITION = "The Bush–Putin Conversations, 2001–2008"
#: The source line the archive gives its documents, less the library (the repository).
RELEASE = "National Security Archive FOIA lawsuit"
SIDE_LABELS = {"united_states": "United States", "russia": "Russia"}
#: An address in a citation, less the full stop or comma after it; or the edition's title.
_INLINE = re.compile(rf"(?P<url>https?://\S+?)(?=[.,]?(?:\s|$))|(?P<title>{EDITION})")


def long_date(iso: str) -> str:
    """An ISO date written out: ``2003-03-18`` is ``March 18, 2003``."""
    return written(iso)


def header_nodes(conv: Conversation, baseurl: str) -> list[nodes.Node]:
    """The header's nodes, index entries for every person listed, and the citation block."""
    fields = tnodes.transcript_header()
    for name, value in document_fields(conv) + provenance_fields(conv):
        fields += _field(name, value)
    url = conv.source_field("url")
    if url:
        fields += tnodes.header_field(
            "", "", nodes.reference(url, url, refuri=url), name="Original"
        )
    return [_index_entries(conv), fields, citation_block(conv, baseurl)]


def document_fields(conv: Conversation) -> list[tuple[str, str]]:
    """What the memorandum says of itself: kind, subject, who, when and where."""
    found = [("Kind", KINDS.get(conv.kind, conv.kind))]
    if conv.subject:
        found.append(("Subject", " ".join(filter(None, (conv.subject, conv.subject_marking)))))
    for side, label in SIDE_LABELS.items():
        people = [p for p in conv.participants if p.side == side]
        if people:
            listed = "; ".join(f"{p.name} ({p.role})" if p.role else p.name for p in people)
            found.append((f"Participants ({label})", listed))
    if conv.notetakers:
        found.append(("Notetakers", ", ".join(conv.notetakers)))
    if conv.interpreters:
        found.append(("Interpreters", ", ".join(conv.interpreters)))
    found.append(("Date and time", ", ".join(filter(None, (long_date(conv.date), conv.time)))))
    if conv.place:
        found.append(("Place", conv.place))
    in_edition = "yes" if conv.status == "transcribed" else "not yet (pending)"
    found.append(("Text in the edition", in_edition))
    return found


def provenance_fields(conv: Conversation) -> list[tuple[str, str]]:
    """Where the document comes from: control number, classification, declassification,
    repository and the archive's posting, each where the front matter gives it."""
    found = [
        ("Control number", conv.control_number),
        ("Classification", classification_text(conv.classification)),
        ("Declassification", _capitalised(", ".join(_stamp(conv)))),
        ("Repository", conv.repository),
        ("Archive posting", posting_text(conv)),
    ]
    return [(name, value) for name, value in found if value]


def classification_text(printed: Classification) -> str | None:
    """The banner and the classification block, as printed: ``CONFIDENTIAL; classified by
    …, reason 1.5(d), declassify on 3/19/13``."""
    block = ", ".join(
        f"{label} {value}"
        for label, value in (
            ("classified by", printed.classified_by),
            ("reason", printed.reason),
            ("declassify on", printed.declassify_on),
        )
        if value
    )
    return _capitalised("; ".join(filter(None, (printed.banner, block))))


def _stamp(conv: Conversation) -> list[str]:
    """The declassification stamp's parts: ``NW# 78134``, ``DocId …``, ``declassified
    August 25, 2025``."""
    nw, docid, date = (conv.source_field(key) for key in ("nw", "docid", "declassified"))
    parts = [
        f"NW# {nw}" if nw else None,
        f"DocId {docid}" if docid else None,
        f"declassified {long_date(date)}" if date else None,
    ]
    return [part for part in parts if part]


def _capitalised(text: str) -> str | None:
    return text[:1].upper() + text[1:] if text else None


def posting_text(conv: Conversation) -> str | None:
    """The archive's posting: its title in quotation marks, its date, the document's number."""
    date, number = conv.source_field("posting_date"), conv.source_field("document")
    parts = [
        _posting_title(conv.source_field("posting"), date),
        long_date(date) if date else None,
        f"document {number}" if number else None,
    ]
    return ", ".join(part for part in parts if part) or None


def _posting_title(title: str | None, date: str | None) -> str | None:
    # A title in square brackets is the editors' description of a posting ("[Posting of
    # three memorandums ..., December 23, 2025]"): where the date is known it only repeats it.
    if title is None or (title.startswith("[") and date):
        return None
    return title if title.startswith("[") else f"“{title}”"


def _field(name: str, value: str) -> tnodes.header_field:
    return tnodes.header_field("", value, name=name)


def _index_entries(conv: Conversation) -> addnodes.index:
    names = [p.name for p in conv.participants] + list(conv.notetakers) + list(conv.interpreters)
    entries = [("single", f"{name}; {conv.date}", "", "", None) for name in dict.fromkeys(names)]
    return addnodes.index(entries=entries)


def citation_text(conv: Conversation, baseurl: str) -> str:
    """A suggested citation of the document (docs/cite.md): the document, its classification
    and control number, the archive's identifiers, then where to read it: the edition's page
    for a transcribed conversation, the archive's posting for a pending one."""
    held = ", ".join(filter(None, (RELEASE, conv.repository, *_stamp(conv))))
    sentences = [
        f"{CITED_KINDS.get(conv.kind, conv.kind)}, {PRINCIPALS}, {long_date(conv.date)}",
        classification_text(conv.classification),
        f"Control number {conv.control_number}" if conv.control_number else None,
        held,
        _where_to_read(conv, baseurl),
    ]
    return " ".join(f"{sentence}." for sentence in sentences if sentence)


def _where_to_read(conv: Conversation, baseurl: str) -> str | None:
    if conv.status == "transcribed":
        page = f"{conv.docname}.html"
        return f"In {EDITION}, " + (f"{baseurl.rstrip('/')}/{page}" if baseurl else page)
    posting, url = posting_text(conv), conv.source_field("url")
    if posting is None:
        return url
    where = ", ".join(filter(None, (posting, url)))
    return f"Posted by the Archive {'in' if posting.startswith('“') else 'on'} {where}"


def citation_block(conv: Conversation, baseurl: str) -> nodes.Element:
    """A "cite this document" block."""
    block = nodes.container(classes=["cite-this"])
    block += nodes.rubric("", "Cite this document")
    block += _inline(citation_text(conv, baseurl))
    if conv.status == "transcribed":
        hint = (
            "Cite a passage by the page numbers shown in the text and the turn's anchor "
            "(the ¶ beside each speaker), e.g. …/" + conv.docname.split("/")[-1] + ".html#t05."
        )
    else:
        hint = "Its text is not yet in the edition: cite the original, where the archive has it."
    block += nodes.paragraph("", hint, classes=["cite-this-hint"])
    return block


def _inline(text: str) -> nodes.paragraph:
    """The citation as a paragraph: its addresses as links, the edition's title in italics."""
    paragraph = nodes.paragraph(classes=["cite-this-text"])
    position = 0
    for match in _INLINE.finditer(text):
        paragraph += nodes.Text(text[position : match.start()])
        if match["url"]:
            paragraph += nodes.reference(match["url"], match["url"], refuri=match["url"])
        else:
            paragraph += nodes.emphasis(match["title"], match["title"])
        position = match.end()
    paragraph += nodes.Text(text[position:])
    return paragraph
