"""Listings generated from every page once all are read: the catalogue of conversations,
the persons register, the verification page, and each transcript's "discussed in"."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..domain import Changes, MemconDomain, get_domain
from ..records import Conversation, Quotation, Status
from ..rendering import NonHTMLPostTransform, page_title
from . import nodes as tnodes
from .header import KINDS
from .persons import register

#: The verification tables' columns: the statuses, paraphrases apart, and conjectures.
COLUMNS = (
    "verified",
    "sic",
    "pending",
    "paraphrase",
    "exempt",
    "misquoted",
    "misattributed",
    "not_found",
    "conjectural",
)
#: Per page or conversation, how many quotations of each column.
Tally = defaultdict[str, Counter[str]]


def _cells(counts: Counter[str]) -> list[tnodes.Cell]:
    return [str(counts[column]) for column in COLUMNS]


def reading_order(env: Any) -> dict[str, int]:
    """Each page's place in the edition's tables of contents, from the root page down."""
    order: dict[str, int] = {}
    pending = [env.config.root_doc]
    while pending:
        doc = pending.pop(0)
        if doc in order:
            continue
        order[doc] = len(order)
        pending[:0] = env.toctree_includes.get(doc, [])
    return order


@dataclass(frozen=True)
class Findings:
    """What the checker found in the report's own text (editorial notes apart)."""

    checkable: int  #: quotations whose source is transcribed
    exact: int  #: of those, quoted exactly
    sic: tuple[str, ...]  #: of those, the misquotations the editors record, in page order
    sic_misattributed: tuple[str, ...]  #: and the misattributions they record
    failing: int  #: of those, misquoted, misattributed or not found, unrecorded
    pending: int  #: quotations that wait on a conversation not yet transcribed
    pending_conjectural: int  #: of those, attributed by the editors' conjecture
    conjectural: int  #: all quotations attributed by conjecture
    paraphrases: int
    exempt: int
    editorial: int  #: the editors' own quotations, in their notes
    editorial_verified: int
    transcribed: int  #: conversations transcribed
    conversations: int  #: conversations in the catalogue


def _the_reports(quotation: Quotation) -> bool:
    """Whether a quotation is the report's own: in the analysis, not in an editorial note."""
    return quotation.docname.startswith("analysis/") and not quotation.editorial


def findings(domain: MemconDomain) -> Findings:
    """Count what the checker found for the report's quotations under ``analysis/``."""
    counts: Counter[str] = Counter()
    sic: dict[str, list[str]] = {"misquoted": [], "misattributed": []}
    for quotation, verdict in domain.quotations_with_verdicts():
        if not quotation.docname.startswith("analysis/"):
            continue
        if not _the_reports(quotation):
            # The editors' quotations of the transcribed text, checked like the report's.
            checkable = verdict.status == "verified" or Status(verdict.status).failing
            counts["editorial"] += checkable
            counts["editorial_verified"] += verdict.status == "verified"
            continue
        status = "paraphrase" if quotation.kind == "paraphrase" else verdict.status
        counts[status] += 1
        counts["conjectural"] += quotation.conjectural
        counts["pending_conjectural"] += quotation.conjectural and status == "pending"
        if status == "sic":
            sic[verdict.kind or "misquoted"].append(quotation.text)
    failing = counts["misquoted"] + counts["misattributed"] + counts["not_found"]
    convs = domain.conversations.values()
    return Findings(
        checkable=counts["verified"] + counts["sic"] + failing,
        exact=counts["verified"],
        sic=tuple(sic["misquoted"]),
        sic_misattributed=tuple(sic["misattributed"]),
        failing=failing,
        pending=counts["pending"],
        pending_conjectural=counts["pending_conjectural"],
        conjectural=counts["conjectural"],
        paraphrases=counts["paraphrase"],
        exempt=counts["exempt"],
        editorial=counts["editorial"],
        editorial_verified=counts["editorial_verified"],
        transcribed=sum(c.status == "transcribed" for c in convs),
        conversations=len(convs),
    )


def _number(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _times(count: int) -> str:
    return "once" if count == 1 else f"{count} times"


def _recorded(texts: tuple[str, ...], what: str) -> str:
    """How many quotations are recorded as ``what`` (with sic), each named."""
    named = "; ".join(f"“{text}”" for text in texts)
    verb = "is" if len(texts) == 1 else "are"
    return f"{len(texts)} {verb} {what} (marked sic{': ' + named if named else ''})."


def summary_sentences(found: Findings) -> list[str]:
    """What the checker found, in plain words that claim no more than is true."""
    total = found.checkable + found.pending
    first = (
        f"The report quotes the conversations {total} times. {found.checkable} of these "
        f"quotations can be checked now, against the {found.transcribed} of "
        f"{_number(found.conversations, 'conversation')} transcribed so far: the report "
        f"quotes {found.exact} of them exactly, and {_recorded(found.sic, 'misquoted')}"
    )
    if found.sic_misattributed:
        first = first[:-1] + "; " + _recorded(found.sic_misattributed, "misattributed")
    if found.failing:
        first += f" {found.failing} fail the check: misquoted, misattributed or not found."
    second = (
        f"{found.pending} wait on a conversation not yet transcribed, and cannot be checked "
        f"until it is; the editors inferred the source of {found.pending_conjectural} of "
        f"these, where the report names no conversation (a conjecture, marked ?)."
    )
    third = (
        f"Besides, the report paraphrases a conversation {_times(found.paraphrases)}; "
        f"{_number(found.exempt, 'phrase')} in quotation marks "
        f"{'is a term, a title or' if found.exempt == 1 else 'are terms, titles or'} the "
        f"report's own reading, not a quotation of a conversation; and the editors' notes "
        f"quote the transcribed text {_times(found.editorial)} "
        f"({found.editorial_verified} verified)."
    )
    return [first, second, third]


#: The generated listings (the ``listing`` of a :class:`~memcon.transcripts.nodes.listing`).
LISTINGS = ("catalogue", "persons", "verification", "verification-summary")


def to_rewrite(domain: MemconDomain, changes: Changes) -> set[str]:
    """The pages whose generated listings show what changed in this build: the pages it
    read (a transcript, a page naming persons) and the verdicts."""
    read = domain.read
    transcripts = any(domain.conversation_of(doc) for doc in read)
    mentions = any(domain.mentions_on(doc) for doc in read)
    stale = {
        "catalogue": transcripts,
        "persons": transcripts or mentions,
        "verification": changes.verdicts or changes.retitled or changes.conversations,
        "verification-summary": changes.verdicts or changes.conversations,
    }
    return {
        doc
        for doc, listings in domain.listings().items()
        if any(stale.get(listing, True) for listing in listings)
    }


def conversation_link(conv: Conversation, text: str, fromdoc: str, anchor: str = "") -> nodes.Node:
    """A cross-reference to a conversation (or one of its turns)."""
    xref = pending_xref(
        "",
        refdomain="memcon",
        reftype="conversation",
        reftarget=conv.id + (f"#{anchor}" if anchor else ""),
        refdoc=fromdoc,
        refexplicit=True,
    )
    xref += nodes.inline("", text)
    return xref


def doc_link(docname: str, text: str, fromdoc: str, anchor: str = "") -> nodes.Node:
    """A cross-reference to a page, or to a quotation's anchor on it."""
    target = (
        ("memcon", "quotation", f"{docname}#{anchor}") if anchor else ("std", "doc", "/" + docname)
    )
    domain, reftype, reftarget = target
    xref = pending_xref(
        "",
        refdomain=domain,
        reftype=reftype,
        reftarget=reftarget,
        refdoc=fromdoc,
        refexplicit=True,
    )
    xref += nodes.inline("", text)
    return xref


def _quotation_count(count: int) -> str:
    return f" ({count} quotation{'s' if count != 1 else ''})" if count else ""


def table(
    headers: list[str], rows: Iterable[list[tnodes.Cell]], classes: list[str]
) -> nodes.Element:
    """A generated table of ``rows`` under ``headers``; its one child, the cells' words, is
    what the search index reads."""
    rows = [list(row) for row in rows]
    words = " ".join([*headers, *(_text(cell) for row in rows for cell in row)])
    return tnodes.data_table("", nodes.Text(words), headers=headers, rows=rows, classes=classes)


class ExpandPageLists(NonHTMLPostTransform):
    """For builders other than HTML: each page list as a bullet list of references."""

    # After RenderListings makes them (0), before ReferencesResolver (10).
    default_priority = 3

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(tnodes.page_list)):
            items = nodes.bullet_list()
            for docname, title, note in node["entries"]:
                para = nodes.paragraph("", "", doc_link(docname, title, self.env.docname))
                if note:
                    para += nodes.Text(note)
                items += nodes.list_item("", para)
            node.replace_self(items)


def _text(cell: tnodes.Cell) -> str:
    return cell if isinstance(cell, str) else cell[2]


class ExpandDataTables(NonHTMLPostTransform):
    """For builders other than HTML: each generated table as a table of nodes, its links
    as references."""

    # After RenderListings makes them (0), before ReferencesResolver (10).
    default_priority = 3

    def run(self, **kwargs: Any) -> None:
        convs = get_domain(self.env).conversations
        for node in list(self.document.findall(tnodes.data_table)):
            columns = list(zip(node["headers"], *node["rows"], strict=True))
            group = nodes.tgroup(cols=len(columns))
            # Each column as wide as its longest cell, within bounds: a text build wraps
            # each cell to its column's width.
            group += [
                nodes.colspec(colwidth=min(max(len(_text(cell)) for cell in column), 40))
                for column in columns
            ]
            head = nodes.thead()
            head += self._row(node["headers"], convs)
            body = nodes.tbody()
            body += [self._row(cells, convs) for cells in node["rows"]]
            group += [head, body]
            node.replace_self(nodes.table("", group, classes=node["classes"]))

    def _row(self, cells: list[tnodes.Cell], convs: dict[str, Conversation]) -> nodes.row:
        row = nodes.row()
        for cell in cells:
            paragraph = nodes.paragraph("", "")
            if isinstance(cell, str):
                paragraph += nodes.Text(cell)
            elif cell[0] == "conversation" and cell[1] in convs:
                paragraph += conversation_link(convs[cell[1]], cell[2], self.env.docname)
            elif cell[0] == "conversation":
                paragraph += nodes.Text(cell[2])
            else:
                paragraph += doc_link(cell[1], cell[2], self.env.docname)
            row += nodes.entry("", paragraph)
        return row


class RenderListings(SphinxPostTransform):
    """Fill each generated listing, and add "discussed in" to transcript pages."""

    # As RenderQuotations: before sidenotes (1) and reference resolution (10).
    default_priority = 0

    def run(self, **kwargs: Any) -> None:
        domain = get_domain(self.env)
        for node in list(self.document.findall(tnodes.listing)):
            render = getattr(self, "_" + node["listing"].replace("-", "_"))
            node.replace_self(render(domain))
        conversation = domain.conversation_of(self.env.docname)
        if conversation is not None:
            self._discussed_in(domain, conversation)

    @property
    def _doc(self) -> str:
        return self.env.docname

    def _title(self, docname: str) -> str:
        return page_title(self.env.titles, docname)

    def _catalogue(self, domain: MemconDomain) -> list[nodes.Node]:
        rows: list[list[tnodes.Cell]] = []
        for conv in domain.conversations.values():
            people = "; ".join(f"{p.name}" for p in conv.participants)
            rows.append(
                [
                    ("conversation", conv.id, conv.date),
                    KINDS.get(conv.kind, conv.kind).replace("Memorandum of ", "").capitalize(),
                    conv.place or "—",
                    people,
                    ", ".join(conv.topics),
                    "in the edition" if conv.status == "transcribed" else "pending",
                ]
            )
        return [
            table(["Date", "Kind", "Place", "Participants", "Topics", "Text"], rows, ["catalogue"])
        ]

    def _persons(self, domain: MemconDomain) -> list[nodes.Node]:
        known = register(self.env)
        took_part: dict[str, list[Conversation]] = defaultdict(list)
        named: dict[str, list[tuple[str, str]]] = defaultdict(list)
        names: dict[str, str] = {}
        for conv in domain.conversations.values():
            people = [p.name for p in conv.participants] + [*conv.notetakers, *conv.interpreters]
            for name in dict.fromkeys(people):
                person = known.find(name)
                key = person.name if person else name
                names.setdefault(key, person.sort if person else name)
                took_part[key].append(conv)
        for docname, mentions in domain.all_mentions():
            for name, anchor in mentions:
                person = known.find(name)
                key = person.name if person else name
                names.setdefault(key, person.sort if person else name)
                named[key].append((docname, anchor))
        for person in known.persons:
            names.setdefault(person.name, person.sort)
        items = nodes.definition_list(classes=["persons-register"])
        for name in sorted(names, key=lambda n: names[n].casefold()):
            person = known.find(name)
            term = nodes.term("", names[name])
            term["ids"].append(
                person.anchor
                if person
                else "person-" + "".join(c if c.isalnum() else "-" for c in name.lower())
            )
            body = nodes.definition()
            if person and person.description:
                body += nodes.paragraph("", person.description)
            if took_part[name]:
                para = nodes.paragraph("", "Took part in: ")
                for i, conv in enumerate(took_part[name]):
                    para += [nodes.Text(", ")] if i else []
                    para += conversation_link(conv, conv.date, self._doc)
                body += para
            if named[name]:
                para = nodes.paragraph("", "Named in: ")
                # Once a page, linked to its first mention there.
                first: dict[str, str] = {}
                for docname, anchor in named[name]:
                    first.setdefault(docname, anchor)
                for i, (docname, anchor) in enumerate(first.items()):
                    para += [nodes.Text(", ")] if i else []
                    para += doc_link(docname, self._title(docname), self._doc, anchor)
                body += para
            items += nodes.definition_list_item("", term, body)
        return [items]

    def _counts(self, domain: MemconDomain) -> tuple[Tally, Tally]:
        """How many quotations of each status each page has and each conversation is the
        source of, with ``paraphrase`` apart and ``conjectural`` counted besides."""
        by_page: Tally = defaultdict(Counter)
        by_conv: Tally = defaultdict(Counter)
        for quotation, verdict in domain.quotations_with_verdicts():
            status = "paraphrase" if quotation.kind == "paraphrase" else verdict.status
            for counts in (by_page[quotation.docname], by_conv[verdict.source or "—"]):
                counts[status] += 1
                counts["conjectural"] += quotation.conjectural
        return by_page, by_conv

    def _verification_summary(self, domain: MemconDomain) -> list[nodes.Node]:
        return [
            nodes.paragraph("", text, classes=["verification-summary"])
            for text in summary_sentences(findings(domain))
        ]

    def _verification(self, domain: MemconDomain) -> list[nodes.Node]:
        by_page, by_conv = self._counts(domain)
        headers = [c.replace("_", " ") for c in COLUMNS]
        result: list[nodes.Node] = [*self._verification_summary(domain)]
        misquoted = self._misquoted(domain)
        if misquoted:
            result += [
                nodes.rubric("", "Misquoted or misattributed by the report (sic)"),
                misquoted,
            ]
        result.append(nodes.rubric("", "By chapter"))
        order = reading_order(self.env)
        pages = sorted(by_page, key=lambda doc: (order.get(doc, len(order)), doc))
        result.append(
            table(
                ["Page", *headers],
                ([("doc", doc, self._title(doc)), *_cells(by_page[doc])] for doc in pages),
                ["verification"],
            )
        )
        result.append(nodes.rubric("", "By conversation"))
        convs = domain.conversations
        result.append(
            table(
                ["Conversation", *headers],
                (
                    [("conversation", cid, cid) if cid in convs else cid, *_cells(by_conv[cid])]
                    for cid in sorted(by_conv)
                ),
                ["verification"],
            )
        )
        result.append(
            nodes.rubric("", "Pending quotations, by the conversation that would verify them")
        )
        result += self._pending(domain)
        return result

    def _misquoted(self, domain: MemconDomain) -> nodes.bullet_list | None:
        """Each of the report's quotations that the editors record as misquoted or
        misattributed (``sic``), with what and where it stands, as the summary counts them."""
        items = nodes.bullet_list()
        for quotation, verdict in domain.quotations_with_verdicts():
            if verdict.status == "sic" and _the_reports(quotation):
                item = nodes.paragraph("", f"“{quotation.text}” ({verdict.kind}) — ")
                item += doc_link(
                    quotation.docname, self._title(quotation.docname), self._doc, quotation.key
                )
                items += nodes.list_item("", item)
        return items if len(items) else None

    def _pending(self, domain: MemconDomain) -> list[nodes.Node]:
        groups: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
        for quotation, verdict in domain.quotations_with_verdicts():
            if verdict.status == "pending" and verdict.source:
                groups[verdict.source].append((quotation.docname, quotation.key, quotation.text))
        if not groups:
            return [nodes.paragraph("", "No quotation is pending.")]
        result: list[nodes.Node] = []
        convs = domain.conversations
        for cid in sorted(groups):
            para = nodes.paragraph("", "")
            para += conversation_link(convs[cid], convs[cid].title, self._doc)
            para += nodes.Text(f" ({len(groups[cid])})")
            items = nodes.bullet_list()
            for docname, key, text in groups[cid]:
                item = nodes.paragraph("", f"“{text}” — ")
                item += doc_link(docname, self._title(docname), self._doc, key)
                items += nodes.list_item("", item)
            result += [para, items]
        return result

    def _discussed_in(self, domain: MemconDomain, conv: Conversation) -> None:
        sites = dict(domain.quoting(conv.id))
        for docname in domain.pages_linking_to(conv.docname):
            sites.setdefault(docname, 0)
        if not sites:
            return
        section = nodes.section(ids=["discussed-in"], classes=["discussed-in"])
        section += nodes.title("", "Discussed in")
        # One node, not six per page: every transcript has this list.
        section += tnodes.page_list(
            entries=[
                (docname, self._title(docname), _quotation_count(sites[docname]))
                for docname in sorted(sites)
            ]
        )
        top = next(iter(self.document.findall(nodes.section)), None)
        (top or self.document).append(section)
