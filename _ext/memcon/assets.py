"""The extension's CSS and JavaScript, and the theme's cut down to what the site uses."""

from __future__ import annotations

import pickle
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


#: Each file's words and scripts, by path, with the file's size and time: a page is read
#: again only when it was written again.
Seen = dict[str, tuple[tuple[int, int], frozenset[str], tuple[str, ...]]]


def _site_names(outdir: Path, seen: Seen) -> tuple[set[str], Seen]:
    """The words of every page of a built site and of every script its pages load (read
    again only where a file changed since ``seen``), and what was seen now."""
    now: Seen = {}

    def read(path: Path) -> tuple[frozenset[str], tuple[str, ...]]:
        stat = path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
        kept = seen.get(str(path))
        if kept is None or kept[0] != stamp:
            text = path.read_text("utf-8")
            scripts = tuple(src for src in SCRIPT.findall(text) if "://" not in src)
            kept = (stamp, frozenset(used_names([text])), scripts)
        now[str(path)] = kept
        return kept[1], kept[2]

    names: set[str] = set()
    scripts: set[Path] = set()
    for page in outdir.rglob("*.html"):
        if "_static" not in page.relative_to(outdir).parts:
            words, sources = read(page)
            names |= words
            scripts.update((page.parent / src).resolve() for src in sources)
    for script in sorted(scripts):
        if script.is_file():
            names |= read(script)[0]
    return names, now


def trim_stylesheets(app: Sphinx, exception: Exception | None) -> None:
    """Cut the site's stylesheets down to the rules its pages and scripts can use (the
    theme's are 450 KB, most of it for components the edition never shows), so that a
    reader's first visit stays light (tests/browser/test_weight.py)."""
    if exception is not None or app.builder.name not in HOSTED:
        return
    outdir = Path(app.outdir)
    # What the pages were last seen to hold, kept beside the environment: an incremental
    # build reads again only the pages it wrote.
    memo = Path(app.doctreedir) / "memcon-styles.pickle"
    try:
        seen: Seen = pickle.loads(memo.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError):
        seen = {}
    names, now = _site_names(outdir, seen if isinstance(seen, dict) else {})
    for sheet in sorted((outdir / "_static").rglob("*.css")):
        sheet.write_text(purge(sheet.read_text("utf-8"), names), "utf-8")
    memo.parent.mkdir(parents=True, exist_ok=True)
    memo.write_bytes(pickle.dumps(now))


def setup(app: Sphinx) -> None:
    """Register the edition's CSS and JavaScript."""
    app.connect("builder-inited", on_builder_inited)
    app.connect("build-finished", trim_stylesheets)
    app.add_css_file("memcon.css")
    app.add_js_file("memcon.js", loading_method="defer")
