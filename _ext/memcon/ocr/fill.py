"""Filling a pending page: the imported text and turns under the page's curated metadata.

The curated front matter wins: every field it gives (title, topics, participants, the
source's posting and archive ids...) is kept, and every field where the OCR text reads
otherwise is reported, never written over. An empty curated field (``null``, ``[]``) takes
the OCR text's value. The page's own prose is kept, except the notice that its text is
pending; ``status`` becomes ``transcribed``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..schema import FrontMatterError, parse_front_matter, validate
from .errors import OcrError
from .page import ImportedPage, render_yaml

#: Fields the import sets whatever the page says: the text's turns need their speakers.
_FROM_IMPORT = ("status", "speakers")
#: The notice of a pending page: an admonition of class ``pending-transcript``.
_PENDING_NOTICE = re.compile(
    r"^(?P<fence>:{3,})\{admonition\}[^\n]*\n(?:(?!(?P=fence)$).*\n)*?"
    r":class:[^\n]*\bpending-transcript\b[^\n]*\n(?P<body>.*?)^(?P=fence)$\n?",
    re.M | re.S,
)
#: The notice's paragraph on how to add the text, which a filled page no longer needs.
_ADDING_IT = re.compile(r"^\*\*Adding it\.\*\*.*?(?:\n\n|\Z)", re.M | re.S)
_HEADER_DIRECTIVE = "```{transcript-header}\n```"
#: A block of the document's own text on a page: a forced import replaces them all.
_DOCUMENT_BLOCK = re.compile(
    r"^(?P<fence>:{3,})\{(?:turn|closing|cover-memorandum)\}.*?^(?P=fence)[ \t]*\n?", re.M | re.S
)
_NOTICE_KEPT = (
    "pending notice's paragraphs, as prose after the header (less the one on adding the "
    "text): revise what they say of the text being pending"
)


@dataclass(frozen=True)
class FilledPage:
    """A pending page given its text, and where the OCR text disagrees with it."""

    text: str
    disagreements: tuple[str, ...]


def fill_page(page: str, imported: ImportedPage, force: bool = False) -> FilledPage:
    """The page ``page`` given the text of ``imported``; refuses a transcribed page unless
    ``force`` (:func:`.import_ocr` has refused a document of another date)."""
    curated = _curated(page)
    if curated["status"] != "pending" and not force:
        raise OcrError(
            "the page is already transcribed; to import its text again, keeping its curated "
            "front matter, give FORCE=1 (--force)"
        )
    ocr_matter, imported_body = _split(imported.text)
    disagreements: list[str] = []
    merged = _merged(curated, ocr_matter, "", disagreements)
    for field in _FROM_IMPORT:
        merged[field] = ocr_matter[field]
    disagreements = [line for line in disagreements if line.split(":")[0] not in _FROM_IMPORT]
    body = _body(page.split("\n---\n", 1)[1].lstrip("\n"), imported_body, disagreements)
    text = f"---\n{chr(10).join(render_yaml(merged))}\n---\n\n{body}"
    try:
        validate(*parse_front_matter(text))
    except FrontMatterError as error:
        raise OcrError(f"the filled page's front matter is not valid: {error}") from None
    return FilledPage(text, tuple(disagreements))


def _curated(page: str) -> dict[str, Any]:
    try:
        data, first_line = parse_front_matter(page)
        validate(data, first_line)
    except FrontMatterError as error:
        raise OcrError(f"cannot read the page's front matter: {error}") from None
    return dict(data)


def _split(page: str) -> tuple[dict[str, Any], str]:
    data, _ = parse_front_matter(page)
    return dict(data), page.split("\n---\n", 1)[1].lstrip("\n")


def _empty(value: object) -> bool:
    return value is None or value == [] or value == {} or value == ()


def _merged(
    curated: Mapping[str, Any], ocr: Mapping[str, Any], prefix: str, disagreements: list[str]
) -> dict[str, Any]:
    """The curated mapping, its empty fields filled from ``ocr``; differences reported."""
    merged: dict[str, Any] = {}
    for key, ocr_value in ocr.items():
        value = curated.get(key)
        field = f"{prefix}{key}"
        if isinstance(value, Mapping) and isinstance(ocr_value, Mapping) and key != "speakers":
            merged[key] = _merged(value, ocr_value, f"{field}.", disagreements)
        elif _empty(value):
            merged[key] = ocr_value
        else:
            merged[key] = value
            if not _empty(ocr_value) and _plain(ocr_value) != _plain(value):
                disagreements.append(
                    f"{field}: the OCR text reads {_plain(ocr_value)!r}; "
                    f"the page keeps {_plain(value)!r}"
                )
    return merged


def _plain(value: object) -> object:
    """A value as plain lists, dicts and text, so that YAML's and the importer's compare."""
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def _body(curated: str, imported: str, notes: list[str]) -> str:
    """The page's heading and prose before its header, the imported cover memorandum and
    header, the page's prose after its header (the pending notice's paragraphs kept as
    prose), then the imported turns."""
    # The text an earlier import gave the page (FORCE) is the document's, not curated.
    before, _, after = _DOCUMENT_BLOCK.sub("", curated).partition(_HEADER_DIRECTIVE)
    notice = _PENDING_NOTICE.search(after)
    if notice is not None:
        kept = _ADDING_IT.sub("", notice["body"]).strip()
        after = after[: notice.start()] + (kept + "\n\n" if kept else "") + after[notice.end() :]
        if kept:
            notes.append(_NOTICE_KEPT)
    cover, _, turns = imported.partition(_HEADER_DIRECTIVE)
    cover = cover.split("\n", 1)[1] if cover.startswith("# ") else cover
    after = re.sub(r"\n{3,}", "\n\n", after)
    parts = [before, cover, _HEADER_DIRECTIVE, after, turns]
    return "\n\n".join(part.strip("\n") for part in parts if part.strip()) + "\n"
