"""The extension's CSS and JavaScript, and the theme's cut down to what the site uses."""

from __future__ import annotations

import hashlib
import pickle
import re
from dataclasses import dataclass, field
from pathlib import Path

from sphinx.application import Sphinx

from .stylesheets import purge, selector_names, used_names

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


@dataclass
class StyleMemo:
    """What the last build's trimming saw, kept beside the environment: an incremental
    build reads again only the pages it wrote, and cuts a stylesheet again only when its
    source or the names that can keep its rules changed."""

    #: the class and id names the stylesheets' selectors could require
    vocabulary: frozenset[str] = frozenset()
    #: each page's and script's size and time, its words among :attr:`vocabulary`, and
    #: the scripts it loads, by path
    files: dict[str, tuple[tuple[int, int], frozenset[str], tuple[str, ...]]] = field(
        default_factory=dict
    )
    #: each stylesheet's source digest, the names that kept its rules, and what was kept
    sheets: dict[str, tuple[str, frozenset[str], str]] = field(default_factory=dict)


def _site_names(outdir: Path, vocabulary: frozenset[str], memo: StyleMemo) -> StyleMemo:
    """The words among ``vocabulary`` of every page of a built site and of every script
    its pages load, read again only where a file changed since ``memo``."""
    seen = memo.files if memo.vocabulary == vocabulary else {}
    now = StyleMemo(vocabulary)

    def read(path: Path) -> tuple[frozenset[str], tuple[str, ...]]:
        stat = path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
        kept = seen.get(str(path))
        if kept is None or kept[0] != stamp:
            data = path.read_bytes()
            text = data.decode("utf-8", "replace")
            scripts = tuple(src for src in SCRIPT.findall(text) if "://" not in src)
            kept = (stamp, frozenset(used_names([data]) & vocabulary), scripts)
        now.files[str(path)] = kept
        return kept[1], kept[2]

    # Pages of one folder load the same scripts: each is located once.
    located: dict[tuple[Path, str], Path] = {}
    for page in outdir.rglob("*.html"):
        if "_static" not in page.relative_to(outdir).parts:
            for src in read(page)[1]:
                if (page.parent, src) not in located:
                    located[page.parent, src] = (page.parent / src).resolve()
    scripts = set(located.values())
    for script in sorted(scripts):
        if script.is_file():
            read(script)
    return now


def trim_stylesheets(app: Sphinx, exception: Exception | None) -> None:
    """Cut the site's stylesheets down to the rules its pages and scripts can use (the
    theme's are 450 KB, most of it for components the edition never shows), so that a
    reader's first visit stays light (tests/browser/test_weight.py)."""
    if exception is not None or app.builder.name not in HOSTED:
        return
    outdir = Path(app.outdir)
    path = Path(app.doctreedir) / "memcon-styles.pickle"
    try:
        memo = pickle.loads(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError):
        memo = None
    if not isinstance(memo, StyleMemo):
        memo = StyleMemo()
    # The theme's stylesheets are copied afresh by every build: each is its source here.
    sources = {
        str(sheet): sheet.read_text("utf-8") for sheet in (outdir / "_static").rglob("*.css")
    }
    digests = {sheet: _digest(css) for sheet, css in sources.items()}
    required = {sheet: frozenset(selector_names(css)) for sheet, css in sources.items()}
    vocabulary = frozenset().union(*required.values())
    now = _site_names(outdir, vocabulary, memo)
    names = frozenset().union(*(words for _, words, _ in now.files.values()))
    for sheet in sorted(sources):
        css = sources[sheet]
        relevant = names & required[sheet]
        kept = memo.sheets.get(sheet)
        if kept is not None and kept[0] == digests[sheet] and kept[1] == relevant:
            trimmed = kept[2]
        else:
            trimmed = purge(css, set(relevant))
        now.sheets[sheet] = (digests[sheet], relevant, trimmed)
        Path(sheet).write_text(trimmed, "utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(now))


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()


def setup(app: Sphinx) -> None:
    """Register the edition's CSS and JavaScript."""
    app.connect("builder-inited", on_builder_inited)
    app.connect("build-finished", trim_stylesheets)
    app.add_css_file("memcon.css")
    app.add_js_file("memcon.js", loading_method="defer")
