"""Reads each page's front matter when Sphinx reads its source.

Transcript pages are validated against :mod:`memcon.schema`; a problem becomes
a diagnostic located at the offending key's line.  Checked (analysis) pages may declare
``sources: [<id>, ...]``.
"""

from __future__ import annotations

import datetime as dt
from fnmatch import fnmatch
from typing import TYPE_CHECKING, Any

from sphinx.application import Sphinx
from sphinx.config import Config

from ..domain import get_domain
from ..records import Classification, Conversation, Participant
from ..warnings_ import MemconWarning, QuoteCheck
from ..yamlblock import FrontMatterError, blank_front_matter, parse_front_matter

if TYPE_CHECKING:
    from ..schema import FrontMatter

SIDES = ("united_states", "russia")
#: The source's fields kept as records of their own, not as (field, value) pairs.
PROVENANCE = frozenset({"repository", "control_number", "classification"})


def is_transcript(config: Config, docname: str) -> bool:
    """Whether ``docname`` is a transcript page."""
    return any(fnmatch(docname, pattern) for pattern in config.memcon_transcripts)


def is_checked(config: Config, docname: str) -> bool:
    """Whether plain quotation marks on ``docname`` are checked as quotations."""
    return any(fnmatch(docname, pattern) for pattern in config.memcon_quotation_pages)


def on_source_read(app: Sphinx, docname: str, content: list[str]) -> None:
    """Validate a transcript's front matter, or read a checked page's ``sources``.

    A transcript's valid front matter is the conversation's record, and nothing else: it is
    replaced by empty lines (the page keeps its line numbers), so that MyST does not parse it
    again into page metadata that nothing reads.
    """
    if is_transcript(app.config, docname):
        if _read_transcript(app, docname, content[0]):
            content[0] = blank_front_matter(content[0])
    elif is_checked(app.config, docname):
        _read_declared_sources(app, docname, content[0])


def _read_transcript(app: Sphinx, docname: str, source: str) -> bool:
    """Record the conversation a transcript describes; whether its front matter is valid."""
    # Imported here: the model's library takes a noticeable part of a second to import,
    # which a build that reads no transcript need not pay.
    from ..schema import validate

    domain = get_domain(app.env)
    try:
        data, first_line = parse_front_matter(source)
        front = validate(data, first_line)
    except FrontMatterError as error:
        _report(app, docname, error, MemconWarning.front_matter)
        return False
    domain.add_conversation(to_conversation(front, docname))
    return True


def _read_declared_sources(app: Sphinx, docname: str, source: str) -> None:
    if not source.startswith("---"):
        return
    try:
        data, _ = parse_front_matter(source)
    except FrontMatterError as error:
        _report(app, docname, error, QuoteCheck.syntax)
        return
    declared = data.get("sources")
    if declared is None:
        return
    if not isinstance(declared, list):
        declared = [declared]
    ids = tuple(_as_id(value) for value in declared)
    app.env.metadata[docname]["memcon-sources"] = ids


def _report(
    app: Sphinx, docname: str, error: FrontMatterError, subtype: MemconWarning | QuoteCheck
) -> None:
    """Record each problem of a page's front matter, located at its key's line."""
    for problem in error.problems:
        get_domain(app.env).report(
            docname, problem.line, subtype, f"front matter: {problem.message}"
        )


def _as_id(value: Any) -> str:
    """A conversation id from YAML, which reads an unquoted ``2003-03-18`` as a date."""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def to_conversation(front: FrontMatter, docname: str) -> Conversation:
    """The domain's record of a validated front matter."""
    participants = tuple(
        Participant(side, person.name, person.role)
        for side in SIDES
        for person in getattr(front.participants, side)
    )
    source = tuple(
        (key, _as_id(value))
        for key, value in front.source.model_dump(exclude=set(PROVENANCE)).items()
        if value is not None
    )
    return Conversation(
        id=front.id,
        docname=docname,
        title=front.title,
        date=front.date.isoformat(),
        kind=front.kind,
        status=front.status,
        time=front.time,
        place=front.place,
        subject=front.subject,
        subject_marking=front.subject_marking,
        participants=participants,
        notetakers=tuple(front.notetakers),
        interpreters=tuple(front.interpreters),
        speakers=tuple(front.speakers.items()),
        topics=tuple(front.topics),
        source=source,
        repository=front.source.repository,
        control_number=front.source.control_number,
        classification=_classification(front),
    )


def _classification(front: FrontMatter) -> Classification:
    printed = front.source.classification
    if printed is None:
        return Classification(banner=None, classified_by=None, reason=None, declassify_on=None)
    return Classification(**printed.model_dump())
