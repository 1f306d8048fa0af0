"""Contributed content runs no code and reads nothing outside the edition.

Transcripts and analysis pages are contributed by pull request; the built edition is
published as is.  :class:`RefuseRawContent` removes from those pages what would put
script or arbitrary markup into the published pages (raw HTML, which MyST makes of inline
and block HTML and of ``raw`` directives; ``javascript:`` links) or publish a file from
outside the edition (what ``include`` and ``literalinclude`` inserted, images and
downloads, which Sphinx would copy into the output), each with a located
``memcon.unsafe`` warning.

A transform runs after the page is parsed, so it cannot stop a directive from *reading* a
file or fetching a URL (``:file:``, ``:url:``) while the page is parsed; it reports what
was read, and :func:`forbid_file_insertion` stops the reading, for the whole edition,
whose pages insert no files.

A page that is not valid UTF-8 would stop the build with a traceback (Sphinx 9 decodes
sources strictly, before any extension sees them); :func:`skip_undecodable` leaves it
unread, with a located warning.
"""

from __future__ import annotations

import os
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform

from .domain import get_domain
from .lines import exact_line
from .transcripts.frontmatter import is_checked, is_transcript
from .warnings_ import MemconWarning, warn

#: URL schemes that run script when a reader follows the link.
SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:")
OUTSIDE = "outside the edition's source directory"


#: Raw output the MyST parser itself writes for its own syntax, (format, text): a hard line
#: break (a line ending in a backslash, as in a cover memorandum's address block) and
#: ``~~strikethrough~~`` (a struck classification marking). Fixed strings: no script.
MARKUP_OWN_RAW = frozenset(
    {("html", "<br />\n"), ("latex", "\\\\\n"), ("html", "<s>"), ("html", "</s>")}
)


class RefuseRawContent(SphinxTransform):
    """Remove raw content, script links and outside files from contributed pages, each
    reported as ``memcon.unsafe`` at its line."""

    # Right after parsing: before the quotations are found (700), which must not count
    # words that will not be published, and before Sphinx collects images and downloads
    # (doctree-read), which would copy them into the output.
    default_priority = 200

    def apply(self, **kwargs: object) -> None:
        docname = self.env.docname
        if not (is_transcript(self.config, docname) or is_checked(self.config, docname)):
            return
        self.page = str(self.document.get("source", ""))
        read = [path for path in _dependencies(self.document) if self._outside(path)]
        reported: set[str] = set()
        for node, problem in self._unsafe(set(read)):
            self._report(self._line(node), problem)
            reported.add(node.source or "")
            if isinstance(node, nodes.reference):
                node.replace_self(node.children)
            elif node.parent is not None:
                node.parent.remove(node)
        for path in read:
            if path not in reported:  # e.g. a csv-table's :file:, whose cells cannot be told
                self._report(
                    self._directive_line(path),
                    f"reads {self._outside(path)}, a file {OUTSIDE}; contributed pages "
                    "may use only the edition's files",
                )

    def _unsafe(self, read: set[str]) -> list[tuple[nodes.Element, str]]:
        """The outermost offending nodes, with what is wrong with each."""
        found: list[tuple[nodes.Element, str]] = []
        inside: set[int] = set()
        for node in self.document.findall(nodes.Element):
            if id(node.parent) in inside:
                inside.add(id(node))
                continue
            problem = self._problem(node, read)
            if problem:
                found.append((node, problem))
                inside.add(id(node))
        return found

    def _problem(self, node: nodes.Element, read: set[str]) -> str | None:
        if node.source and node.source in read:
            return f"inserts {self._outside(node.source)}, a file {OUTSIDE}: removed"
        if (
            isinstance(node, nodes.raw)
            and (node.get("format"), node.astext()) not in MARKUP_OWN_RAW
        ):
            kind = "HTML" if "html" in str(node.get("format", "")).split() else "content"
            return (
                f"raw {kind} is not allowed in contributed pages (it could carry script): "
                "removed; write the text in MyST instead"
            )
        if isinstance(node, nodes.reference):
            uri = "".join(str(node.get("refuri", "")).split()).lower()
            if uri.startswith(SCRIPT_SCHEMES):
                return (
                    f"a {uri.split(':')[0]}: link runs script, which contributed pages may "
                    "not: the link was removed, its text kept"
                )
        if isinstance(node, nodes.literal_block) and node.get("source"):
            outside = self._outside(str(node["source"]))  # what literalinclude read
            if outside:
                return f"inserts {outside}, a file {OUTSIDE}: removed"
        if isinstance(node, nodes.image):
            return self._outside_file(str(node.get("uri", "")), "image")
        if isinstance(node, addnodes.download_reference):
            return self._outside_file(str(node.get("reftarget", "")), "download")
        return None

    def _outside_file(self, target: str, what: str) -> str | None:
        if not target or "://" in target or target.startswith("data:"):
            return None
        _, path = self.env.relfn2path(target, self.env.docname)
        outside = self._outside(path)
        return f"{what} {target!r} is {outside}, {OUTSIDE}: removed" if outside else None

    def _outside(self, path: str) -> Path | None:
        """``path`` resolved (from the working directory, as docutils records it), if it
        lies outside the source directory."""
        if not path or path.startswith("<"):  # "<string>", "<stdin>": no file
            return None
        resolved = Path(os.getcwd(), path).resolve()
        return None if resolved.is_relative_to(Path(self.env.srcdir).resolve()) else resolved

    def _line(self, node: nodes.Element) -> int | None:
        if node.source and node.source != self.page:  # inserted: its lines are another file's
            return self._directive_line(node.source)
        # A raw block knows its own line (MyST stamps it), although docutils counts raw
        # nodes as inline; within a paragraph, the paragraph's line is the one to count from.
        block = isinstance(node, nodes.raw) and not isinstance(node.parent, nodes.TextElement)
        return node.line if block and node.line else exact_line(node)

    def _directive_line(self, path: str) -> int | None:
        """The line of the page that names the file ``path`` (the directive that read it)."""
        name = Path(path).name
        try:
            lines = Path(self.page).read_text("utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            return None
        return next((number for number, text in enumerate(lines, start=1) if name in text), None)

    def _report(self, line: int | None, message: str) -> None:
        get_domain(self.env).report(self.env.docname, line, MemconWarning.unsafe, message)


def _dependencies(document: nodes.document) -> list[str]:
    """The files docutils noted as read while parsing (include, raw and csv-table files)."""
    recorded = getattr(document.settings, "record_dependencies", None)
    return list(getattr(recorded, "list", None) or [])


def forbid_file_insertion(app: Sphinx) -> None:
    """Stop directives from reading files or fetching URLs while pages are parsed
    (docutils' ``file_insertion_enabled``): ``include``, ``literalinclude``, ``raw`` and
    ``csv-table`` with ``:file:`` or ``:url:`` then say they are disabled, at their line."""
    app.env.settings["file_insertion_enabled"] = False


def skip_undecodable(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Leave unread the pages that are not valid in the source encoding, each with a
    warning at the line of its first undecodable byte.

    Connected to ``env-before-read-docs`` before the handlers that note what is read.
    The page stays out of the build (and of glob toctrees) until it is fixed; the warning
    comes back on every build, since the page is then new again.
    """
    encoding = env.settings.get("input_encoding", "utf-8-sig")
    for docname in list(docnames):
        try:
            env.doc2path(docname).read_bytes().decode(encoding)
        except OSError:
            continue  # Sphinx reports a page it cannot open
        except UnicodeDecodeError as error:
            line = error.object[: error.start].count(b"\n") + 1
            docnames.remove(docname)
            env.found_docs.discard(docname)
            if docname in env.all_docs:  # it was read before: forget that version
                app.events.emit("env-purge-doc", env, docname)
                env.clear_doc(docname)
            warn(
                MemconWarning.unsafe,
                f"the page is not valid {error.encoding} (byte {error.object[error.start]:#04x} "
                f"at offset {error.start}): it was not read; save it as UTF-8",
                (docname, line),
            )


def setup(app: Sphinx) -> None:
    """Register the guards against unsafe content."""
    app.add_transform(RefuseRawContent)
    app.connect("builder-inited", forbid_file_insertion)
    # Before the verdicts' handler of the same event, so an unreadable page is left unread.
    app.connect("env-before-read-docs", skip_undecodable, priority=400)
