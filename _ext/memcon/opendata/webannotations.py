"""Every quotation of a transcribed conversation as a W3C Web Annotation, from the domain's
records alone.

Pure: it imports neither Sphinx nor docutils. Each annotation points at the passage the
checker found (the verdict's turn and span); the selectors are made from that turn's
spoken text.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..records import Quotation, Turn, Verdict
from .jsontext import Pieces, array, encoded, obj

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
LABEL = "Quotations of the conversations in the analysis, with their verdicts"
#: How much context a TextQuoteSelector gives where its exact words occur more than once.
CONTEXT_CHARS = 32


def motivation(status: str) -> str:
    """``questioning`` for a recorded or failing misquotation, else ``quoting``."""
    return (
        "questioning" if status in ("sic", "misquoted", "misattributed", "not_found") else "quoting"
    )


@dataclass(frozen=True)
class Surroundings:
    """What a turn's page shows in and beside its spoken words, from the records: where
    the words are interrupted (a note, a page break), and the other texts the turn shows
    (its label, its notes, the quotations listed in its margin)."""

    marks: tuple[int, ...] = ()  #: offsets in the turn's text of its notes and page breaks
    texts: tuple[str, ...] = ()  #: the turn's other texts


def text_quote(text: str, start: int, end: int, around: Surroundings) -> dict[str, str]:
    """A TextQuoteSelector of ``text[start:end]``, with prefix and suffix when the exact
    words alone occur more than once in the turn, as spoken or in its other texts. The
    context stops at a note or page break, whose own text the page shows there."""
    exact = text[start:end]
    selector = {"type": "TextQuoteSelector", "exact": exact}
    folded = exact.casefold()
    if text.count(exact) > 1 or any(folded in other.casefold() for other in around.texts):
        before = max([start - CONTEXT_CHARS, *(m for m in around.marks if m <= start)])
        after = min([end + CONTEXT_CHARS, *(m for m in around.marks if m >= end)])
        selector["prefix"] = text[max(0, before) : start]
        selector["suffix"] = text[end:after]
    return selector


def annotation(
    quotation: Quotation,
    verdict: Verdict,
    turn: Turn,
    where: tuple[int, int],
    around: Surroundings,
    urls: Mapping[str, str],
) -> dict[str, Any]:
    """One annotation: the quoting page as its body, the quoted turn's span as its target.
    ``urls`` gives the ``quoting`` page's and the ``source`` transcript page's addresses."""
    start, end = where
    return {
        "id": f"{urls['quoting']}#{quotation.key}",
        "type": "Annotation",
        "motivation": motivation(verdict.status),
        "body": {
            "type": "SpecificResource",
            "source": f"{urls['quoting']}#{quotation.key}",
            "purpose": "describing" if verdict.status == "verified" else "questioning",
            "value": quotation.text,
            "line": quotation.line,
            "status": verdict.status,
            "attribution": quotation.attribution,
        },
        "target": {
            "source": urls["source"],
            "selector": [
                {
                    "type": "FragmentSelector",
                    "conformsTo": "http://tools.ietf.org/rfc/rfc3986",
                    "value": turn.id,
                    "refinedBy": text_quote(turn.text, start, end, around),
                },
                # Counted in the turn's spoken text, not the page's: refined from the turn.
                {
                    "type": "FragmentSelector",
                    "conformsTo": "http://tools.ietf.org/rfc/rfc3986",
                    "value": turn.id,
                    "refinedBy": {"type": "TextPositionSelector", "start": start, "end": end},
                },
            ],
        },
    }


def collection(collection_id: str, annotations: Sequence[bytes]) -> Iterator[bytes]:
    """The AnnotationCollection of ``annotations`` (each already JSON, :func:`annotation`
    encoded), with one page holding them all, as JSON in pieces."""
    page: list[tuple[str, Pieces]] = [
        ("type", encoded("AnnotationPage")),
        ("id", encoded(f"{collection_id}#page-1")),
        ("items", array(annotations)),
    ]
    return obj(
        [
            ("@context", encoded(CONTEXT)),
            ("id", encoded(collection_id)),
            ("type", encoded("AnnotationCollection")),
            ("label", encoded(LABEL)),
            ("total", encoded(len(annotations))),
            ("first", obj(page)),
        ]
    )
