"""Finds the plain quotations of a checked page: text between “ ” or straight ``"``."""

from __future__ import annotations

import re
from collections.abc import Iterator

from docutils import nodes
from sphinx.transforms import SphinxTransform

from ..lines import within
from ..transcripts.frontmatter import is_checked
from .nodes import quotation

#: Nodes whose text is never a quotation (code, math, raw) or is one already.
SKIP = (
    nodes.system_message,
    nodes.literal,
    nodes.literal_block,
    nodes.raw,
    nodes.math,
    nodes.math_block,
    nodes.comment,
    nodes.target,
    nodes.substitution_definition,
    quotation,
)
OPENING, CLOSING, STRAIGHT = "“", "”", '"'
MARKS = re.compile(r"[“”\"]")


class FindQuotations(SphinxTransform):
    """Wrap every phrase in double quotation marks of a checked page in a
    :class:`quotation` node, and every top-level block quotation's text too."""

    # Before SmartQuotes (750), so straight quotes are still straight; either kind is found.
    default_priority = 700

    def apply(self, **kwargs: object) -> None:
        if not is_checked(self.config, self.env.docname):
            return
        _merge_texts(self.document)
        for text in list(_texts(self.document)):
            _wrap_quotations(text)
        for block in self.document.findall(nodes.block_quote):
            if not within(block.parent, nodes.block_quote):
                block["memcon_block_quotation"] = True


def _merge_texts(root: nodes.Node) -> None:
    """Join adjacent Text nodes: myst-parser gives each soft line break its own, and a
    quotation may run over a line break."""
    for element in list(root.findall(nodes.Element)):
        merged: list[nodes.Node] = []
        for child in element.children:
            if merged and isinstance(child, nodes.Text) and isinstance(merged[-1], nodes.Text):
                merged[-1] = nodes.Text(str(merged[-1]) + str(child))
            else:
                merged.append(child)
        if len(merged) != len(element.children):
            element.children = []
            element.extend(merged)


def _texts(root: nodes.Node) -> Iterator[nodes.Text]:
    for text in root.findall(nodes.Text):
        if not within(text.parent, SKIP) and not within(text.parent, nodes.block_quote):
            yield text


def pairs(text: str) -> tuple[list[tuple[int, int]], list[int]]:
    """The quoted spans of ``text`` as (start, end) offsets of their marks, outermost
    only, and the offsets of marks left unpaired.

    Open marks are kept on a stack, so a quotation may nest another of either kind
    (“a "b" c”); a straight mark closes an open straight one, else opens one.
    """
    spans: list[tuple[int, int]] = []
    unpaired: list[int] = []
    stack: list[tuple[str, int]] = []
    for match in MARKS.finditer(text):
        mark, at = match.group(), match.start()
        if mark == OPENING or (mark == STRAIGHT and (not stack or stack[-1][0] != STRAIGHT)):
            stack.append((mark, at))
            continue
        if mark == CLOSING:
            while stack and stack[-1][0] != OPENING:
                stack.pop()  # straight marks left open inside a curly quotation
            if not stack:
                unpaired.append(at)
                continue
        start = stack.pop()[1]
        if not stack:
            spans.append((start, at))
    if stack:
        unpaired.append(stack[0][1])
    return spans, unpaired


def _wrap_quotations(text: nodes.Text) -> None:
    value = str(text)
    if not MARKS.search(value):
        return
    spans, unpaired = pairs(value)
    events = sorted([(start, end) for start, end in spans] + [(at, -1) for at in unpaired])
    pieces: list[nodes.Node] = []
    cursor = 0
    for start, end in events:
        if end < 0:
            pieces.append(nodes.Text(value[cursor:start]))
            marker = quotation("", "", kind="unbalanced")
            marker["problem"] = (
                "unbalanced quotation mark; expected a quotation to open and close within "
                "one stretch of text: close it, or use the {quote} role for a quotation "
                "that contains markup"
            )
            pieces.append(marker)
            cursor = start
            continue
        pieces.append(nodes.Text(value[cursor : start + 1]))
        inner = value[start + 1 : end]
        node = quotation(inner, inner, kind="quote", marked=True, written=inner)
        if not inner.strip():
            node["problem"] = "empty quotation marks; expected a quoted phrase between them"
        pieces.append(node)
        cursor = end
    pieces.append(nodes.Text(value[cursor:]))
    text.parent.replace(
        text, [piece for piece in pieces if piece.astext() or isinstance(piece, quotation)]
    )
