"""Quotation checking: the pure matching core (:mod:`.textlayer`, :mod:`.match`) and its
Sphinx layer (roles, collecting, verdicts, rendering, the ``quotecheck`` builder)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the package imports without Sphinx
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    """Register what the quotation checker owns: its nodes, roles and directive, the
    transforms that find and render quotations, the events that collect and decide them,
    and the report's builder."""
    # Imported here, not above: importing the pure core (memcon.quotations.match) must
    # not load Sphinx's layer, nor Sphinx.
    from . import builder, collect, directives, nodes, render, roles, transforms, verdicts

    for node, visitors in (*nodes.NODES, *render.NODES):
        app.add_node(node, **visitors)
    app.add_role("quote", roles.QuoteRole())
    app.add_role("sic", roles.SicRole())
    app.add_role("paraphrase", roles.ParaphraseRole())
    app.add_role("exempt", roles.ExemptRole())
    app.add_directive("sources", directives.SourcesDirective)
    app.add_transform(transforms.FindQuotations)
    app.add_post_transform(render.RenderQuotations)
    app.add_post_transform(render.ExpandQuotations)
    app.connect("doctree-read", collect.on_doctree_read)
    app.connect("env-before-read-docs", verdicts.on_env_before_read_docs)
    app.connect("env-updated", verdicts.on_env_updated)
    app.add_builder(builder.QuoteCheckBuilder)
