"""The warnings the edition emits: one documented subtype per case.

Every warning has a type (``quotecheck`` for quotations, as the contract fixes it, and
``memcon`` for the transcripts and the rest of the apparatus) and a subtype, so that
``suppress_warnings`` silences one kind, e.g. ``suppress_warnings = ["quotecheck.pending"]``.
The module's name has a final underscore so as not to shadow the standard ``warnings``.
"""

from __future__ import annotations

from enum import StrEnum

from sphinx.util import logging

logger = logging.getLogger("memcon")


class QuoteCheck(StrEnum):
    """Subtypes of the ``quotecheck`` warning type."""

    #: The quotation does not occur in its source, but a close passage does.
    misquoted = "misquoted"
    #: The quotation occurs in its source, but not in the named speaker's words.
    misattributed = "misattributed"
    #: Neither the quotation nor anything close occurs in its source.
    not_found = "not_found"
    #: The source is a conversation whose text is not yet in the edition
    #: (a warning only with ``memcon_pending = "warn"``).
    pending = "pending"
    #: The quotation is malformed: empty, unbalanced quotation marks, nothing left
    #: to match once insertions are removed.
    syntax = "syntax"
    #: A role target or a ``sources`` declaration names an unknown conversation.
    unknown_source = "unknown_source"
    #: A role target names a speaker the conversation does not have.
    unknown_speaker = "unknown_speaker"
    #: An exemption without a reason, or citing an unknown bibliography key.
    exemption = "exemption"
    #: A ``{sic}`` with nothing to record: its words occur as written in its source, or
    #: nothing close to them does.  (A recorded misquotation itself is reported, with
    #: status ``sic``, as information, not as a warning.)
    sic = "sic"


class MemconWarning(StrEnum):
    """Subtypes of the ``memcon`` warning type."""

    #: A transcript's front matter is missing or does not fit the schema.
    front_matter = "front_matter"
    #: A speaker turn is malformed: unknown speaker, duplicate or missing id.
    turn = "turn"
    #: A page break is malformed.
    page_break = "page_break"
    #: A person mention names nobody in the persons register.
    person = "person"
    #: The persons register file is missing or malformed.
    register = "register"
    #: Raw HTML or script in contributed content.
    unsafe = "unsafe"
    #: A transcript holds what its open data (TEI, JSON, annotations) cannot express: a page
    #: break outside a turn, a speaker whom no participant or register entry names.
    open_data = "open_data"


def warn(
    subtype: QuoteCheck | MemconWarning, message: str, location: tuple[str, int | None] | str | None
) -> None:
    """Emit one warning of ``subtype`` at ``location`` (a docname and line)."""
    logger.warning(message, type=type_of(subtype), subtype=subtype.value, location=location)


def type_of(subtype: QuoteCheck | MemconWarning) -> str:
    """The warning type a subtype belongs to."""
    return "quotecheck" if isinstance(subtype, QuoteCheck) else "memcon"
