"""Where a node stands: its exact source line, and what it stands in.

myst-parser gives block nodes (paragraphs, list items, cells) their first line, and inline
nodes none; soft line breaks stay in the text as ``\\n``.  The line of an inline node is
therefore its block's line plus the line breaks of the text before it in that block.
"""

from __future__ import annotations

from docutils import nodes


def block_of(node: nodes.Node) -> nodes.Element | None:
    """The nearest ancestor (or ``node`` itself) that knows its line."""
    current: nodes.Node | None = node
    while current is not None:
        if isinstance(current, nodes.Element) and getattr(current, "line", None):
            return current
        current = current.parent
    return None


def exact_line(node: nodes.Node, offset_in_text: int = 0) -> int | None:
    """The source line where ``node`` begins; for a Text node, where its character
    ``offset_in_text`` is."""
    # Inline nodes may carry a line docutils stamped on them from the parser's current
    # position, which is not theirs: only block nodes' lines are trusted.
    inline = isinstance(node, (nodes.Text, nodes.Inline))
    block = block_of(node.parent if inline else node)
    if block is None:
        return None
    breaks = 0
    for current in block.findall():
        if current is node:
            if isinstance(current, nodes.Text):
                breaks += str(current)[:offset_in_text].count("\n")
            break
        if isinstance(current, nodes.Text):
            breaks += str(current).count("\n")
    return int(block.line) + breaks


def within(
    node: nodes.Node | None, kinds: type | tuple[type, ...], top: nodes.Node | None = None
) -> bool:
    """Whether ``node`` or one of its ancestors below ``top`` is one of ``kinds``."""
    while node is not None and node is not top:
        if isinstance(node, kinds):
            return True
        node = node.parent
    return False
