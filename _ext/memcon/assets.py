"""The extension's CSS and JavaScript, and the theme's cut down to what the site uses."""

from __future__ import annotations

import re
from pathlib import Path

from sphinx.application import Sphinx

from .stylesheets import purge, used_names

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
        app.add_js_file("memcon-menus.js", loading_method="defer")


#: A script a page loads.
SCRIPT = re.compile(r"<script\b[^>]*\ssrc=\"([^\"?#]+)")


def _site_texts(outdir: Path) -> list[str]:
    """The text of every page of a built site and of every script its pages load."""
    pages = [p for p in outdir.rglob("*.html") if "_static" not in p.relative_to(outdir).parts]
    texts = [page.read_text("utf-8") for page in pages]
    scripts = {
        (page.parent / src).resolve()
        for page, text in zip(pages, texts, strict=True)
        for src in SCRIPT.findall(text)
        if "://" not in src
    }
    return texts + [s.read_text("utf-8") for s in sorted(scripts) if s.is_file()]


def trim_stylesheets(app: Sphinx, exception: Exception | None) -> None:
    """Cut the site's stylesheets down to the rules its pages and scripts can use (the
    theme's are 450 KB, most of it for components the edition never shows), so that a
    reader's first visit stays light (tests/browser/test_weight.py)."""
    if exception is not None or app.builder.name not in HOSTED:
        return
    outdir = Path(app.outdir)
    names = used_names(_site_texts(outdir))
    for sheet in sorted((outdir / "_static").rglob("*.css")):
        sheet.write_text(purge(sheet.read_text("utf-8"), names), "utf-8")


def setup(app: Sphinx) -> None:
    """Register the edition's CSS and JavaScript."""
    app.connect("builder-inited", on_builder_inited)
    app.connect("build-finished", trim_stylesheets)
    app.add_css_file("memcon.css")
    app.add_js_file("memcon.js", loading_method="defer")
