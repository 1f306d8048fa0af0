"""An annotated edition of memorandums of conversation, with a build-time quotation checker.

``extensions = ["memcon"]`` in ``conf.py``.  :func:`setup` composes what each part of the
extension registers; ``docs/architecture.md`` maps the modules and the order things run in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the package imports without Sphinx
    from sphinx.application import Sphinx

__version__ = "0.1.0"


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the edition's extension, part by part."""
    # Imported here, not above: the pure modules (memcon.quotations.match, memcon.ocr)
    # must import without Sphinx, and importing them imports this package first.
    from . import assets, config, opendata, quotations, safety, search, transcripts
    from .domain import MemconDomain

    config.setup(app)  # the memcon_ settings, validated
    app.add_domain(MemconDomain)  # all cross-document state
    transcripts.setup(app)  # transcripts, notes, persons, generated listings
    safety.setup(app)  # no raw HTML, no file insertion, no undecodable page
    quotations.setup(app)  # finding, deciding and rendering quotations; the report
    assets.setup(app)  # the edition's CSS and JavaScript
    opendata.setup(app)  # TEI, Web Annotations, the JSON dataset, written with the site
    search.setup(app)  # what the site's search knows of a page: filters, metadata
    return {
        "version": __version__,
        "env_version": 16,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
