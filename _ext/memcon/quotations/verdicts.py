"""Verdicts on every quotation, derived from empty after every read phase (``env-updated``).

The warnings are emitted here, not while reading, so that they come back on every build,
an incremental one where nothing changed included.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import cached_property

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import ExtensionError
from sphinx.util import logging

from ..domain import EditionDomain, get_domain
from ..records import Conversation, Quotation, Status, Turn, Verdict
from ..warnings import Edition, QuoteCheck, warn
from .match import Corpus, Finding, QuotationSyntaxError
from .textlayer import TextLayer

logger = logging.getLogger("memcon")
#: How many other conversations a failing quotation's words are looked for in, at most.
ELSEWHERE_LIMIT = 5


class Checker:
    """Decides the verdict on each quotation against the edition's transcripts."""

    def __init__(self, domain: EditionDomain, threshold: float, bibkeys: frozenset[str]):
        self.domain = domain
        self.conversations = domain.conversations
        self.threshold = threshold
        self.bibkeys = bibkeys
        self.transcribed = tuple(
            c.id for c in self.conversations.values() if c.status == "transcribed"
        )
        self._transcribed = frozenset(self.transcribed)
        self._turns: dict[str, dict[str, Turn]] = {}

    def turn(self, conversation_id: str, turn_id: str) -> Turn:
        """One turn of a transcribed conversation (its conversation's turns are made
        into records once, when one of them is first asked for)."""
        if conversation_id not in self._turns:
            turns = self.domain.turns_of(conversation_id)
            self._turns[conversation_id] = {turn.id: turn for turn in turns}
        return self._turns[conversation_id][turn_id]

    @cached_property
    def corpus(self) -> Corpus:
        """The index of every transcribed text, built only when a quotation needs it (an
        incremental build reuses the decisions on quotations nothing changed for).

        It is made from the turns' rows as the domain keeps them, column by column, with
        no object for each of tens of thousands of turns (allocating them costs a full
        collection of the heap); its encoded words are kept in the environment with the
        fingerprints of the texts they encode, and a build that changed no transcript
        reuses them.
        """
        layers = []
        for cid in self.transcribed:
            rows = self.domain.turn_rows(cid)
            layers.append(
                TextLayer.from_columns(
                    cid,
                    [row[0] for row in rows],
                    [row[1] for row in rows],
                    [row[2] for row in rows],
                )
            )
        texts = tuple((cid, self.domain.fingerprint(cid)) for cid in self.transcribed)
        kept = self.domain.data.get("index")
        corpus = Corpus(layers, kept[1] if kept and kept[0] == texts else None)
        self.domain.data["index"] = (texts, corpus.encoded)
        return corpus

    def sources_of(self, quotation: Quotation) -> tuple[str, ...]:
        """The conversations a quotation is checked against."""
        if quotation.source:
            return (quotation.source,)
        return quotation.declared or self.transcribed

    def state(self) -> tuple[object, ...]:
        """What every verdict depends on besides its quotation and its sources' words."""
        return (
            self.threshold,
            tuple(sorted(self.bibkeys)),
            tuple((c.id, c.status, c.speakers) for c in self.conversations.values()),
        )

    def decide(self, quotation: Quotation) -> tuple[Verdict, list[tuple[QuoteCheck, str]]]:
        """The verdict on ``quotation``, and the input problems it shows."""
        if quotation.kind == "exempt":
            return self._exempt(quotation)
        sources = self.sources_of(quotation)
        problems = self._unknown(quotation, sources)
        if problems:
            return Verdict(
                "not_found", sources[0] if sources else None, quotation.speaker, None, 0.0
            ), problems
        if quotation.kind == "paraphrase":
            return Verdict("exempt", sources[0], None, None, 0.0), []
        verdict = self._check(quotation, sources)
        if Status(verdict.status).failing or verdict.status == "sic":
            others = [cid for cid in self.transcribed if cid not in sources]
            verdict = replace(verdict, elsewhere=self.elsewhere(quotation, others))
        if quotation.kind == "sic":
            return self._sic(quotation, verdict)
        return verdict, []

    def _sic(
        self, quotation: Quotation, verdict: Verdict
    ) -> tuple[Verdict, list[tuple[QuoteCheck, str]]]:
        """A ``{sic}`` records a misquotation or misattribution; any other finding is a
        problem of the page, which says what to write instead."""
        if verdict.status in ("misquoted", "misattributed"):
            return replace(verdict, status="sic", kind=verdict.status), []
        quoted = f"{{sic}}`{_short(quotation.text)}`"
        if verdict.status == "verified":
            where = f"{verdict.source}, turn {verdict.passage}"
            return verdict, [
                (
                    QuoteCheck.sic,
                    f"{quoted} occurs as written in {where}: nothing to record; "
                    "write {quote} instead of {sic}",
                )
            ]
        if verdict.status == "not_found":
            found = _elsewhere_text(verdict)
            return verdict, [
                (
                    QuoteCheck.sic,
                    f"{quoted}: {verdict.source or 'its source'} holds nothing close to it, "
                    "so there is no passage to show beside it; name the conversation it "
                    f"comes from in the target, or mark it {{exempt}}{found}",
                )
            ]
        return verdict, []

    def elsewhere(self, quotation: Quotation, others: Sequence[str]) -> tuple[tuple[str, str], ...]:
        """The conversations of ``others`` where the quotation's words occur, with the turn
        of their first occurrence in each: the first :data:`ELSEWHERE_LIMIT` in date order."""
        others = list(others)
        found: list[tuple[str, str]] = []
        while others and len(found) < ELSEWHERE_LIMIT:
            finding = self.corpus.find_exact(quotation.text, others)
            if finding is None:
                break
            found.append((finding.transcript, finding.turn))
            others.remove(finding.transcript)
        return tuple(sorted(found))

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
        transcribed = [s for s in sources if s in self._transcribed]
        pending = [s for s in sources if s not in self._transcribed]
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
        turn = self.turn(passage.transcript, passage.turn)
        return Verdict(
            status=finding.status,
            source=passage.transcript,
            speaker=quotation.speaker,
            passage=passage.turn,
            score=finding.score,
            suggestion=finding.suggestion,
            diff=finding.diff,
            found_speaker=passage.speaker,
            # The passage's offset only where the turn runs over pages: finding it means
            # finding every word of the turn.
            pages=(turn.page_at(passage.start) if turn.breaks else turn.pages[0],),
        )


def _known(conversations: dict[str, Conversation]) -> str:
    ids = list(conversations)
    return "known: " + ", ".join(ids[:12]) + (", ..." if len(ids) > 12 else "")


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _elsewhere_text(verdict: Verdict) -> str:
    """The warning's note of where else the quoted words occur; empty when nowhere."""
    if not verdict.elsewhere:
        return ""
    places = "; ".join(f"{source}, turn {turn}" for source, turn in verdict.elsewhere)
    return f"; the quoted words occur in {places}"


def message(quotation: Quotation, verdict: Verdict, checker: Checker) -> str:
    """The warning text for a verdict that is not ``verified``."""
    quoted = f"“{_short(quotation.text)}”"
    where = verdict.source or "the transcribed conversations"
    status = verdict.kind if verdict.status == "sic" else verdict.status
    prefix = "sic, " if verdict.status == "sic" else ""
    if status == "misquoted":
        text = (
            f"{prefix}misquoted: {quoted} does not occur in {where}; closest passage "
            f"(turn {verdict.passage}, p. {verdict.pages[0] if verdict.pages else '?'}, "
            f"similarity {verdict.score:.2f}): “{_short(verdict.suggestion or '', 160)}”; "
            f"differences: {', '.join(verdict.diff) or 'none'}"
        )
    elif status == "misattributed":
        text = (
            f"{prefix}misattributed: {quoted} is spoken by {verdict.found_speaker} in {where} "
            f"(turn {verdict.passage}), not by {verdict.speaker}"
        )
    elif status == "pending":
        return f"pending: {quoted} is attributed to {where}, whose text is not yet in the edition"
    else:
        text = f"not found: {quoted} occurs nowhere in {where}, and nothing close does"
    return text + _elsewhere_text(verdict)


def compute(app: Sphinx, env: BuildEnvironment) -> dict[str, dict[str, Verdict]]:
    """Decide every quotation, emit the warnings, and return the verdicts, by page and key.

    A decision is reused from the previous build while its quotation, the words of the
    conversations it was checked against and the edition's settings are unchanged, so an
    incremental build checks only what an edit could have changed.
    """
    domain = get_domain(env)
    checker = Checker(domain, app.config.quotecheck_threshold, _bibkeys(env))
    for diagnostic in domain.all_diagnostics():
        subtype: QuoteCheck | Edition = (
            QuoteCheck(diagnostic.subtype)
            if diagnostic.type == "quotecheck"
            else Edition(diagnostic.subtype)
        )
        warn(subtype, diagnostic.message, (diagnostic.docname, diagnostic.line))
    paths: dict[str, str] = {}

    def where(docname: str, line: int | None) -> str:
        """The location Sphinx would make of (docname, line), its path found once a page:
        an edition re-emits its warnings, a thousand or more, on every build."""
        if docname not in paths:
            paths[docname] = str(env.doc2path(docname))
        return f"{paths[docname]}:{line}" if line else paths[docname]

    # A decision is reused under the same settings and conversations' metadata only.
    state = checker.state()
    reuse = domain.data.get("memo_state") == state
    old_memo: dict[tuple[object, ...], Decision] = domain.data.get("memo", {}) if reuse else {}
    memo: dict[tuple[object, ...], Decision] = {}
    # One tuple of fingerprints per set of sources, shared by the decisions that depend on
    # it: the memo is kept in the environment, and each object there is one more to load.
    fingerprints: dict[tuple[str, ...], tuple[str, ...]] = {}
    # The transcripts whose words changed since the last build: where a kept verdict looked
    # for the quoted words in the other conversations, it looks again in these alone.
    prints = {cid: domain.fingerprint(cid) for cid in checker.transcribed}
    before: dict[str, str] = domain.data.get("prints", {})
    changed = {cid for cid in prints.keys() | before.keys() if prints.get(cid) != before.get(cid)}
    verdicts: dict[str, dict[str, Verdict]] = {}
    for quotation in domain.all_quotations():
        key = _decision_key(quotation)
        sources = checker.sources_of(quotation)
        if sources not in fingerprints:
            fingerprints[sources] = tuple(domain.fingerprint(s) for s in sources)
        depends = fingerprints[sources]
        decision = memo.get(key)
        if decision is None:
            decision = old_memo.get(key)
            if decision is None or decision[0] != depends:
                verdict, problems = _decide(checker, quotation)
                decision = (depends, verdict, tuple(problems))
            elif changed and _looks_elsewhere(decision[1]):
                decision = _look_again(checker, quotation, decision, changed)
        memo[key] = decision
        _, verdict, found = decision
        location = where(quotation.docname, quotation.line)
        for subtype, text in found:
            warn(subtype, text, location)
        verdicts.setdefault(quotation.docname, {})[quotation.key] = verdict
        _report(app, quotation, verdict, checker, location, bool(found))
    domain.data["memo"], domain.data["memo_state"] = memo, state
    domain.data["prints"] = prints
    return verdicts


#: (the fingerprints of the conversations it was checked against, the verdict, the input
#: problems found)
Decision = tuple[tuple[str, ...], Verdict, tuple[tuple[QuoteCheck, str], ...]]


def _looks_elsewhere(verdict: Verdict) -> bool:
    """Whether the checker looked for the verdict's quoted words in other conversations."""
    return verdict.status == "sic" or Status(verdict.status).failing


def _look_again(
    checker: Checker, quotation: Quotation, decision: Decision, changed: set[str]
) -> Decision:
    """A kept decision whose quoted words are looked for again in the conversations that
    changed, as a new decision would find them; its sources are unchanged."""
    depends, verdict, problems = decision
    kept = tuple(place for place in verdict.elsewhere if place[0] not in changed)
    full = len(verdict.elsewhere) >= ELSEWHERE_LIMIT and len(kept) < len(verdict.elsewhere)
    if full or problems:
        # A place dropped from a full list leaves room for one never looked up, and a
        # problem's message names the places: decide again.
        found, again = _decide(checker, quotation)
        return depends, found, tuple(again)
    sources = checker.sources_of(quotation)
    scope = [cid for cid in checker.transcribed if cid in changed and cid not in sources]
    places = tuple(sorted({*kept, *checker.elsewhere(quotation, scope)}))[:ELSEWHERE_LIMIT]
    if places == verdict.elsewhere:
        return decision
    return depends, replace(verdict, elsewhere=places), problems


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


def _decide(checker: Checker, quotation: Quotation) -> tuple[Verdict, list[tuple[QuoteCheck, str]]]:
    try:
        return checker.decide(quotation)
    except QuotationSyntaxError as error:
        verdict = Verdict("not_found", quotation.source, quotation.speaker, None, 0.0)
        return verdict, [(QuoteCheck.syntax, str(error))]


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
        logger.info(message(quotation, verdict, checker) + " [quotecheck.sic]", location=location)
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


def on_env_before_read_docs(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Remember which pages this build reads, for :func:`on_env_updated`."""
    get_domain(env).data["read"] = frozenset(docnames)


def on_env_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Recompute every verdict; return the pages to rewrite because their links, their
    "quoted in" margins or their generated listings changed."""
    domain = get_domain(env)
    old = domain.data["verdicts"]
    old_sites: Sites = (domain.data["backlinks"], domain.data["quoting"])
    old_titles: dict[str, str] = domain.data.get("titles", {})
    new = compute(app, env)
    domain.data["verdicts"] = new
    sites = domain.data["backlinks"], domain.data["quoting"] = backlinks(domain)
    titles = {
        doc: env.titles[doc].astext() for doc in domain.data["quotations"] if doc in env.titles
    }
    domain.data["titles"] = titles
    by_id = domain.conversations
    changed = {doc for doc in old.keys() | new.keys() if old.get(doc) != new.get(doc)}
    verdicts_changed = bool(changed)
    retitled = {doc for doc in titles if titles[doc] != old_titles.get(doc)}
    for conv_id in {*old_sites[0], *old_sites[1], *sites[0], *sites[1]}:
        stale = not _same_margins(old_sites, sites, conv_id) or (
            retitled & sites[1].get(conv_id, {}).keys()
        )
        if stale and conv_id in by_id:
            changed.add(by_id[conv_id].docname)
    read = domain.data.get("read", frozenset())
    changed.update(_listings_to_rewrite(domain, read, verdicts_changed, bool(retitled)))
    return sorted(changed & env.found_docs)


#: For each conversation, the quotations verified against each of its turns, and how many
#: quotations each page attributes to it (see :func:`backlinks`).
Sites = tuple[dict[str, dict[str, list[Quotation]]], dict[str, dict[str, int]]]


def _same_margins(old: Sites, new: Sites, conv_id: str) -> bool:
    """Whether a transcript's "quoted in" margins and "discussed in" counts stay as shown.

    The records are compared first, and are equal after most edits. Where they differ,
    only what the margins show counts, so that a quotation moved to another line of its
    page does not rewrite its source.
    """
    if (old[1].get(conv_id) or {}) != (new[1].get(conv_id) or {}):
        return False
    before, after = old[0].get(conv_id, {}), new[0].get(conv_id, {})
    return before == after or _shown(before) == _shown(after)


def _shown(verified: dict[str, list[Quotation]]) -> list[tuple[str, str, str, str, str]]:
    """What the margins of a transcript show of the quotations verified against its turns."""
    return [
        (q.docname, turn, q.key, q.text, q.kind)
        for turn in sorted(verified)
        for q in verified[turn]
    ]


def _listings_to_rewrite(
    domain: EditionDomain, read: frozenset[str], verdicts: bool, retitled: bool
) -> set[str]:
    """The pages whose generated listings depend on what changed."""
    transcripts = any(domain.conversation_of(doc) for doc in read)
    mentions = any(domain.data["mentions"].get(doc) for doc in read)
    stale = {
        "catalogue": transcripts,
        "persons": transcripts or mentions,
        "verification": verdicts or retitled,
        "verification-summary": verdicts,
    }
    return {
        doc
        for doc, listings in domain.data["listings"].items()
        if any(stale.get(listing, True) for listing in listings)
    }


def backlinks(domain: EditionDomain) -> Sites:
    """For each conversation and turn, the quotations verified against it and the recorded
    misquotations (``sic``) of it, in page order;
    and for each conversation, how many quotations each page attributes to it."""
    verified: dict[str, dict[str, list[Quotation]]] = {}
    quoting: dict[str, dict[str, int]] = {}
    for quotation, verdict in domain.quotations_with_verdicts():
        if not verdict.source:
            continue
        pages = quoting.setdefault(verdict.source, {})
        pages[quotation.docname] = pages.get(quotation.docname, 0) + 1
        # A recorded misquotation is listed too: the margin shows it as misquoted.
        if verdict.status == "sic" or (verdict.status == "verified" and quotation.kind != "sic"):
            turns = verified.setdefault(verdict.source, {})
            turns.setdefault(verdict.passage or "", []).append(quotation)
    return verified, quoting
