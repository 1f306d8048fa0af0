"""The quotation roles: ``{quote}``, ``{sic}``, ``{paraphrase}`` and ``{exempt}``."""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.util.docutils import SphinxRole
from sphinx.util.nodes import split_explicit_title

from ..identifiers import SPEAKER_ID, TRANSCRIPT_ID
from .nodes import quotation

#: ``<id>`` or ``<id>#<speaker>``, ids as the contract defines them; a final ``?`` marks the
#: attribution as the editors' conjecture.
TARGET = re.compile(
    rf"^(?P<source>{TRANSCRIPT_ID.pattern})(?:#(?P<speaker>{SPEAKER_ID.pattern}))?"
    r"(?P<conjecture>\?)?$"
)
TARGET_EXPECTED = (
    "expected <YYYY-MM-DD> or <YYYY-MM-DD#speaker>, with a final ? where the attribution "
    "is the editors' conjecture, e.g. <2003-03-18#putin> or <2001-06-16#putin?>"
)


class QuotationRole(SphinxRole):
    """Base of the three roles: splits ``text <target>`` into a :class:`quotation`."""

    kind = "quote"

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        has_target, text, target = split_explicit_title(self.text)
        node = quotation(self.rawtext, text.strip(), kind=self.kind, written=text.strip())
        problem = self.read_target(node, target.strip() if has_target else None)
        if problem:
            # Reported with the quotation's exact line when the page's quotations are
            # collected (roles are not told their line).
            node["problem"] = f"{{{self.name}}}`{self.text}`: {problem}"
        return [node], []

    def read_target(self, node: quotation, target: str | None) -> str | None:
        """Store the target's source and speaker on ``node``; return a problem, if any."""
        if target is None:
            return None
        match = TARGET.match(target)
        if not match:
            misplaced = " (the ? of a conjecture comes last)" if "?" in target else ""
            return f"malformed target <{target}>{misplaced}; {TARGET_EXPECTED}"
        node["source"] = match.group("source")
        node["speaker"] = match.group("speaker")
        if match.group("conjecture"):
            node["conjectural"] = True
        return None


class QuoteRole(QuotationRole):
    """``{quote}`words <2003-03-18#bush>```: a quotation of that conversation (and
    speaker), checked against its text."""

    kind = "quote"


class SicRole(QuotationRole):
    """``{sic}`words <2003-03-18#bush>```: the author's words, which the editors know depart
    from the source; checked, and shown with the passage the checker finds there."""

    kind = "sic"


class ParaphraseRole(QuotationRole):
    """``{paraphrase}`words <2003-03-18>```: the editors' or author's deliberate paraphrase
    of a conversation; linked to it, not checked word for word."""

    kind = "paraphrase"

    def read_target(self, node: quotation, target: str | None) -> str | None:
        if target is None:
            return "a paraphrase names the conversation it paraphrases: <YYYY-MM-DD>"
        problem = super().read_target(node, target)
        if problem is None and node.get("speaker"):
            node["speaker"] = None
        return problem


class ExemptRole(QuotationRole):
    """``{exempt}`words <reason>```: words in quotation marks that are not a quotation of
    a conversation (a term, a title, a scare quote) or that quote another source
    (``<cite:KEY>``, a bibliography key)."""

    kind = "exempt"

    def read_target(self, node: quotation, target: str | None) -> str | None:
        if not target:
            return (
                "an exemption states its reason: <term>, <title>, <scare quote>, "
                "or <cite:KEY> for a quotation from a bibliography source"
            )
        node["reason"] = target
        return None
