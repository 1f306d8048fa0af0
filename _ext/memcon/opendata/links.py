"""The "Download" line of a transcribed conversation's page: its TEI, the JSON dataset and
the archive's OCR text, as the HTML site serves them under ``data/``."""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..domain import get_domain
from ..records import Conversation
from ..transcripts.nodes import transcript_header

#: The builders that write the data (see :mod:`memcon.opendata.write`).
BUILDERS = ("html",)


def ocr_source(srcdir: Path, conv: Conversation) -> Path | None:
    """The archive's OCR text the edition keeps of a conversation (``ocr/<id>.txt`` beside
    its page), if it keeps one."""
    path = srcdir / Path(conv.docname).parent / "ocr" / f"{conv.id}.txt"
    return path if path.is_file() else None


def data_files(srcdir: Path, conv: Conversation) -> list[tuple[str, str]]:
    """The label and path, from the site's root, of each file a transcript's page links."""
    files = [("TEI", f"data/tei/{conv.id}.xml"), ("JSON", "data/edition.json")]
    if ocr_source(srcdir, conv):
        files.append(("the archive's OCR text", f"data/ocr/{conv.id}.txt"))
    return files


class AddDownloads(SphinxPostTransform):
    """Add the download line after a transcribed conversation's header."""

    # After the header is written (ExpandHeader, 5); HTML only: the data is the site's.
    default_priority = 6
    builders = BUILDERS

    def run(self, **kwargs: Any) -> None:
        conv = get_domain(self.env).conversation_of(self.env.docname)
        if conv is None or conv.status != "transcribed":
            return
        for header in self.document.findall(transcript_header):
            header.parent.insert(header.parent.index(header) + 1, self._line(conv))
            return

    def _line(self, conv: Conversation) -> nodes.paragraph:
        here = posixpath.dirname(self.env.docname)  # the HTML builder's page is <docname>.html
        line = nodes.paragraph(classes=["downloads"])
        line += nodes.strong("", "Download: ")
        for number, (label, path) in enumerate(data_files(Path(self.env.srcdir), conv)):
            if number:
                line += nodes.Text(" · ")
            uri = posixpath.relpath(path, here or ".")
            line += nodes.reference(label, label, refuri=uri, classes=["download"])
        return line
