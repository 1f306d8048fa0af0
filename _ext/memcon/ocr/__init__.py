"""Import the archive's OCR text of a memorandum of conversation as a transcript page.

The OCR text mixes the memorandum with its page furniture (classification banners and
blocks, NW#/DocId stamps, letterheads, page numbers). :func:`read_ocr` separates them into a
:class:`Memorandum`: the cover memorandum (kept verbatim), the header fields, the speaker
turns with their markings, the page breaks, and the provenance the furniture gives (control
number, classification block, declassification stamp); :func:`render_page` writes the MyST
page described in the edition's design. The spoken words are never changed.

Pure: nothing here imports Sphinx or docutils. The modules, in the order the text is read:
:mod:`.furniture` (the lines, and which are page furniture), :mod:`.provenance` (what the
furniture records), :mod:`.header`, :mod:`.speakers` (labels matched to participants),
:mod:`.turns`, :mod:`.memorandum` (all of it read), :mod:`.page` (the page written),
:mod:`.fill` (a pending page given its text), :mod:`.persons` (what the register lacks) and
:mod:`.cli`.

Command line (``make transcript SRC=... ID=... [SPEAKERS=...] [FORCE=1]``, or the
``memcon-import`` script)::

    python -m memcon.ocr SRC --id ID [--out DIR] [--speaker LABEL=ID ...]
        [--speakers "LABEL=ID ..."] [--force] [--persons FILE]
"""

from __future__ import annotations

from .cli import main
from .errors import OcrError
from .header import Header, HeaderParticipant
from .memorandum import Memorandum, read_ocr
from .page import REPOSITORY, ImportedPage, front_matter, import_ocr, render_page
from .turns import DEFAULT_SPEAKERS, ImportedTurn

__all__ = [
    "DEFAULT_SPEAKERS",
    "REPOSITORY",
    "Header",
    "HeaderParticipant",
    "ImportedPage",
    "ImportedTurn",
    "Memorandum",
    "OcrError",
    "front_matter",
    "import_ocr",
    "main",
    "read_ocr",
    "render_page",
]
