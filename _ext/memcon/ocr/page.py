"""Writing the transcript page: the front matter, the cover memorandum, one ``{turn}`` per
turn with its id and marking, the page breaks and the closing line, in MyST Markdown."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass

from ..identifiers import ID_EXPECTED, SPEAKER_ID, TRANSCRIPT_ID
from ..schema import FrontMatterError, parse_front_matter, validate
from ..wording import written
from .errors import OcrError
from .memorandum import Memorandum, read_ocr
from .turns import DEFAULT_SPEAKERS

#: The archive that holds every document of the edition; no OCR text names it.
REPOSITORY = "George W. Bush Presidential Library"
_PROSE_LINE = 55  # a cover line at least this long was wrapped by the typist: prose, not a list


@dataclass(frozen=True)
class ImportedPage:
    """A transcript page made from an OCR text."""

    text: str
    memorandum: Memorandum


def import_ocr(
    text: str, transcript_id: str, speakers: Mapping[str, str] = DEFAULT_SPEAKERS
) -> ImportedPage:
    """Read an OCR text and write its transcript page (``speakers``: label -> speaker id).

    Raises :class:`OcrError` when the id is malformed or disagrees with the document's date,
    or the text cannot be read as a memorandum of conversation.
    """
    if not TRANSCRIPT_ID.fullmatch(transcript_id):
        raise OcrError(f"invalid id {transcript_id!r}: expected {ID_EXPECTED}")
    memorandum = read_ocr(text, speakers)
    document_date = memorandum.header.date
    if document_date is not None and document_date.isoformat() != transcript_id[:10]:
        raise OcrError(
            f"the id {transcript_id!r} does not agree with the document's date, "
            f"{written(document_date)} (line {memorandum.header.date_line}); "
            f"expected an id beginning with {document_date.isoformat()}"
        )
    page = render_page(memorandum, transcript_id)
    try:
        validate(*parse_front_matter(page))
    except FrontMatterError as error:
        raise OcrError(f"the front matter made from this text is not valid: {error}") from None
    return ImportedPage(page, memorandum)


def render_page(memorandum: Memorandum, transcript_id: str) -> str:
    """The transcript page (MyST Markdown with YAML front matter) for ``memorandum``."""
    date = memorandum.header.date or dt.date.fromisoformat(transcript_id[:10])
    kind = "Telephone Conversation" if memorandum.kind == "telcon" else "Conversation"
    parts = [
        "---\n" + "\n".join(render_yaml(front_matter(memorandum, transcript_id))) + "\n---",
        f"# Memorandum of {kind}, {written(date)}",
    ]
    if memorandum.cover:
        blocks = "\n\n".join(_cover_block(block) for block in memorandum.cover)
        parts.append(f"::::{{cover-memorandum}}\n{blocks}\n::::")
    parts.append("```{transcript-header}\n```")
    first = speaker_labels(memorandum)
    for number, turn in enumerate(memorandum.turns, start=1):
        options = f":id: t{number:02d}\n" + (f":marking: {turn.marking}\n" if turn.marking else "")
        if turn.label != first[turn.speaker]:
            # The label this turn prints, where it is not the speaker's first ("Dr. Roe").
            options += f":label: {turn.label}\n"
        body = "\n\n".join(_escape_block_start(text) for text in turn.paragraphs)
        parts.append(f":::{{turn}} {turn.speaker}\n{options}\n{body}\n:::")
    if memorandum.closing:
        parts.append(f":::{{closing}}\n{memorandum.closing}\n:::")
    return "\n\n".join(parts) + "\n"


def front_matter(memorandum: Memorandum, transcript_id: str) -> dict[str, object]:
    """The page's front matter, in the order the page gives it."""
    header = memorandum.header
    date = header.date or dt.date.fromisoformat(transcript_id[:10])
    title = re.sub(r"\.$", "", header.subject) if header.subject else None
    kind = "Telephone Conversation" if memorandum.kind == "telcon" else "Conversation"
    return {
        "id": transcript_id,
        "date": date,
        "kind": memorandum.kind,
        "title": title or f"Memorandum of {kind}, {written(date)}",
        "subject": header.subject,
        "subject_marking": header.subject_marking,
        "time": header.time,
        "place": header.place,
        "status": "transcribed",
        "participants": {
            side: [{"name": p.name, "role": p.role} for p in header.participants if p.side == side]
            for side in ("united_states", "russia")
        },
        "notetakers": list(header.notetakers),
        "interpreters": list(header.interpreters),
        "speakers": speaker_labels(memorandum),
        "topics": [],
        "source": {
            "repository": REPOSITORY,
            "posting": None,
            "posting_date": None,
            "document": None,
            "url": None,
            "control_number": memorandum.control_number,
            "classification": asdict(memorandum.classification),
            "nw": memorandum.nw,
            "docid": memorandum.docid,
            "declassified": memorandum.declassified,
        },
    }


def speaker_labels(memorandum: Memorandum) -> dict[str, str]:
    """Speaker id -> the first label the text gives the speaker."""
    labels: dict[str, str] = {}
    for turn in memorandum.turns:
        labels.setdefault(turn.speaker, turn.label)
    return labels


def render_yaml(mapping: Mapping[str, object], indent: str = "") -> list[str]:
    """The lines of ``mapping`` as the front matter writes it: one field a line, lists and
    small mappings in flow style."""
    lines: list[str] = []
    for key, value in mapping.items():
        if isinstance(value, Mapping) and value:
            lines.append(f"{indent}{key}:")
            lines.extend(render_yaml(value, indent + "  "))
        elif isinstance(value, list) and any(isinstance(item, Mapping) for item in value):
            lines.append(f"{indent}{key}:")
            lines.extend(f"{indent}  - {_flow(item)}" for item in value)
        else:
            lines.append(f"{indent}{key}: {_flow(value)}")
    return lines


def _flow(value: object) -> str:
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{key}: {_flow(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(item) for item in value) + "]"
    if value is None:
        return "null"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    text = str(value)
    # A word such as a speaker id stays bare; anything else is quoted.
    plain = SPEAKER_ID.fullmatch(text) and text not in ("null", "true", "false")
    return text if plain else json.dumps(text, ensure_ascii=False)


def _cover_block(lines: tuple[str, ...]) -> str:
    if len(lines) > 1 and all(len(line) >= _PROSE_LINE for line in lines[:-1]):
        return _escape_block_start(" ".join(lines))
    # A backslash at the end of a line is a hard line break in MyST.
    return "\\\n".join(_escape_block_start(line) for line in lines)


def _escape_block_start(text: str) -> str:
    """Keep a line that begins like Markdown block syntax (a list, a heading...) as text."""
    ordered = re.match(r"(\d{1,9})([.)])(\s|$)", text)
    if ordered:
        return f"{ordered[1]}\\{text[len(ordered[1]) :]}"
    if re.match(r"(#{1,6}|[-+*])(\s|$)|>|`{3}|~{3}|:{3}", text) or re.fullmatch(
        r"([-*_])(\s*\1){2,}\s*", text
    ):
        return "\\" + text
    return text
