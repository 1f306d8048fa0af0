"""A transcribed conversation as a TEI P5 document, from the domain's records alone.

Pure: it imports neither Sphinx nor docutils. The spoken words go into ``<sp>`` elements
exactly as the turns' records hold them; markings, page breaks and notes are placed by
their offsets, never by editing the words.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from ..records import Apparatus, Conversation, Note, Piece, Register, Turn
from ..wording import written

TEI = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ROLES = {"notetaker": "notetakers", "interpreter": "interpreters"}

#: The editorial declaration: what the edition changes and what it never changes.
EDITORIAL = {
    "correction": (
        "No word is corrected. Misspellings, slips, names as printed and the punctuation "
        "of the archive's OCR text are kept; where a reader may need help, an editorial "
        "note says so and the text stays as it is."
    ),
    "normalization": (
        "The page furniture of the original (banners, declassification blocks, page "
        "numbers) is taken out of the running text: its content is in this header, and "
        "each page number is a page-break marker where the page begins. The OCR text's "
        "hard-wrapped lines are joined into the original's paragraphs; straight quotation "
        "marks and apostrophes are typeset as curly ones."
    ),
    "hyphenation": (
        "A word divided by a hyphen at the end of a line of the original is left divided."
    ),
    "interpretation": (
        "The edition adds turn identifiers, supplied page numbers (marked as supplied), "
        "editorial notes and links to its persons register; none of these is part of the "
        "document's words."
    ),
}


@dataclass(frozen=True)
class Addresses:
    """Where the edition publishes what a TEI document points to."""

    page: str  #: the transcript page's absolute URL
    persons: str  #: the persons register's absolute URL
    availability: str  #: what the reader may do with the text


def tei_document(
    conv: Conversation,
    turns: tuple[Turn, ...],
    apparatus: Apparatus,
    register: Register,
    where: Addresses,
) -> bytes:
    """The TEI P5 document of a transcribed conversation, as UTF-8 bytes."""
    root = _el("TEI", {LANG: "en"})
    root.append(_header(conv, register, where))
    text = _sub(root, "text")
    if apparatus.cover:
        front = _sub(_sub(text, "front"), "div", type="cover")
        _sub(front, "head").text = "Cover memorandum"
        for paragraph in apparatus.cover:
            _pieces(_sub(front, "p"), paragraph, apparatus.notes_in(None))
    body = _sub(_sub(text, "body"), "div", type=conv.kind)
    used = {turn.id for turn in turns}
    for turn in turns:
        body.append(_sp(conv, turn, apparatus, used))
    if apparatus.closing:
        _sub(body, "closer").text = apparatus.closing
    _indent(root, 0)
    # Serialised to text, then encoded once: written as UTF-8, each of its thousands of
    # pieces would pass through an encoder of its own.
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + serialised(root)).encode()


#: The qualified names of the attributes a TEI document of the edition holds.
_ATTRIBUTES = {XML_ID: "xml:id", LANG: "xml:lang"}


def serialised(root: ET.Element) -> str:
    """A tree of TEI elements as text, with TEI the default namespace: what
    ``ET.tostring(root, encoding="unicode")`` writes of it, in one walk of the tree.

    ElementTree first walks the whole tree for the namespaces it uses, then maps each name
    as it writes; the edition's tree holds TEI elements and ``xml:`` attributes only, and
    a TEI file has tens of thousands of elements. Any other namespace is refused.
    """
    pieces: list[str] = []
    write = pieces.append
    names: dict[str, str] = {}

    def name(qualified: str) -> str:
        if qualified not in names:
            if qualified.startswith(f"{{{TEI}}}"):
                names[qualified] = qualified[len(TEI) + 2 :]
            elif qualified in _ATTRIBUTES:
                names[qualified] = _ATTRIBUTES[qualified]
            elif qualified.startswith("{"):
                raise ValueError(f"{qualified!r}: expected a TEI element or an xml: attribute")
            else:
                names[qualified] = qualified
        return names[qualified]

    def walk(element: ET.Element, declarations: str) -> None:
        tag = name(element.tag)
        write(f"<{tag}{declarations}")
        for key, value in element.items():
            write(f' {name(key)}="{_attribute(value)}"')
        text = element.text
        if text or len(element):
            write(">")
            if text:
                write(_characters(text))
            for child in element:
                walk(child, "")
            write(f"</{tag}>")
        else:
            write(" />")
        if element.tail:
            write(_characters(element.tail))

    walk(root, f' xmlns="{TEI}"')
    return "".join(pieces)


def _characters(text: str) -> str:
    """Character data escaped as ElementTree escapes it."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def _attribute(value: str) -> str:
    """An attribute's value escaped as ElementTree escapes it."""
    value = _characters(value)
    for character, reference in (
        ('"', "&quot;"),
        ("\r", "&#13;"),
        ("\n", "&#10;"),
        ("\t", "&#09;"),
    ):
        if character in value:
            value = value.replace(character, reference)
    return value


def _indent(element: ET.Element, level: int) -> None:
    """Indent the structure, never inside a paragraph: white space added between a note
    and a page break there would split a word."""
    if not len(element) or element.tag == f"{{{TEI}}}p":
        return
    inner = "\n" + " " * (level + 1)
    element.text = inner
    for child in element:
        _indent(child, level + 1)
        child.tail = inner
    element[-1].tail = "\n" + " " * level


def _el(tag: str, attrib: dict[str, str] | None = None) -> ET.Element:
    return ET.Element(f"{{{TEI}}}{tag}", attrib or {})


def _sub(parent: ET.Element, tag: str, **attrib: str) -> ET.Element:
    return ET.SubElement(parent, f"{{{TEI}}}{tag}", attrib)


def _text(parent: ET.Element, tag: str, text: str | None, **attrib: str) -> ET.Element | None:
    if not text:
        return None
    element = _sub(parent, tag, **attrib)
    element.text = text
    return element


def _header(conv: Conversation, register: Register, where: Addresses) -> ET.Element:
    header = _el("teiHeader")
    file_desc = _sub(header, "fileDesc")
    title_stmt = _sub(file_desc, "titleStmt")
    _text(title_stmt, "title", conv.title)
    _text(title_stmt, "title", f"{written(conv.date)}", type="sub")
    publication = _sub(file_desc, "publicationStmt")
    _text(publication, "publisher", "The editors, The Bush–Putin Conversations, 2001–2008")
    _text(publication, "idno", where.page, type="URL")
    _text(_sub(publication, "availability"), "p", where.availability)
    _source_desc(_sub(file_desc, "sourceDesc"), conv)
    declaration = _sub(_sub(header, "encodingDesc"), "editorialDecl")
    for part, text in EDITORIAL.items():
        _text(_sub(declaration, part), "p", text)
    _profile(_sub(header, "profileDesc"), conv, register, where)
    return header


def _source_desc(source: ET.Element, conv: Conversation) -> None:
    ms = _sub(source, "msDesc")
    identifier = _sub(ms, "msIdentifier")
    _text(identifier, "repository", conv.repository or "unknown")
    _text(identifier, "idno", conv.control_number, type="controlNumber")
    for key, label in (("nw", "NW"), ("docid", "DocId")):
        value = conv.source_field(key)
        if value:
            _text(_sub(identifier, "altIdentifier", type=label), "idno", value)
    _text(_sub(ms, "msContents"), "summary", conv.subject)
    history = _sub(ms, "history")
    origin = _sub(history, "origin")
    _text(origin, "origDate", written(conv.date), when=conv.date)
    _posting(_sub(history, "provenance"), conv)
    declassified = conv.source_field("declassified")
    if declassified:
        acquisition = _sub(history, "acquisition")
        _text(acquisition, "p", f"Declassified {written(declassified)}.")
    admin = _sub(_sub(ms, "additional"), "adminInfo")
    classification = _classification(conv)
    _text(admin, "note", classification, type="classification")


def _posting(provenance: ET.Element, conv: Conversation) -> None:
    """Where the archive published the document: its posting, date and address."""
    paragraph = _sub(provenance, "p")
    posting, date = conv.source_field("posting"), conv.source_field("posting_date")
    paragraph.text = "Posted by the National Security Archive"
    last = None
    if posting:
        paragraph.text += " in "
        last = _text(paragraph, "title", posting)
    if date:
        _append_text(paragraph, last, ", ")
        last = _text(paragraph, "date", written(date), when=date)
    url = conv.source_field("url")
    if url:
        _append_text(paragraph, last, ": ")
        last = _text(paragraph, "ref", url, target=url)
    _append_text(paragraph, last, ".")


def _classification(conv: Conversation) -> str:
    printed = conv.classification
    parts = [
        printed.banner,
        f"classified by {printed.classified_by}" if printed.classified_by else None,
        f"reason {printed.reason}" if printed.reason else None,
        f"declassify on {printed.declassify_on}" if printed.declassify_on else None,
    ]
    return "; ".join(filter(None, parts)) or "No classification is recorded."


def _profile(profile: ET.Element, conv: Conversation, register: Register, where: Addresses) -> None:
    listing = _sub(_sub(profile, "particDesc"), "listPerson")
    for speaker, _ in conv.speakers:
        participant = conv.participant_of(speaker)
        name = participant.name if participant else conv.speaker_label(speaker)
        role = participant.role if participant else conv.speaker_label(speaker)
        _person(listing, person_id(speaker), name, "participant", role, register, where)
    speaking = {p.name for sid, _ in conv.speakers if (p := conv.participant_of(sid)) is not None}
    others = [p for p in conv.participants if p.name not in speaking]
    for number, participant in enumerate(others, 1):
        _person(
            listing,
            person_id(f"participant-{number}"),
            participant.name,
            "participant",
            participant.role,
            register,
            where,
        )
    for role, field in ROLES.items():
        for number, name in enumerate(getattr(conv, field), 1):
            _person(listing, person_id(f"{role}-{number}"), name, role, None, register, where)
    setting = _sub(_sub(profile, "settingDesc"), "setting")
    _text(setting, "placeName", conv.place)
    _text(setting, "date", written(conv.date), when=conv.date)
    _text(setting, "time", conv.time)
    if conv.topics:
        keywords = _sub(_sub(profile, "textClass"), "keywords")
        for topic in conv.topics:
            _text(keywords, "term", topic)


def _person(
    listing: ET.Element,
    xml_id: str,
    name: str,
    role: str,
    role_name: str | None,
    register: Register,
    where: Addresses,
) -> None:
    person = _sub(listing, "person", role=role)
    person.set(XML_ID, xml_id)
    entry = register.find(name)
    if entry is not None:
        person.set("corresp", f"{where.persons}#{entry.anchor}")
    _text(person, "persName", entry.name if entry else name)
    if role_name:
        # The role as the document or the catalogue gives it, e.g. "The President".
        _text(_sub(person, "persName", type="role"), "roleName", role_name)


def person_id(name: str) -> str:
    """A person's ``xml:id``: with a full stop, which no turn id has, so that the two never
    clash."""
    return f"person.{name}"


def _sp(conv: Conversation, turn: Turn, apparatus: Apparatus, used: set[str]) -> ET.Element:
    sp = _el("sp", {"who": f"#{person_id(turn.speaker)}", XML_ID: turn.id})
    label = apparatus.label_of(turn.id) or conv.speaker_label(turn.speaker)
    _text(sp, "speaker", f"{label}:")
    marks = sorted(
        [(at, 0, ("pb", page)) for at, page in turn.breaks]
        + [(note.offset, 1, ("note", note.number)) for note in apparatus.notes_in(turn.id)]
    )
    notes = {note.number: note for note in apparatus.notes_in(turn.id)}
    start = 0
    for number, paragraph in enumerate(turn.text.split("\n")):
        end = start + len(paragraph)
        p = _sub(sp, "p")
        inside = [(at - start, mark) for at, _, mark in marks if start <= at <= end]
        _place(p, paragraph, inside, notes, apparatus, used)
        if number == turn.text.count("\n"):
            _marking(p, apparatus.marking_of(turn.id))
        start = end + 1
    return sp


def _place(
    p: ET.Element,
    text: str,
    marks: list[tuple[int, tuple[str, str]]],
    notes: dict[str, Note],
    apparatus: Apparatus,
    used: set[str],
) -> None:
    """``text`` in ``p``, with a page break or a note at each of ``marks``' offsets. A page
    break's ``xml:id`` is the page's anchor (``page-2``), unless an id ``used`` already has
    it (a page number given twice, or a turn of that id)."""
    last: ET.Element | None = None
    position = 0
    for at, (kind, value) in marks:
        _append_text(p, last, text[position:at])
        position = at
        if kind == "pb":
            last = _sub(p, "pb", n=value)
            if f"page-{value}" not in used:
                used.add(f"page-{value}")
                last.set(XML_ID, f"page-{value}")
            if value in apparatus.supplied:
                last.set("type", "supplied")
        else:
            last = _note(p, notes[value])
    _append_text(p, last, text[position:])


def _append_text(parent: ET.Element, last: ET.Element | None, text: str) -> None:
    if last is None:
        parent.text = (parent.text or "") + text
    else:
        last.tail = (last.tail or "") + text


def _marking(p: ET.Element, marking: tuple[str, bool] | None) -> None:
    if marking is None:
        return
    printed, struck = marking
    last = p[-1] if len(p) else None
    _append_text(p, last, " ")
    seg = _sub(p, "seg", type="classification")
    if struck:
        seg.set("rend", "strikethrough")
    seg.text = printed


def _note(parent: ET.Element, note: Note) -> ET.Element:
    element = _sub(parent, "note", type="editorial", n=note.number, place="margin")
    last: ET.Element | None = None
    for kind, text in note.pieces:
        if kind == "cite":
            last = _sub(element, "bibl")
            for key in (k.strip() for k in text.split(",")):
                _text(last, "idno", key, type="citekey")
        else:
            _append_text(element, last, text)
    return element


def _pieces(p: ET.Element, pieces: tuple[Piece, ...], notes: list[Note]) -> None:
    """A paragraph of the cover memorandum."""
    by_number = {note.number: note for note in notes}
    last: ET.Element | None = None
    for kind, text in pieces:
        if kind == "text":
            _append_text(p, last, text)
        elif kind == "lb":
            last = _sub(p, "lb")
        elif kind == "note" and text in by_number:
            last = _note(p, by_number[text])
        elif kind in ("struck", "bold"):
            last = _sub(p, "hi", rend="strikethrough" if kind == "struck" else "bold")
            last.text = text
