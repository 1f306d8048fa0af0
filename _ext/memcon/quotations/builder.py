"""The ``quotecheck`` builder: the contract's JSON report of every quotation's verdict."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator, Set
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.builders import Builder
from sphinx.util import logging

from ..domain import get_domain
from ..records import Quotation, Status, Verdict

logger = logging.getLogger("memcon")


class QuoteCheckBuilder(Builder):
    """Writes ``quotecheck.json`` and exits non-zero when a quotation fails."""

    name = "quotecheck"
    epilog = "The quotation report is in %(outdir)s/quotecheck.json."

    def get_outdated_docs(self) -> Iterator[str]:
        yield from ()  # the report is written from the environment alone, in finish()

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        return docname

    def prepare_writing(self, docnames: Set[str]) -> None:
        pass

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        pass

    def finish(self) -> None:
        report = build_report(self.env)
        path = Path(self.outdir) / "quotecheck.json"
        path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", "utf-8")
        summary = report["summary"]
        logger.info(", ".join(f"{summary[s]} {s}" for s in Status))
        logger.info(f"{summary['conjectural']} attributed by the editors' conjecture")
        if any(summary[status] for status in Status if status.failing):
            self._app.statuscode = 1


def build_report(env: Any) -> dict[str, Any]:
    """The report: every quotation in stable order, a count per status, and how many
    quotations rest on the editors' conjecture."""
    domain = get_domain(env)
    quotes = [
        _entry(quotation, verdict) for quotation, verdict in domain.quotations_with_verdicts()
    ]
    counts = Counter(q["status"] for q in quotes)
    summary = {status.value: counts.get(status, 0) for status in Status}
    summary["conjectural"] = sum(q["attribution"] == "conjectural" for q in quotes)
    return {"quotes": quotes, "summary": summary}


def _entry(quotation: Quotation, verdict: Verdict) -> dict[str, Any]:
    """One quotation's entry in the report, as the contract sets it out."""
    shows_passage = verdict.status in ("misquoted", "sic")
    return {
        "doc": quotation.docname,
        "line": quotation.line,
        "text": quotation.text,
        "source": verdict.source,
        "speaker": quotation.speaker,
        "status": verdict.status,
        "passage": verdict.passage if verdict.status != "not_found" else None,
        "score": round(verdict.score, 4),
        "suggestion": verdict.suggestion if shows_passage else None,
        "attribution": quotation.attribution,
        "kind": verdict.kind if verdict.status == "sic" else None,
        "elsewhere": [{"source": source, "passage": turn} for source, turn in verdict.elsewhere],
        "role": quotation.kind,
        "diff": list(verdict.diff),
    }
