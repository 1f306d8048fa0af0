"""The edition's open data: every transcript as TEI P5, every quotation of a transcribed
conversation as a W3C Web Annotation, the edition as a JSON dataset and its turns as CSV,
written with the HTML site under ``data/``, and a "Download" line on each transcript."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the package imports without Sphinx
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    """Register the writing of the data with the site and the transcripts' download line."""
    # Imported here, not above: the formats (tei, dataset, webannotations) load without Sphinx.
    from . import links, write

    app.add_post_transform(links.AddDownloads)
    app.connect("build-finished", write.on_build_finished)
