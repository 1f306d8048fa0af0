"""The quotation roles: ``{quote}``, ``{paraphrase}`` and ``{exempt}``."""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.util.docutils import SphinxRole
from sphinx.util.nodes import split_explicit_title

from .nodes import quotation

#: ``<id>`` or ``<id>#<speaker>``, ids as the contract defines them.
TARGET = re.compile(
    r"^(?P<source>\d{4}-\d{2}-\d{2}(?:-[b-z])?)(?:#(?P<speaker>[a-z][a-z0-9_-]*))?$"
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
            return (
                f"malformed target <{target}>; expected <YYYY-MM-DD> or "
                "<YYYY-MM-DD#speaker>, e.g. <2003-03-18#putin>"
            )
        node["source"] = match.group("source")
        node["speaker"] = match.group("speaker")
        return None


class QuoteRole(QuotationRole):
    """``{quote}`words <2003-03-18#bush>```: a quotation of that conversation (and
    speaker), checked against its text."""

    kind = "quote"


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
