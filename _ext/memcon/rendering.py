"""Registering nodes with an HTML rendering and a fallback for the other builders."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

Visitor = tuple[Callable[[Any, Any], None], Callable[[Any, Any], None] | None]


def pass_through(self: Any, node: nodes.Element) -> None:
    """Render nothing of the node itself; its children render as usual."""


def skip(self: Any, node: nodes.Element) -> None:
    """Render neither the node nor its children."""
    raise nodes.SkipNode


PASS_THROUGH: Visitor = (pass_through, pass_through)
SKIP: Visitor = (skip, None)


def add_node(
    app: Sphinx, node: type[nodes.Element], html: Visitor, other: Visitor = PASS_THROUGH
) -> None:
    """Register ``node`` with its ``html`` visitors (also used by EPUB) and ``other`` for
    the LaTeX, text, man and Texinfo builders."""
    app.add_node(node, html=html, latex=other, text=other, man=other, texinfo=other)


class NonHTMLPostTransform(SphinxPostTransform):
    """A post-transform for the builders that do not write HTML (LaTeX, text, man...):
    they get as nodes what HTML renders from attributes."""

    formats = ("html",)

    def is_supported(self) -> bool:
        return not super().is_supported()


def relative_href(translator: Any, todocname: str, anchor: str = "") -> str:
    """The link from the page ``translator`` writes to ``anchor`` on ``todocname``, as
    :func:`sphinx.util.nodes.make_refnode` makes it, for HTML written without a reference
    node."""
    fromdocname = translator.builder.current_docname
    if fromdocname == todocname and anchor:
        return f"#{anchor}"
    uri = translator.builder.get_relative_uri(fromdocname, todocname)
    return f"{uri}#{anchor}" if anchor else uri
