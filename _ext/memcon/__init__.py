"""An annotated edition of memorandums of conversation, with a build-time quotation checker.

``extensions = ["memcon"]`` in ``conf.py``.  Registration only; see the modules.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from . import assets, config, safety
from .domain import EditionDomain
from .quotations import collect as quote_collect
from .quotations import nodes as quote_nodes
from .quotations import render as quote_render
from .quotations import verdicts
from .quotations.builder import QuoteCheckBuilder
from .quotations.directives import SourcesDirective
from .quotations.roles import ExemptRole, ParaphraseRole, QuoteRole, SicRole
from .quotations.transforms import FindQuotations
from .transcripts import collect as transcript_collect
from .transcripts import directives, frontmatter, listings, persons, roles
from .transcripts import nodes as transcript_nodes
from .transcripts.transforms import ExpandHeader, ExpandTurns, MoveNotes, RepairSidenotes

__version__ = "0.1.0"


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the edition's extension."""
    config.add_settings(app)
    app.connect("config-inited", config.validate)
    app.add_domain(EditionDomain)
    transcript_nodes.setup(app)
    quote_nodes.setup(app)

    app.add_directive("turn", directives.TurnDirective)
    app.add_directive("closing", directives.ClosingDirective)
    app.add_directive("cover-memorandum", directives.CoverMemorandumDirective)
    app.add_directive("transcript-header", directives.TranscriptHeaderDirective)
    app.add_directive("catalogue", directives.CatalogueDirective)
    app.add_directive("persons-register", directives.PersonsRegisterDirective)
    app.add_directive("verification", directives.VerificationDirective)
    app.add_directive("sources", SourcesDirective)
    app.add_role("page", roles.PageRole())
    app.add_role("note", roles.NoteRole())
    app.add_role("person", roles.PersonRole())
    app.add_role("quote", QuoteRole())
    app.add_role("sic", SicRole())
    app.add_role("paraphrase", ParaphraseRole())
    app.add_role("exempt", ExemptRole())

    app.add_transform(MoveNotes)
    app.add_transform(safety.RefuseRawContent)
    app.add_transform(FindQuotations)
    quote_render.setup(app)
    app.add_post_transform(listings.RenderListings)
    app.add_post_transform(listings.ExpandPageLists)
    app.add_post_transform(listings.ExpandDataTables)
    app.add_post_transform(RepairSidenotes)
    app.add_post_transform(ExpandTurns)
    app.add_post_transform(ExpandHeader)
    app.add_builder(QuoteCheckBuilder)

    app.connect("builder-inited", persons.on_builder_inited)
    app.connect("builder-inited", assets.on_builder_inited)
    app.connect("builder-inited", safety.forbid_file_insertion)
    # Before the verdicts' handler of the same event, so an unreadable page is left unread.
    app.connect("env-before-read-docs", safety.skip_undecodable, priority=400)
    app.connect("source-read", frontmatter.on_source_read)
    app.connect("doctree-read", transcript_collect.on_doctree_read)
    app.connect("doctree-read", quote_collect.on_doctree_read)
    app.connect("env-before-read-docs", verdicts.on_env_before_read_docs)
    app.connect("env-updated", verdicts.on_env_updated)
    app.add_css_file("memcon.css")
    app.add_js_file("memcon.js", loading_method="defer")
    return {
        "version": __version__,
        "env_version": 7,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
