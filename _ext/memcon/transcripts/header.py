"""The header of a transcript page, rendered from its front matter: the memorandum's
participants, date, time and place, the archive's identifiers, and a suggested citation."""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes

from ..records import Conversation
from . import nodes as tnodes

KINDS = {"memcon": "Memorandum of conversation", "telcon": "Memorandum of telephone conversation"}
SIDE_LABELS = {"united_states": "United States", "russia": "Russia"}
ARCHIVE_FIELDS = (
    ("posting", "Archive posting"),
    ("posting_date", "Posted"),
    ("document", "Document"),
    ("nw", "NW#"),
    ("docid", "DocId"),
    ("classification", "Classification"),
    ("declassified", "Declassified"),
    ("url", "Original"),
)


def header_nodes(conv: Conversation, baseurl: str) -> list[nodes.Node]:
    """The header's nodes, index entries for every person listed, and the citation block."""
    fields = tnodes.transcript_header()
    fields += _field("Kind", KINDS.get(conv.kind, conv.kind))
    if conv.subject:
        subject = conv.subject + (f" {conv.subject_marking}" if conv.subject_marking else "")
        fields += _field("Subject", subject)
    for side, label in SIDE_LABELS.items():
        people = [p for p in conv.participants if p.side == side]
        if people:
            fields += _field(
                f"Participants ({label})",
                "; ".join(f"{p.name} ({p.role})" if p.role else p.name for p in people),
            )
    if conv.notetakers:
        fields += _field("Notetakers", ", ".join(conv.notetakers))
    if conv.interpreters:
        fields += _field("Interpreters", ", ".join(conv.interpreters))
    when = conv.date + (f", {conv.time}" if conv.time else "")
    fields += _field("Date and time", when)
    if conv.place:
        fields += _field("Place", conv.place)
    fields += _field(
        "Text in the edition", "yes" if conv.status == "transcribed" else "not yet (pending)"
    )
    for key, label in ARCHIVE_FIELDS:
        value = conv.source_field(key)
        if value:
            fields += _field(label, value, link=key == "url")
    return [_index_entries(conv), fields, citation_block(conv, baseurl)]


def _field(name: str, value: str, link: bool = False) -> tnodes.header_field:
    if link:
        return tnodes.header_field("", "", nodes.reference(value, value, refuri=value), name=name)
    return tnodes.header_field("", value, name=name)


def _index_entries(conv: Conversation) -> addnodes.index:
    names = [p.name for p in conv.participants] + list(conv.notetakers) + list(conv.interpreters)
    entries = [("single", f"{name}; {conv.date}", "", "", None) for name in dict.fromkeys(names)]
    return addnodes.index(entries=entries)


def citation_text(conv: Conversation, baseurl: str) -> str:
    """A suggested citation of the document, with the archive's identifiers."""
    parts = [f"{KINDS.get(conv.kind, conv.kind)}, {conv.title}, {conv.date}"]
    if conv.source_field("nw"):
        parts.append(f"NW# {conv.source_field('nw')}")
    if conv.source_field("docid"):
        parts.append(f"DocId {conv.source_field('docid')}")
    parts.append("National Security Archive FOIA lawsuit, George W. Bush Library")
    url = baseurl.rstrip("/") + f"/{conv.docname}.html" if baseurl else f"{conv.docname}.html"
    parts.append(f"in The Bush–Putin Conversations, 2001–2008, {url}")
    return ", ".join(parts) + "."


def citation_block(conv: Conversation, baseurl: str) -> nodes.Element:
    """A "cite this document" block."""
    block = nodes.container(classes=["cite-this"])
    block += nodes.rubric("", "Cite this document")
    block += nodes.paragraph("", citation_text(conv, baseurl))
    if conv.status == "transcribed":
        block += nodes.paragraph(
            "",
            "Cite a passage by the page numbers shown in the text and the turn's anchor "
            "(the ¶ beside each speaker), e.g. …/" + conv.docname.split("/")[-1] + ".html#t05.",
            classes=["cite-this-hint"],
        )
    return block
