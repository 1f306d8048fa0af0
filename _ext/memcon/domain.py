"""The edition's domain, the one owner of its state: what every page contributed, what is
derived from it on every build, and the cross-references between pages.

Reading stores records per document (conversations, turns, quotations, person mentions,
links, input problems); ``clear_doc`` and ``merge_domaindata`` keep them right under
incremental and parallel builds.  In ``env-updated``, :mod:`memcon.quotations.verdicts`
decides the verdicts and hands them to :meth:`MemconDomain.record_verdicts`, which derives
the backlinks and says which pages to write again.  Other modules read and write the state
through the methods here only, never by its keys.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Iterable, Iterator, Set
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.builders import Builder
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment
from sphinx.util.nodes import make_refnode

from .records import (
    EMPTY_REGISTER,
    Apparatus,
    Conversation,
    Diagnostic,
    Quotation,
    Register,
    Turn,
    TurnColumns,
    Verdict,
)
from .warnings_ import MemconWarning, QuoteCheck, type_of

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
    "apparatus",
    "states",
)


#: For each conversation, the quotations shown in each of its turns' margins, by turn id.
Margins = dict[str, dict[str, list[Quotation]]]
#: For each conversation, how many quotations each page attributes to it.
Quoting = dict[str, dict[str, int]]
#: The input problems found in deciding a verdict, each with its message.
Problems = tuple[tuple[QuoteCheck, str], ...]
#: A decision on a quotation: its verdict and the input problems found.
Decision = tuple[Verdict, Problems]


@dataclass(frozen=True)
class Changes:
    """What new verdicts changed, for deciding which pages to write again."""

    pages: frozenset[str]  #: pages whose quotations, margins or "discussed in" changed
    verdicts: bool  #: whether any verdict changed
    retitled: bool  #: whether a page with quotations changed its title
    conversations: bool  #: whether a conversation's id, title or status changed


class MemconDomain(Domain):
    """State shared across the edition's pages."""

    name = "memcon"
    label = "Edition"
    initial_data: ClassVar[dict[str, Any]] = {  # type: ignore[misc]
        "conversations": {},  # docname -> Conversation
        "turns": {},  # docname -> the fields of each of its Turns, plain tuples, pickled
        "fingerprints": {},  # docname -> digest of its turns, for reusing verdicts
        "quotations": {},  # docname -> tuple[Quotation, ...]
        "diagnostics": {},  # docname -> tuple[Diagnostic, ...]
        "mentions": {},  # docname -> tuple[(person name, anchor id), ...]
        "links": {},  # docname -> frozenset of the pages it links to
        "listings": {},  # docname -> tuple of the generated listings the page holds
        "apparatus": {},  # docname -> its transcript's Apparatus (markings, notes, cover), pickled
        "states": {},  # docname -> digest of its conversation's records, see state_of
        # Derived in env-updated, from empty, on every build:
        "verdicts": {},  # docname -> quotation key -> Verdict
        "problems": {},  # docname -> quotation key -> its Problems, where there are some
        "page_states": {},  # page with quotations -> digest of them and their verdicts
        "read": frozenset(),  # the pages read by the current build
        "decided_under": None,  # the settings and metadata the verdicts were decided under
        "prints": {},  # conversation id -> fingerprint of its words, as the verdicts saw it
        "index": None,  # (the texts' ids and fingerprints, Corpus.encoded) of the last index
        "shown": {},  # conversation id -> digest of what its margins show, see record_verdicts
        "quoting": {},  # conversation id -> page -> how many quotations it attributes to it
        "titles": {},  # page with quotations -> its title, as the margins last showed it
        "catalogue": (),  # (id, title, status) of each conversation, as listings last showed it
    }

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        # Kept for this build only (a domain is made anew for every build, and these are
        # not saved with the environment):
        # each transcript's apparatus, by page, read once from what the domain keeps;
        self._apparatus: dict[str, Apparatus] = {}
        # the conversations by id, sorted once and kept until a page's records change
        # (rendering and resolving ask for them once per quotation and per link);
        self._by_id: dict[str, Conversation] | None = None
        # each page's quotations with their verdicts, in page order, made once a build
        # (the margins, the listings and the open data go through all of them);
        self._pairs: dict[str, list[tuple[Quotation, Verdict]]] = {}
        # the quotations in each transcript's margins, derived from the verdicts
        # (record_verdicts);
        self._margins: Margins = {}
        # the persons register and the file it was read from, read when the builder is set up;
        self.persons: Register = EMPTY_REGISTER
        self.persons_file: Path | None = None
        # the relative address of one page from another (a page links to a few pages
        # hundreds of times).
        self._uris: dict[tuple[str, str, str], str] = {}
        # the decisions on the quotations of the pages this build reads, as they were before
        # (see note_read).
        self._before_read: list[tuple[Quotation, Decision]] = []

    # -- per-document records ---------------------------------------------------------

    def clear_doc(self, docname: str) -> None:
        self._by_id, self._pairs = None, {}
        self._apparatus.pop(docname, None)
        for store in PER_DOC:
            self.data[store].pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        self._by_id, self._pairs = None, {}
        for docname in docnames:
            self._apparatus.pop(docname, None)
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

        They are kept column by column (each turn's id, then each one's speaker, and so on),
        pickled into one bytes object per page: the environment is saved and loaded on every
        build, and an edition holds tens of thousands of turns, which most incremental
        builds never look at. Saved as bytes, they cost a copy; read again, a page's turns
        are six tuples, not one for each turn (:meth:`turn_columns`).
        """
        # The turns on the same pages share one tuple of them: pickle then stores, and
        # loads, one object for them all.
        pages: dict[tuple[str, ...], tuple[str, ...]] = {}
        rows = tuple(
            (*row[:3], pages.setdefault(row[3], row[3]), *row[4:])
            for row in (turn.row() for turn in turns)
        )
        columns = tuple(zip(*rows, strict=True)) if rows else ((), (), (), (), (), ())
        self.data["turns"][docname] = pickle.dumps(columns, pickle.HIGHEST_PROTOCOL)
        # The digest of the rows' text, not of their pickle: the same rows can pickle to
        # other bytes, as the sharing of equal strings varies.
        digest = hashlib.sha1(repr(rows).encode(), usedforsecurity=False)
        self.data["fingerprints"][docname] = digest.hexdigest()

    def fingerprint(self, conversation_id: str) -> str:
        """The digest of a conversation's turns: it changes when any of its words do."""
        conv = self.conversations.get(conversation_id)
        return self.data["fingerprints"].get(conv.docname, "") if conv else ""

    def set_apparatus(self, docname: str, apparatus: Apparatus) -> None:
        """Record what a transcript page holds besides its spoken words. It is kept pickled,
        as the turns are: a build looks at the apparatus of the few transcripts it writes
        out, and the environment that holds them all is saved and loaded on every build."""
        self._apparatus.pop(docname, None)
        self.data["apparatus"][docname] = pickle.dumps(apparatus, pickle.HIGHEST_PROTOCOL)

    def apparatus_of(self, conversation_id: str) -> Apparatus:
        """A conversation's markings, notes, cover memorandum and closing line (empty when
        pending or unknown), read once a build."""
        conv = self.conversations.get(conversation_id)
        if conv is None:
            return Apparatus()
        found = self._apparatus.get(conv.docname)
        if found is None:
            kept: bytes | None = self.data["apparatus"].get(conv.docname)
            found = self._apparatus[conv.docname] = pickle.loads(kept) if kept else Apparatus()
        return found

    def state_of(self, conversation_id: str) -> str:
        """A digest of everything a conversation's page records: its metadata, its words
        and its apparatus (empty for an unknown conversation). Files made from these
        records are made again when it changes. It is made once after the page is read
        and kept with the environment (:meth:`keep_states`)."""
        conv = self.conversations.get(conversation_id)
        if conv is None:
            return ""
        state: str | None = self.data["states"].get(conv.docname)
        if state is None:
            records = (conv, self.fingerprint(conv.id), self.apparatus_of(conv.id))
            state = hashlib.sha1(repr(records).encode(), usedforsecurity=False).hexdigest()
            self.data["states"][conv.docname] = state
        return state

    def keep_states(self) -> None:
        """Digest the records of every conversation whose page this build read, before the
        environment is saved: a later build that reads no page of theirs digests none."""
        for conversation_id in self.conversations:
            self.state_of(conversation_id)

    def set_quotations(self, docname: str, quotations: Iterable[Quotation]) -> None:
        """Record the quotations found on a page."""
        self._pairs = {}
        self.data["quotations"][docname] = tuple(quotations)

    def set_mentions(self, docname: str, mentions: Iterable[tuple[str, str]]) -> None:
        """Record the persons a page names, as (name, anchor id) pairs."""
        self.data["mentions"][docname] = tuple(mentions)

    def add_listing(self, docname: str, listing: str) -> None:
        """Record that a page holds a listing generated from other pages."""
        self.data["listings"][docname] = (*self.data["listings"].get(docname, ()), listing)

    def listings(self) -> dict[str, tuple[str, ...]]:
        """The generated listings each page holds (shared: not to be changed)."""
        listings: dict[str, tuple[str, ...]] = self.data["listings"]
        return listings

    def set_links(self, docname: str, targets: frozenset[str]) -> None:
        """Record the pages a page links to."""
        self.data["links"][docname] = targets

    def pages_linking_to(self, docname: str) -> list[str]:
        """The other pages that link to ``docname``, in name order."""
        return sorted(
            page
            for page, targets in self.data["links"].items()
            if docname in targets and page != docname
        )

    def mentions_on(self, docname: str) -> tuple[tuple[str, str], ...]:
        """The persons a page names, as (name, anchor id) pairs."""
        mentions: tuple[tuple[str, str], ...] = self.data["mentions"].get(docname, ())
        return mentions

    def all_mentions(self) -> Iterator[tuple[str, tuple[tuple[str, str], ...]]]:
        """Every page that names persons, in name order, with its (name, anchor) pairs."""
        yield from sorted(self.data["mentions"].items())

    def add_diagnostic(self, diagnostic: Diagnostic) -> None:
        """Record a problem in a page's input, to be reported on every build."""
        found = self.data["diagnostics"].get(diagnostic.docname, ())
        if diagnostic not in found:
            self.data["diagnostics"][diagnostic.docname] = (*found, diagnostic)

    def report(
        self, docname: str, line: int | None, subtype: QuoteCheck | MemconWarning, message: str
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
        rows = zip(*self.turn_columns(conversation_id), strict=True)
        return tuple(Turn(*row) for row in rows)

    def turn_columns(self, conversation_id: str) -> TurnColumns:
        """The fields of a conversation's speaker turns, column by column: each turn's id,
        then each one's speaker, text, pages, line and page breaks, in turn order (all
        empty when pending or unknown). They are read anew from what the domain keeps on
        every call: a caller that asks often keeps them."""
        conv = self.conversations.get(conversation_id)
        kept: bytes | None = self.data["turns"].get(conv.docname) if conv else None
        if not kept:
            return ((), (), (), (), (), ())
        columns: TurnColumns = pickle.loads(kept)
        return columns

    def quoted_turns(self, docname: str) -> dict[str, list[Quotation]]:
        """The passages that quote each turn of a transcribed page, or record a
        misquotation of it, by turn id (shared: not to be changed); empty for any other page."""
        conv = self.conversation_of(docname)
        if conv is None or conv.status != "transcribed":
            return {}
        return self._margins.get(conv.id, {})

    def quoting(self, conversation_id: str) -> dict[str, int]:
        """How many quotations each page attributes to a conversation (shared)."""
        pages: dict[str, int] = self.data["quoting"].get(conversation_id, {})
        return pages

    def all_quotations(self) -> Iterator[Quotation]:
        """Every quotation of the edition, in the report's stable order."""
        for docname in sorted(self.data["quotations"]):
            yield from sorted(self.data["quotations"][docname], key=_page_order)

    def quotations_with_verdicts(self) -> Iterator[tuple[Quotation, Verdict]]:
        """Every quotation that has a verdict, with it, in the report's stable order."""
        for docname in sorted(self.data["quotations"]):
            yield from self.quotations_on(docname)

    def quotations_on(self, docname: str) -> list[tuple[Quotation, Verdict]]:
        """The quotations of one page that have a verdict, with it, in the page's order
        (shared: not to be changed)."""
        pairs = self._pairs.get(docname)
        if pairs is None:
            verdicts = self.data["verdicts"].get(docname, {})
            quotations = sorted(self.data["quotations"].get(docname, ()), key=_page_order)
            pairs = self._pairs[docname] = [
                (q, verdicts[q.key]) for q in quotations if q.key in verdicts
            ]
        return pairs

    def page_states(self) -> dict[str, str]:
        """A digest of each page's quotations and their verdicts, by page, in name order,
        for the pages with a verdict: files made from them are made again when it changes.
        Each is made when the page is read or its verdicts change (:meth:`record_verdicts`)."""
        states: dict[str, str] = self.data["page_states"]
        return states

    def all_diagnostics(self) -> Iterator[Diagnostic]:
        """Every recorded input problem, by page and line."""
        for docname in sorted(self.data["diagnostics"]):
            yield from sorted(self.data["diagnostics"][docname], key=lambda d: d.line or 0)

    def verdicts_on(self, docname: str) -> list[Verdict]:
        """The verdicts on one page's quotations, once verdicts are computed."""
        return list(self.data["verdicts"].get(docname, {}).values())

    def verdict(self, docname: str, key: str) -> Verdict | None:
        """The verdict on one quotation, once verdicts are computed."""
        verdict: Verdict | None = self.data["verdicts"].get(docname, {}).get(key)
        return verdict

    # -- derived state, kept between builds for reuse ---------------------------------

    def note_read(self, docnames: Iterable[str]) -> None:
        """Remember which pages this build reads, and the decisions on their quotations, which
        reading them drops: a quotation that an edit leaves as it was keeps its verdict."""
        read = self.data["read"] = frozenset(docnames)
        self._before_read = [
            (quotation, decision)
            for docname in sorted(read)
            for quotation in self.data["quotations"].get(docname, ())
            if (decision := self.decision_on(quotation)) is not None
        ]

    def decisions_before_read(self) -> list[tuple[Quotation, Decision]]:
        """The last build's decisions on the quotations of the pages this build reads."""
        return self._before_read

    def decision_on(self, quotation: Quotation) -> Decision | None:
        """The last build's decision on a quotation of a page this build does not read (or,
        until the verdicts are recorded, of any page), if it made one."""
        verdict = self.data["verdicts"].get(quotation.docname, {}).get(quotation.key)
        if verdict is None:
            return None
        problems = self.data["problems"].get(quotation.docname, {}).get(quotation.key, ())
        return verdict, problems

    @property
    def read(self) -> frozenset[str]:
        """The pages this build read."""
        read: frozenset[str] = self.data.get("read", frozenset())
        return read

    def kept_index(self, texts: tuple[tuple[str, str], ...]) -> Any:
        """The encoded words of the last index, if it indexed ``texts`` (ids and
        fingerprints); else ``None``."""
        kept = self.data.get("index")
        return kept[1] if kept and kept[0] == texts else None

    def keep_index(self, texts: tuple[tuple[str, str], ...], encoded: Any) -> None:
        """Keep the index's encoded words, for a build whose texts are the same."""
        self.data["index"] = (texts, encoded)

    def decided_under(self, state: tuple[object, ...]) -> bool:
        """Whether the last build's verdicts were decided under ``state``: its settings and
        the conversations' metadata; they can be reused only then."""
        return bool(self.data.get("decided_under") == state)

    def kept_fingerprints(self) -> dict[str, str]:
        """Each conversation's fingerprint as the last build's decisions saw it."""
        prints: dict[str, str] = self.data.get("prints", {})
        return prints

    def record_verdicts(
        self,
        verdicts: dict[str, dict[str, Verdict]],
        problems: dict[str, dict[str, Problems]],
        decided_under: tuple[tuple[object, ...], dict[str, str]],
        titles: dict[str, str],
    ) -> Changes:
        """Store this build's verdicts, the input problems found in deciding them, the state
        they were decided under with each conversation's fingerprint, and the titles of the
        pages that quote; derive the margins from them, and say what changed since the last
        build.

        A transcript is written again when its margins or its "discussed in" change, or a
        page it lists is retitled; a page, when its verdicts change.
        """
        old = self.data["verdicts"]
        old_shown: dict[str, str] = self.data.get("shown", {})
        old_quoting: Quoting = self.data["quoting"]
        old_titles: dict[str, str] = self.data.get("titles", {})
        self._pairs = {}
        self.data["verdicts"], self.data["problems"] = verdicts, problems
        self.data["titles"] = titles
        self.data["decided_under"], self.data["prints"] = decided_under
        self._margins, quoting = self._derive_margins()
        shown = {conv_id: _shown(turns) for conv_id, turns in self._margins.items()}
        self.data["shown"], self.data["quoting"] = shown, quoting
        pages = {doc for doc in old.keys() | verdicts.keys() if old.get(doc) != verdicts.get(doc)}
        changed_verdicts = bool(pages)
        self.data["page_states"] = self._page_states(pages | self.read)
        retitled = {doc for doc in titles if titles[doc] != old_titles.get(doc)}
        by_id = self.conversations
        for conv_id in {*old_shown, *old_quoting, *shown, *quoting}:
            stale = (
                old_shown.get(conv_id) != shown.get(conv_id)
                or old_quoting.get(conv_id, {}) != quoting.get(conv_id, {})
                or retitled & quoting.get(conv_id, {}).keys()
            )
            if stale and conv_id in by_id:
                pages.add(by_id[conv_id].docname)
        catalogue = tuple((c.id, c.title, c.status) for c in by_id.values())
        listed, self.data["catalogue"] = self.data.get("catalogue", ()), catalogue
        return Changes(frozenset(pages), changed_verdicts, bool(retitled), listed != catalogue)

    def _page_states(self, changed: Set[str]) -> dict[str, str]:
        """Each page's digest (:meth:`page_states`), kept from the last build unless the page
        is among ``changed`` (read, or with other verdicts)."""
        kept: dict[str, str] = self.data.get("page_states", {})
        states: dict[str, str] = {}
        for docname in sorted(self.data["verdicts"]):
            state = kept.get(docname)
            if state is None or docname in changed:
                pairs = repr(self.quotations_on(docname)).encode()
                state = hashlib.sha1(pairs, usedforsecurity=False).hexdigest()
            states[docname] = state
        return states

    def quoting_pages(self) -> list[str]:
        """The pages with quotations."""
        return list(self.data["quotations"])

    def _derive_margins(self) -> tuple[Margins, Quoting]:
        """For each conversation and turn, the quotations verified against it and the
        recorded misquotations (``sic``) of it, in page order; and for each conversation,
        how many quotations each page attributes to it."""
        margins: Margins = {}
        quoting: Quoting = {}
        for quotation, verdict in self.quotations_with_verdicts():
            if not verdict.source:
                continue
            pages = quoting.setdefault(verdict.source, {})
            pages[quotation.docname] = pages.get(quotation.docname, 0) + 1
            # A recorded misquotation is listed too: the margin shows it as misquoted.
            shown = verdict.status == "verified" and quotation.kind != "sic"
            if shown or verdict.status == "sic":
                turns = margins.setdefault(verdict.source, {})
                turns.setdefault(verdict.passage or "", []).append(quotation)
        return margins, quoting

    def relative_uri(self, builder: Builder, fromdocname: str, todocname: str) -> str:
        """The address of ``todocname`` relative to ``fromdocname``, as ``builder`` writes it."""
        key = (builder.name, fromdocname, todocname)
        uri = self._uris.get(key)
        if uri is None:
            uri = self._uris[key] = builder.get_relative_uri(fromdocname, todocname)
        return uri

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


def _page_order(quotation: Quotation) -> tuple[int, int]:
    """Where a quotation stands on its page."""
    return quotation.line, quotation.order


def get_domain(env: BuildEnvironment) -> MemconDomain:
    """The edition's domain in ``env``."""
    domain = env.get_domain(MemconDomain.name)
    assert isinstance(domain, MemconDomain)
    return domain


def _shown(margins: dict[str, list[Quotation]]) -> str:
    """A digest of what the margins of a transcript show of the quotations listed in them:
    a quotation moved to another line of its page leaves it as it was."""
    shown = [
        (q.docname, turn, q.key, q.text, q.kind) for turn in sorted(margins) for q in margins[turn]
    ]
    return hashlib.sha1(repr(shown).encode(), usedforsecurity=False).hexdigest()
