"""Verdicts on every quotation, derived from empty after every read phase (``env-updated``).

The warnings are emitted here, not while reading, so that they come back on every build,
an incremental one where nothing changed included.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import ExtensionError
from sphinx.util import logging

from ..domain import EditionDomain, get_domain
from ..records import Conversation, Quotation, Verdict
from ..warnings import Edition, QuoteCheck, warn
from .match import Corpus, Finding, QuotationSyntaxError
from .textlayer import TextLayer, TurnText

logger = logging.getLogger("memcon")
FAILING = ("misquoted", "misattributed", "not_found")


class Checker:
    """Decides the verdict on each quotation against the edition's transcripts."""

    def __init__(self, domain: EditionDomain, threshold: float, bibkeys: frozenset[str]):
        self.conversations = domain.conversations
        self.threshold = threshold
        self.bibkeys = bibkeys
        self.transcribed = tuple(
            c.id for c in self.conversations.values() if c.status == "transcribed"
        )
        self.turns = {cid: {t.id: t for t in domain.turns_of(cid)} for cid in self.transcribed}
        self.corpus = Corpus(
            TextLayer(cid, [TurnText(t.id, t.speaker, t.text) for t in turns.values()])
            for cid, turns in self.turns.items()
        )

    def decide(self, quotation: Quotation) -> tuple[Verdict, list[tuple[QuoteCheck, str]]]:
        """The verdict on ``quotation``, and the input problems it shows."""
        if quotation.kind == "exempt":
            return self._exempt(quotation)
        sources = (
            (quotation.source,) if quotation.source else quotation.declared or self.transcribed
        )
        problems = self._unknown(quotation, sources)
        if problems:
            return Verdict(
                "not_found", sources[0] if sources else None, quotation.speaker, None, 0.0
            ), problems
        if quotation.kind == "paraphrase":
            return Verdict("exempt", sources[0], None, None, 0.0), []
        return self._check(quotation, sources), []

    def _exempt(self, quotation: Quotation) -> tuple[Verdict, list[tuple[QuoteCheck, str]]]:
        reason = quotation.reason or ""
        problems = []
        if reason.startswith("cite:") and reason[5:] not in self.bibkeys:
            problems.append(
                (
                    QuoteCheck.exemption,
                    f"exemption cites unknown bibliography key {reason[5:]!r}; "
                    "expected a key of the edition's .bib file",
                )
            )
        return Verdict("exempt", None, None, None, 0.0), problems

    def _unknown(
        self, quotation: Quotation, sources: Sequence[str]
    ) -> list[tuple[QuoteCheck, str]]:
        problems = []
        for source in sources:
            if source not in self.conversations:
                problems.append(
                    (
                        QuoteCheck.unknown_source,
                        f"unknown conversation {source!r}; expected the id of a page "
                        f"in transcripts/ ({_known(self.conversations)})",
                    )
                )
        if problems or not quotation.speaker:
            return problems
        for source in sources:
            conv = self.conversations[source]
            if quotation.speaker not in conv.speaker_ids:
                problems.append(
                    (
                        QuoteCheck.unknown_speaker,
                        f"unknown speaker {quotation.speaker!r} in {source}; expected "
                        f"one of {', '.join(sorted(conv.speaker_ids))}",
                    )
                )
        return problems

    def _check(self, quotation: Quotation, sources: Sequence[str]) -> Verdict:
        transcribed = [s for s in sources if s in self.turns]
        pending = [s for s in sources if s not in self.turns]
        finding: Finding | None = None
        if transcribed:
            finding = self.corpus.find(
                quotation.text, transcribed, quotation.speaker, self.threshold
            )
            if finding.status != "not_found" or not pending:
                return self._verdict(quotation, finding, transcribed[0])
        if pending:
            return Verdict("pending", pending[0], quotation.speaker, None, 0.0)
        return Verdict("not_found", None, quotation.speaker, None, 0.0)

    def _verdict(self, quotation: Quotation, finding: Finding, default: str) -> Verdict:
        passage = finding.passage
        if passage is None:
            return Verdict(finding.status, default, quotation.speaker, None, finding.score)
        turn = self.turns[passage.transcript][passage.turn]
        return Verdict(
            status=finding.status,
            source=passage.transcript,
            speaker=quotation.speaker,
            passage=passage.turn,
            score=finding.score,
            suggestion=finding.suggestion,
            diff=finding.diff,
            found_speaker=passage.speaker,
            pages=(turn.page_at(passage.start),),
        )


def _known(conversations: dict[str, Conversation]) -> str:
    ids = list(conversations)
    return "known: " + ", ".join(ids[:12]) + (", ..." if len(ids) > 12 else "")


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def message(quotation: Quotation, verdict: Verdict, checker: Checker) -> str:
    """The warning text for a verdict that is not ``verified``."""
    quoted = f"“{_short(quotation.text)}”"
    where = verdict.source or "the transcribed conversations"
    if verdict.status == "misquoted":
        return (
            f"misquoted: {quoted} does not occur in {where}; closest passage "
            f"(turn {verdict.passage}, p. {verdict.pages[0] if verdict.pages else '?'}, "
            f"similarity {verdict.score:.2f}): “{_short(verdict.suggestion or '', 160)}”; "
            f"differences: {', '.join(verdict.diff) or 'none'}"
        )
    if verdict.status == "misattributed":
        return (
            f"misattributed: {quoted} is spoken by {verdict.found_speaker} in {where} "
            f"(turn {verdict.passage}), not by {verdict.speaker}"
        )
    if verdict.status == "pending":
        return f"pending: {quoted} is attributed to {where}, whose text is not yet in the edition"
    return f"not found: {quoted} occurs nowhere in {where}, and nothing close does"


def compute(app: Sphinx, env: BuildEnvironment) -> dict[tuple[str, str], Verdict]:
    """Decide every quotation, emit the warnings, and return the verdicts."""
    domain = get_domain(env)
    checker = Checker(domain, app.config.quotecheck_threshold, _bibkeys(env))
    verdicts: dict[tuple[str, str], Verdict] = {}
    for diagnostic in domain.all_diagnostics():
        subtype: QuoteCheck | Edition = (
            QuoteCheck(diagnostic.subtype)
            if diagnostic.type == "quotecheck"
            else Edition(diagnostic.subtype)
        )
        warn(subtype, diagnostic.message, (diagnostic.docname, diagnostic.line))
    for quotation in domain.all_quotations():
        location = (quotation.docname, quotation.line)
        try:
            verdict, problems = checker.decide(quotation)
        except QuotationSyntaxError as error:
            verdict, problems = (
                Verdict("not_found", quotation.source, quotation.speaker, None, 0.0),
                [(QuoteCheck.syntax, str(error))],
            )
        for subtype, text in problems:
            warn(subtype, text, location)
        verdicts[(quotation.docname, quotation.key)] = verdict
        _report(app, quotation, verdict, checker, location, bool(problems))
    return verdicts


def _report(
    app: Sphinx,
    quotation: Quotation,
    verdict: Verdict,
    checker: Checker,
    location: tuple[str, int],
    reported: bool,
) -> None:
    if reported or verdict.status in ("verified", "exempt"):
        return
    if verdict.status == "pending":
        mode = app.config.quotecheck_pending
        if mode == "warn":
            warn(QuoteCheck.pending, message(quotation, verdict, checker), location)
        elif mode == "info":
            logger.info(
                message(quotation, verdict, checker) + " [quotecheck.pending]", location=location
            )
        return
    warn(QuoteCheck(verdict.status), message(quotation, verdict, checker), location)


def _bibkeys(env: BuildEnvironment) -> frozenset[str]:
    try:
        bibtex = env.get_domain("cite")
    except ExtensionError:  # sphinxcontrib-bibtex is not loaded: no key is known
        return frozenset()
    return frozenset(bibtex.bibdata.data.entries)  # type: ignore[attr-defined]


def changed_docs(
    old: dict[tuple[str, str], Verdict], new: dict[tuple[str, str], Verdict]
) -> Iterable[str]:
    """Pages whose quotations' verdicts changed, so their links must be rewritten."""
    for key in old.keys() | new.keys():
        if old.get(key) != new.get(key):
            yield key[0]


def on_env_before_read_docs(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Remember which pages this build reads, for :func:`on_env_updated`."""
    get_domain(env).data["read"] = frozenset(docnames)


def on_env_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Recompute every verdict; return the pages to rewrite because their links, their
    "quoted in" margins or their generated listings changed."""
    domain = get_domain(env)
    old = domain.data["verdicts"]
    new = compute(app, env)
    domain.data["verdicts"] = new
    changed = set(changed_docs(old, new))
    by_id = domain.conversations
    for key in old.keys() | new.keys():
        for verdicts in (old, new):
            verdict = verdicts.get(key)
            if key[0] in changed and verdict and verdict.source in by_id:
                changed.add(by_id[verdict.source].docname)
    if changed or domain.data.get("read"):
        changed.update(domain.data["listings"])
    return sorted(changed & env.found_docs)
