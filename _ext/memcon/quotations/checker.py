"""Deciding one quotation's verdict against the edition's transcripts.

The checker reads the conversations and their turns from the domain and matches with the
pure core (:mod:`memcon.quotations.match`); it keeps nothing between builds itself (the
index's encoded words are kept by the domain). Which decisions a build can reuse is
:mod:`memcon.quotations.verdicts`' concern.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import cached_property

from ..domain import MemconDomain
from ..records import Conversation, Quotation, Status, Turn, Verdict
from ..warnings_ import QuoteCheck
from ..wording import excerpt
from .match import Corpus, Finding, QuotationSyntaxError
from .textlayer import TextLayer

#: How many other conversations a failing quotation's words are looked for in, at most.
ELSEWHERE_LIMIT = 5


class Checker:
    """Decides the verdict on each quotation against the edition's transcripts."""

    def __init__(self, domain: MemconDomain, threshold: float, bibkeys: frozenset[str]):
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

        It is made from the turns as the domain keeps them, column by column, with
        no object for each of tens of thousands of turns (allocating them costs a full
        collection of the heap); its encoded words are kept in the environment with the
        fingerprints of the texts they encode, and a build that changed no transcript
        reuses them.
        """
        layers = []
        for cid in self.transcribed:
            ids, speakers, spoken, *_ = self.domain.turn_columns(cid)
            layers.append(TextLayer.from_columns(cid, ids, speakers, spoken))
        texts = tuple((cid, self.domain.fingerprint(cid)) for cid in self.transcribed)
        corpus = Corpus(layers, self.domain.kept_index(texts))
        self.domain.keep_index(texts, corpus.encoded)
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
        if Status(verdict.status).departs:
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
        quoted = f"{{sic}}`{excerpt(quotation.text)}`"
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
        # A plain string, not the enum: the verdicts are kept in the environment, and a
        # string is loaded again at no cost.
        status = str(finding.status)
        if passage is None:
            return Verdict(status, default, quotation.speaker, None, finding.score)
        turn = self.turn(passage.transcript, passage.turn)
        suggestion = finding.suggestion
        if quotation.kind == "sic" and finding.status == "misattributed":
            # A recorded misattribution shows its passage too.
            suggestion = passage.text
        return Verdict(
            status=status,
            source=passage.transcript,
            speaker=quotation.speaker,
            passage=passage.turn,
            score=finding.score,
            suggestion=suggestion,
            diff=finding.diff,
            found_speaker=passage.speaker,
            pages=(turn.page_at(passage.start) if turn.breaks else turn.pages[0],),
            span=(passage.start, passage.end),
        )


def _known(conversations: dict[str, Conversation]) -> str:
    ids = list(conversations)
    return "known: " + ", ".join(ids[:12]) + (", ..." if len(ids) > 12 else "")


def _elsewhere_text(verdict: Verdict) -> str:
    """The warning's note of where else the quoted words occur; empty when nowhere."""
    if not verdict.elsewhere:
        return ""
    places = "; ".join(f"{source}, turn {turn}" for source, turn in verdict.elsewhere)
    return f"; the quoted words occur in {places}"


def message(quotation: Quotation, verdict: Verdict) -> str:
    """The warning text for a verdict that is not ``verified``."""
    quoted = f"“{excerpt(quotation.text)}”"
    where = verdict.source or "the transcribed conversations"
    status = verdict.kind if verdict.status == "sic" else verdict.status
    prefix = "sic, " if verdict.status == "sic" else ""
    if status == "misquoted":
        text = (
            f"{prefix}misquoted: {quoted} does not occur in {where}; closest passage "
            f"(turn {verdict.passage}, p. {verdict.pages[0] if verdict.pages else '?'}, "
            f"similarity {verdict.score:.2f}): “{excerpt(verdict.suggestion or '', 160)}”; "
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


def decide_safely(
    checker: Checker, quotation: Quotation
) -> tuple[Verdict, list[tuple[QuoteCheck, str]]]:
    """The verdict on ``quotation`` and its input problems, a quotation with nothing to
    match being one."""
    try:
        return checker.decide(quotation)
    except QuotationSyntaxError as error:
        verdict = Verdict("not_found", quotation.source, quotation.speaker, None, 0.0)
        return verdict, [(QuoteCheck.syntax, str(error))]
