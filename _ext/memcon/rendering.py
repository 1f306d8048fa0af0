"""Registering nodes with an HTML rendering and a fallback for the other builders, and the
pieces of HTML the edition writes without nodes (links, a turn's margin)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .domain import get_domain
from .records import Quotation
from .wording import excerpt

Visitor = tuple[Callable[[Any, Any], None], Callable[[Any, Any], None] | None]


def pass_through(self: Any, node: nodes.Element) -> None:
    """Render nothing of the node itself; its children render as usual."""


def skip(self: Any, node: nodes.Element) -> None:
    """Render neither the node nor its children."""
    raise nodes.SkipNode


PASS_THROUGH: Visitor = (pass_through, pass_through)
SKIP: Visitor = (skip, None)


#: A node class with the visitors of each builder's format, as ``app.add_node`` takes them.
NodeVisitors = tuple[type[nodes.Element], dict[str, Any]]


def visitors(html: Visitor | None, other: Visitor | None = PASS_THROUGH) -> dict[str, Visitor]:
    """The visitors of a node: ``html`` for HTML (and EPUB), ``other`` for the LaTeX, text,
    man and Texinfo builders; a format given ``None`` has none."""
    found = {"html": html} if html else {}
    if other:
        found.update(latex=other, text=other, man=other, texinfo=other)
    return found


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
    domain = get_domain(translator.builder.env)
    uri = domain.relative_uri(translator.builder, fromdocname, todocname)
    return f"{uri}#{anchor}" if anchor else uri


def link_html(
    translator: Any, todocname: str, text: str, anchor: str = "", span_class: str = ""
) -> str:
    """A link to ``anchor`` on ``todocname`` reading ``text``, as the HTML translator
    writes a resolved reference (``span_class`` is ``doc`` for a link to a page)."""
    href = translator.attval(relative_href(translator, todocname, anchor))
    span = f'<span class="{span_class}">' if span_class else "<span>"
    return f'<a class="reference internal" href="{href}">{span}{translator.encode(text)}</span></a>'


def page_title(titles: dict[str, nodes.title], docname: str) -> str:
    """A page's title as text, from the environment's ``titles``; its name if it has none."""
    return titles[docname].astext() if docname in titles else docname


def margin_label(titles: dict[str, nodes.title], quoted: Quotation) -> str:
    """How a turn's margin names a passage that quotes it: page title and first words."""
    return f"{page_title(titles, quoted.docname)}: “{excerpt(quoted.text, 60)}”"


def margin_groups(sites: list[Quotation]) -> list[tuple[str, list[Quotation]]]:
    """A turn's margin by heading: the passages that quote the turn, then those that the
    editors record as misquoting it (``{sic}``); a heading with none is left out."""
    quoted = [q for q in sites if q.kind != "sic"]
    misquoted = [q for q in sites if q.kind == "sic"]
    return [
        (title, group)
        for title, group in (("Quoted in", quoted), ("Misquoted in", misquoted))
        if group
    ]


def margin_html(translator: Any, sites: list[Quotation]) -> str:
    """A turn's margin in HTML: links to the passages that quote the turn, and to those that
    misquote it."""
    titles = translator.builder.env.titles
    parts = []
    for title, group in margin_groups(sites):
        items = "".join(
            f"<li><p>{link_html(translator, q.docname, margin_label(titles, q), q.key)}</p></li>\n"
            for q in group
        )
        css = "quoted-in-title" + (" misquoted-in-title" if title == "Misquoted in" else "")
        parts.append(f'<p class="{css}">{title}</p>\n<ul class="simple">\n{items}</ul>\n')
    return '<aside class="quoted-in">\n' + "".join(parts) + "</aside>\n"
