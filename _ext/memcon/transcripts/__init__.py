"""The transcripts and the apparatus around them: front matter, turns, page breaks, notes,
persons, and the listings generated from every page (catalogue, register, verification)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the package imports without Sphinx
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    """Register what the transcripts own: their nodes, directives and roles, the transforms
    that place notes and expand turns, the listings, and the events that read front matter,
    the persons register and the turns."""
    # Imported here, not above: the pure front-matter schema must load without Sphinx.
    from . import collect, directives, frontmatter, listings, nodes, persons, roles, transforms

    for node, visitors in nodes.NODES:
        app.add_node(node, **visitors)
    app.add_directive("turn", directives.TurnDirective)
    app.add_directive("closing", directives.ClosingDirective)
    app.add_directive("cover-memorandum", directives.CoverMemorandumDirective)
    app.add_directive("transcript-header", directives.TranscriptHeaderDirective)
    app.add_directive("catalogue", directives.CatalogueDirective)
    app.add_directive("persons-register", directives.PersonsRegisterDirective)
    app.add_directive("verification", directives.VerificationDirective)
    app.add_role("page", roles.PageRole())
    app.add_role("note", roles.NoteRole())
    app.add_role("person", roles.PersonRole())
    app.add_transform(transforms.MoveNotes)
    app.add_post_transform(listings.RenderListings)
    app.add_post_transform(listings.ExpandPageLists)
    app.add_post_transform(listings.ExpandDataTables)
    app.add_post_transform(transforms.RepairSidenotes)
    app.add_post_transform(transforms.ExpandTurns)
    app.add_post_transform(transforms.ExpandHeader)
    app.connect("builder-inited", persons.on_builder_inited)
    app.connect("source-read", frontmatter.on_source_read)
    app.connect("doctree-read", collect.on_doctree_read)
