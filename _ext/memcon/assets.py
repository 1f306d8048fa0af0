"""The extension's CSS and JavaScript."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

STATIC = Path(__file__).resolve().parent / "static"
#: The theme's layout fixes, in a folder of their own: an EPUB must not even carry them
#: (epubcheck rejects their selectors).
STATIC_HOSTED = Path(__file__).resolve().parent / "static_hosted"
#: The builders of the hosted site, which get the theme's layout fixes (not EPUB).
HOSTED = ("html", "dirhtml", "singlehtml")


def on_builder_inited(app: Sphinx) -> None:
    """Make the static files available; add the theme's layout fixes for the hosted site."""
    app.config.html_static_path.append(str(STATIC))
    if app.builder.name in HOSTED:
        app.config.html_static_path.append(str(STATIC_HOSTED))
        app.add_css_file("memcon-theme.css")


def setup(app: Sphinx) -> None:
    """Register the edition's CSS and JavaScript."""
    app.connect("builder-inited", on_builder_inited)
    app.add_css_file("memcon.css")
    app.add_js_file("memcon.js", loading_method="defer")
