"""The edition's domain: what every page contributed, and the cross-references between them.

Reading stores records per document (conversations, turns, quotations, person mentions,
input problems); :func:`memcon.quotations.verdicts.on_env_updated` derives the verdicts and
backlinks from them, from empty, on every build.  ``clear_doc`` and ``merge_domaindata``
keep the per-document records right under incremental and parallel builds.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Set
from typing import Any, ClassVar

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.builders import Builder
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment
from sphinx.util.nodes import make_refnode

from .records import Conversation, Diagnostic, Quotation, Turn, TurnRow, Verdict
from .warnings import Edition, QuoteCheck, type_of

#: Per-document stores: each maps a docname to what that document contributed.
PER_DOC = (
    "conversations",
    "turns",
    "fingerprints",
    "quotations",
    "diagnostics",
    "mentions",
    "listings",
    "links",
)


class EditionDomain(Domain):
    """State shared across the edition's pages."""

    name = "memcon"
    label = "Edition"
    initial_data: ClassVar[dict[str, Any]] = {  # type: ignore[misc]
        "conversations": {},  # docname -> Conversation
        "turns": {},  # docname -> the fields of each of its Turns, as plain tuples
        "fingerprints": {},  # docname -> digest of its turns, for reusing verdicts
        "quotations": {},  # docname -> tuple[Quotation, ...]
        "diagnostics": {},  # docname -> tuple[Diagnostic, ...]
        "mentions": {},  # docname -> tuple[(person name, anchor id), ...]
        "links": {},  # docname -> frozenset of the pages it links to
        "listings": {},  # docname -> tuple of the generated listings the page holds
        # Derived in env-updated, from empty, on every build:
        "verdicts": {},  # docname -> quotation key -> Verdict
        "read": frozenset(),  # the pages read by the current build
        "memo": {},  # decision key -> (fingerprints, verdict, problems), see verdicts.py
        "memo_state": None,  # the settings and metadata the memo's decisions were made under
        "prints": {},  # conversation id -> fingerprint of its words, as the memo last saw it
        "index": None,  # (the texts' ids and fingerprints, Corpus.encoded) of the last index
        "backlinks": {},  # conversation id -> turn id -> quotations that verify against it
        "quoting": {},  # conversation id -> page -> how many quotations it attributes to it
        "titles": {},  # page with quotations -> its title, as the margins last showed it
    }

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        # The conversations by id, sorted once and kept until a page's records change:
        # rendering and resolving ask for them once per quotation and per link.
        self._by_id: dict[str, Conversation] | None = None

    # -- per-document records ---------------------------------------------------------

    def clear_doc(self, docname: str) -> None:
        self._by_id = None
        for store in PER_DOC:
            self.data[store].pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        self._by_id = None
        for store in PER_DOC:
            for docname in docnames:
                if docname in otherdata[store]:
                    self.data[store][docname] = otherdata[store][docname]

    def add_conversation(self, conversation: Conversation) -> None:
        """Record the conversation a transcript page describes."""
        self._by_id = None
        self.data["conversations"][conversation.docname] = conversation

    def set_turns(self, docname: str, turns: Iterable[Turn]) -> None:
        """Record the speaker turns of a transcript page, and their digest.

        They are kept as plain tuples of their fields, which Python's garbage collector
        stops tracking and pickle reads in C: an edition holds tens of thousands of turns
        through every build.
        """
        # The turns on the same pages share one tuple of them: pickle then stores, and
        # loads, one object for them all.
        pages: dict[tuple[str, ...], tuple[str, ...]] = {}
        rows = tuple(
            (*row[:3], pages.setdefault(row[3], row[3]), *row[4:])
            for row in (turn.row() for turn in turns)
        )
        self.data["turns"][docname] = rows
        digest = hashlib.sha1(repr(rows).encode(), usedforsecurity=False)
        self.data["fingerprints"][docname] = digest.hexdigest()

    def fingerprint(self, conversation_id: str) -> str:
        """The digest of a conversation's turns: it changes when any of its words do."""
        conv = self.conversations.get(conversation_id)
        return self.data["fingerprints"].get(conv.docname, "") if conv else ""

    def set_quotations(self, docname: str, quotations: Iterable[Quotation]) -> None:
        """Record the quotations found on a page."""
        self.data["quotations"][docname] = tuple(quotations)

    def set_mentions(self, docname: str, mentions: Iterable[tuple[str, str]]) -> None:
        """Record the persons a page names, as (name, anchor id) pairs."""
        self.data["mentions"][docname] = tuple(mentions)

    def add_listing(self, docname: str, listing: str) -> None:
        """Record that a page holds a listing generated from other pages."""
        self.data["listings"][docname] = (*self.data["listings"].get(docname, ()), listing)

    def add_diagnostic(self, diagnostic: Diagnostic) -> None:
        """Record a problem in a page's input, to be reported on every build."""
        found = self.data["diagnostics"].get(diagnostic.docname, ())
        if diagnostic not in found:
            self.data["diagnostics"][diagnostic.docname] = (*found, diagnostic)

    def report(
        self, docname: str, line: int | None, subtype: QuoteCheck | Edition, message: str
    ) -> None:
        """Record a problem of ``subtype`` at ``line`` of ``docname``, to be reported on
        every build."""
        self.add_diagnostic(Diagnostic(docname, line, type_of(subtype), subtype.value, message))

    # -- lookups ----------------------------------------------------------------------

    @property
    def conversations(self) -> dict[str, Conversation]:
        """Every conversation, by id, in date order (shared: not to be changed)."""
        if self._by_id is None:
            convs = sorted(self.data["conversations"].values(), key=lambda c: c.id)
            self._by_id = {c.id: c for c in convs}
        return self._by_id

    def conversation_of(self, docname: str) -> Conversation | None:
        """The conversation a transcript page describes, if it is one."""
        return self.data["conversations"].get(docname)

    def turns_of(self, conversation_id: str) -> tuple[Turn, ...]:
        """The speaker turns of a conversation (empty when pending or unknown)."""
        return tuple(Turn(*row) for row in self.turn_rows(conversation_id))

    def turn_rows(self, conversation_id: str) -> tuple[TurnRow, ...]:
        """The speaker turns of a conversation as the domain keeps them, plain tuples of
        their fields (``Turn(*row)`` is the turn); empty when pending or unknown."""
        conv = self.conversations.get(conversation_id)
        rows: tuple[TurnRow, ...] = self.data["turns"].get(conv.docname, ()) if conv else ()
        return rows

    def quoted_turns(self, docname: str) -> dict[str, list[Quotation]]:
        """The passages that quote each turn of a transcribed page, by turn id (shared: not
        to be changed); empty for any other page."""
        conv = self.conversation_of(docname)
        if conv is None or conv.status != "transcribed":
            return {}
        sites: dict[str, list[Quotation]] = self.data["backlinks"].get(conv.id, {})
        return sites

    def all_quotations(self) -> Iterator[Quotation]:
        """Every quotation of the edition, in the report's stable order."""
        for docname in sorted(self.data["quotations"]):
            yield from sorted(self.data["quotations"][docname], key=lambda q: (q.line, q.order))

    def quotations_with_verdicts(self) -> Iterator[tuple[Quotation, Verdict]]:
        """Every quotation that has a verdict, with it, in the report's stable order."""
        verdicts = self.data["verdicts"]
        for quotation in self.all_quotations():
            verdict = verdicts.get(quotation.docname, {}).get(quotation.key)
            if verdict is not None:
                yield quotation, verdict

    def all_diagnostics(self) -> Iterator[Diagnostic]:
        """Every recorded input problem, by page and line."""
        for docname in sorted(self.data["diagnostics"]):
            yield from sorted(self.data["diagnostics"][docname], key=lambda d: d.line or 0)

    def verdict(self, docname: str, key: str) -> Verdict | None:
        """The verdict on one quotation, once verdicts are computed."""
        verdict: Verdict | None = self.data["verdicts"].get(docname, {}).get(key)
        return verdict

    # -- cross-references -------------------------------------------------------------

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> nodes.reference | None:
        """Resolve ``conversation`` (``<id>`` or ``<id>#<turn>``) and ``quotation``
        (``<docname>#<key>``) references."""
        found = self.target_of(typ, target)
        if found is None:
            return None
        docname, anchor = found
        return make_refnode(builder, fromdocname, docname, anchor, contnode, node.get("reftitle"))

    def target_of(self, typ: str, target: str) -> tuple[str, str] | None:
        """The page and anchor a ``conversation`` or ``quotation`` reference points to, or
        ``None`` when there is no such conversation or page of quotations."""
        if typ == "conversation":
            conv_id, _, turn = target.partition("#")
            conv = self.conversations.get(conv_id)
            return (conv.docname, turn) if conv else None
        if typ == "quotation":
            docname, _, key = target.partition("#")
            return (docname, key) if docname in self.data["quotations"] else None
        return None

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> list[tuple[str, nodes.reference]]:
        ref = self.resolve_xref(env, fromdocname, builder, "conversation", target, node, contnode)
        return [("memcon:conversation", ref)] if ref is not None else []

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        for conv in self.conversations.values():
            yield conv.id, conv.title, "conversation", conv.docname, "", 1


def get_domain(env: BuildEnvironment) -> EditionDomain:
    """The edition's domain in ``env``."""
    domain = env.get_domain(EditionDomain.name)
    assert isinstance(domain, EditionDomain)
    return domain
