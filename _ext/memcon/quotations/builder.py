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
from .verdicts import FAILING

logger = logging.getLogger("memcon")
STATUSES = ("verified", "misquoted", "misattributed", "not_found", "pending", "exempt")


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
        logger.info(", ".join(f"{summary[s]} {s}" for s in STATUSES))
        if any(summary[status] for status in FAILING):
            self._app.statuscode = 1


def build_report(env: Any) -> dict[str, Any]:
    """The report: every quotation in stable order, and a count per status."""
    domain = get_domain(env)
    quotes = []
    for quotation in domain.all_quotations():
        verdict = domain.verdict(quotation.docname, quotation.key)
        if verdict is None:
            continue
        quotes.append(
            {
                "doc": quotation.docname,
                "line": quotation.line,
                "text": quotation.text,
                "source": verdict.source,
                "speaker": quotation.speaker,
                "status": verdict.status,
                "passage": verdict.passage if verdict.status != "not_found" else None,
                "score": round(verdict.score, 4),
                "suggestion": verdict.suggestion if verdict.status == "misquoted" else None,
                "kind": quotation.kind,
                "diff": list(verdict.diff),
            }
        )
    counts = Counter(q["status"] for q in quotes)
    return {"quotes": quotes, "summary": {status: counts.get(status, 0) for status in STATUSES}}
