"""Verdicts on every quotation, derived after every read phase (``env-updated``), and what
an incremental build can reuse of the last build's.

The warnings are emitted here, not while reading, so that they come back on every build,
an incremental one where nothing changed included. Deciding one quotation is
:mod:`memcon.quotations.checker`'s job; storing the verdicts and the margins derived from
them, the domain's.
"""

from __future__ import annotations

from dataclasses import replace

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import ExtensionError
from sphinx.util import logging

from ..domain import Decision, MemconDomain, Problems, get_domain
from ..records import Quotation, Status, Verdict
from ..transcripts.listings import to_rewrite
from ..warnings_ import MemconWarning, QuoteCheck, warn
from .checker import ELSEWHERE_LIMIT, Checker, decide_safely, message

logger = logging.getLogger("memcon")


#: The verdicts, by page and quotation key.
Verdicts = dict[str, dict[str, Verdict]]
#: The input problems found in deciding them, by page and key, where there are some.
Found = dict[str, dict[str, Problems]]
#: What the verdicts were decided under: the checker's state and each transcribed
#: conversation's fingerprint.
Under = tuple[tuple[object, ...], dict[str, str]]


def compute(app: Sphinx, env: BuildEnvironment) -> tuple[Verdicts, Found, Under]:
    """Decide every quotation and emit the warnings; return the verdicts and the input
    problems found, and what they were decided under.

    A decision is reused from the previous build while its quotation, the words of the
    conversations it was checked against and the edition's settings are unchanged, so an
    incremental build checks only what an edit could have changed.
    """
    domain = get_domain(env)
    checker = Checker(domain, app.config.memcon_threshold, _bibkeys(env))
    for diagnostic in domain.all_diagnostics():
        subtype: QuoteCheck | MemconWarning = (
            QuoteCheck(diagnostic.subtype)
            if diagnostic.type == "quotecheck"
            else MemconWarning(diagnostic.subtype)
        )
        warn(subtype, diagnostic.message, (diagnostic.docname, diagnostic.line))
    paths: dict[str, str] = {}

    def where(docname: str, line: int | None) -> str:
        """The location Sphinx would make of (docname, line), its path found once a page:
        an edition re-emits its warnings, a thousand or more, on every build."""
        if docname not in paths:
            paths[docname] = str(env.doc2path(docname))
        return f"{paths[docname]}:{line}" if line else paths[docname]

    # The transcripts whose words changed since the last build: a kept decision that checked
    # a quotation against one of them is made again, and where a kept verdict looked for the
    # quoted words in the other conversations, it looks again in these alone.
    prints = {cid: domain.fingerprint(cid) for cid in checker.transcribed}
    before = domain.kept_fingerprints()
    changed = {cid for cid in prints.keys() | before.keys() if prints.get(cid) != before.get(cid)}
    state = checker.state()
    kept = Kept(domain, checker, changed, domain.decided_under(state))
    verdicts: Verdicts = {}
    problems: Found = {}
    for quotation in domain.all_quotations():
        verdict, found = kept.decision(quotation)
        location = where(quotation.docname, quotation.line)
        for subtype, text in found:
            warn(subtype, text, location)
        verdicts.setdefault(quotation.docname, {})[quotation.key] = verdict
        if found:
            problems.setdefault(quotation.docname, {})[quotation.key] = found
        _report(app, quotation, verdict, checker, location, bool(found))
    return verdicts, problems, (state, prints)


class Kept:
    """The decisions of this build, each reused from the last build where it can be."""

    def __init__(
        self, domain: MemconDomain, checker: Checker, changed: set[str], reusable: bool
    ) -> None:
        self.domain, self.checker, self.changed, self.reusable = domain, checker, changed, reusable
        # The decisions on the quotations of the pages read again, by what they depend on:
        # a quotation that an edit leaves as it was, or moves, keeps its verdict.
        self.earlier: dict[tuple[object, ...], Decision] = {}
        if reusable:
            for quotation, decision in domain.decisions_before_read():
                self.earlier.setdefault(_decision_key(quotation), decision)
        # This build's new decisions, by the same: one quotation quoted twice is checked once.
        self.decided: dict[tuple[object, ...], Decision] = {}

    def decision(self, quotation: Quotation) -> Decision:
        """The verdict on ``quotation`` and the input problems found deciding it."""
        key: tuple[object, ...] | None = None
        decision: Decision | None = None
        if self.reusable:
            if quotation.docname not in self.domain.read:
                decision = self.domain.decision_on(quotation)
            else:
                key = _decision_key(quotation)
                decision = self.earlier.get(key)
        if decision is not None and self.changed:
            if self.changed.intersection(self.checker.sources_of(quotation)):
                decision = None
            elif _looks_elsewhere(decision[0]):
                decision = _look_again(self.checker, quotation, decision, self.changed)
        if decision is None:
            key = key or _decision_key(quotation)
            decision = self.decided.get(key)
            if decision is None:
                verdict, found = decide_safely(self.checker, quotation)
                decision = self.decided[key] = (verdict, tuple(found))
        return decision


def _looks_elsewhere(verdict: Verdict) -> bool:
    """Whether the checker looked for the verdict's quoted words in other conversations."""
    return Status(verdict.status).departs


def _look_again(
    checker: Checker, quotation: Quotation, decision: Decision, changed: set[str]
) -> Decision:
    """A kept decision whose quoted words are looked for again in the conversations that
    changed, as a new decision would find them; its sources are unchanged.

    The places sorted and cut to :data:`ELSEWHERE_LIMIT` are those a new decision finds
    first, because both the conversations and the index's layers run in id order; a
    conversation added, removed or turned pending changes the checker's state, and then no
    decision is kept at all.
    """
    verdict, problems = decision
    kept = tuple(place for place in verdict.elsewhere if place[0] not in changed)
    full = len(verdict.elsewhere) >= ELSEWHERE_LIMIT and len(kept) < len(verdict.elsewhere)
    if full or problems:
        # A place dropped from a full list leaves room for one never looked up, and a
        # problem's message names the places: decide again.
        found, again = decide_safely(checker, quotation)
        return found, tuple(again)
    sources = checker.sources_of(quotation)
    scope = [cid for cid in checker.transcribed if cid in changed and cid not in sources]
    places = tuple(sorted({*kept, *checker.elsewhere(quotation, scope)}))[:ELSEWHERE_LIMIT]
    if places == verdict.elsewhere:
        return decision
    return replace(verdict, elsewhere=places), problems


def _decision_key(quotation: Quotation) -> tuple[object, ...]:
    """What of a quotation its verdict depends on (not its page or line)."""
    return (
        quotation.text,
        quotation.kind,
        quotation.source,
        quotation.speaker,
        quotation.declared,
        quotation.reason,
    )


def _report(
    app: Sphinx,
    quotation: Quotation,
    verdict: Verdict,
    checker: Checker,
    location: str,
    reported: bool,
) -> None:
    if reported or verdict.status in ("verified", "exempt"):
        return
    if verdict.status == "sic":
        # Recorded by the editors: reported, and the build passes.
        logger.info(message(quotation, verdict) + " [quotecheck.sic]", location=location)
        return
    if verdict.status == "pending":
        mode = app.config.memcon_pending
        if mode == "warn":
            warn(QuoteCheck.pending, message(quotation, verdict), location)
        elif mode == "info":
            logger.info(message(quotation, verdict) + " [quotecheck.pending]", location=location)
        return
    warn(QuoteCheck(verdict.status), message(quotation, verdict), location)


def _bibkeys(env: BuildEnvironment) -> frozenset[str]:
    try:
        bibtex = env.get_domain("cite")
    except ExtensionError:  # sphinxcontrib-bibtex is not loaded: no key is known
        return frozenset()
    return frozenset(bibtex.bibdata.data.entries)  # type: ignore[attr-defined]


def on_env_before_read_docs(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Remember which pages this build reads, for :func:`on_env_updated`."""
    get_domain(env).note_read(docnames)


def on_env_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Digest the conversations read, recompute every verdict; return the pages to rewrite
    because their links, their margins or their generated listings changed."""
    domain = get_domain(env)
    domain.keep_states()
    verdicts, problems, under = compute(app, env)
    titles = {doc: env.titles[doc].astext() for doc in domain.quoting_pages() if doc in env.titles}
    changes = domain.record_verdicts(verdicts, problems, under, titles)
    pages = changes.pages | to_rewrite(domain, changes)
    return sorted(pages & env.found_docs)
