"""The command line: ``python -m memcon.ocr SRC --id ID [--out DIR] [--speaker LABEL=ID]
[--speakers "LABEL=ID ..."] [--force] [--persons FILE]`` writes ``DIR/ID.md``.

A new page is written whole; a pending page is given its text under its curated front
matter (:mod:`.fill`); a transcribed page is refused unless ``--force``. The page is written
to a temporary file and renamed, so that an interrupted import leaves no half-written page.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..files import write_atomically
from ..identifiers import ID_EXPECTED, SPEAKER_ID, SPEAKER_ID_EXPECTED, TRANSCRIPT_ID
from ..schema import parse_front_matter, validate
from .errors import OcrError
from .fill import fill_page
from .memorandum import Memorandum
from .page import import_ocr
from .persons import missing_entries, read_register
from .speakers import UnknownSpeakers
from .turns import DEFAULT_SPEAKERS

_SPEAKERS_ITEM = re.compile(r"\s*(?P<label>[^=]+?)\s*=\s*(?P<id>\S+)(?:\s+|$)")


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: import SRC as DIR/ID.md; exit status 1 with a message when it cannot."""
    args = _argument_parser().parse_args(argv)
    speakers = {**DEFAULT_SPEAKERS, **dict(args.speaker), **dict(args.speakers)}
    target = args.out / f"{args.id}.md"
    try:
        page = _page(args, speakers, target)
        missing = _missing_persons(args.persons, page)
        _write_atomically(target, page.text)
    except UnknownSpeakers as error:
        print(f"{args.src}: error: {error}", file=sys.stderr)
        print(f"rerun with their speaker ids: {_rerun(args, error)}", file=sys.stderr)
        return 1
    except OcrError as error:
        print(f"{args.src}: error: {error}", file=sys.stderr)
        return 1
    for note in page.notes:
        print(f"{args.src}: note: {note}", file=sys.stderr)
    if missing:
        print(
            f"{args.src}: note: the persons register {args.persons} lacks people or labels "
            "this page names; add these lines (check each against the memorandum):\n"
            + "\n".join(missing),
            file=sys.stderr,
        )
    print(f"{'filled' if page.filled else 'wrote'} {target}: {page.summary}")
    return 0


@dataclass(frozen=True)
class _Written:
    """What the import writes, and what it tells the editor."""

    text: str
    #: The page as the document alone gives it, before any curated field was kept.
    imported: str
    memorandum: Memorandum
    notes: list[str]
    filled: bool  #: whether an existing page was given its text

    @property
    def summary(self) -> str:
        """What was read: the turns, the pages, a cover memorandum."""
        read = self.memorandum
        return f"{len(read.turns)} turns, pages {', '.join(read.pages)}" + (
            ", cover memorandum" if read.cover else ""
        )


def _page(args: argparse.Namespace, speakers: dict[str, str], target: Path) -> _Written:
    """The page: a new one, or the existing page given its text."""
    if not TRANSCRIPT_ID.fullmatch(args.id):
        raise OcrError(f"invalid --id {args.id!r}: expected {ID_EXPECTED}")
    if not args.out.is_dir():
        raise OcrError(f"the output directory {args.out} does not exist")
    imported = import_ocr(_read_text(args.src), args.id, speakers)
    notes = list(imported.memorandum.notes)
    if not target.exists():
        return _Written(imported.text, imported.text, imported.memorandum, notes, filled=False)
    try:
        existing = target.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise OcrError(f"cannot read {target}: {error}") from None
    try:
        filled = fill_page(existing, imported, force=args.force)
    except OcrError as error:
        raise OcrError(f"{target}: {error}") from None
    kept = [f"kept the page's {line}" for line in filled.disagreements]
    return _Written(filled.text, imported.text, imported.memorandum, [*notes, *kept], filled=True)


def _missing_persons(register: Path, page: _Written) -> list[str]:
    """The register's lines the page needs: people it lacks, labels that name nobody."""
    if not register.exists():
        return []
    labels: dict[str, list[str]] = {}
    for turn in page.memorandum.turns:
        name = page.memorandum.speaker_names.get(turn.speaker)
        if name is not None:
            labels.setdefault(name, []).append(turn.label)
    pages = [validate(*parse_front_matter(text)) for text in (page.text, page.imported)]
    return missing_entries(pages, read_register(register), labels)


def _rerun(args: argparse.Namespace, error: UnknownSpeakers) -> str:
    given = " ".join(f"{label}={speaker}" for label, speaker in args.speaker + args.speakers)
    speakers = f"{given} {error.given()}".strip()
    force = " FORCE=1" if args.force else ""
    return f'make transcript SRC={args.src} ID={args.id} SPEAKERS="{speakers}"{force}'


def _argument_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m memcon.ocr",
        description="Import an archive OCR text of a memorandum of conversation as the "
        "transcript page DIR/ID.md, or give a pending page its text. A transcribed page is "
        "written over only with --force.",
    )
    parser.add_argument("src", type=Path, metavar="SRC", help="the OCR text (UTF-8)")
    parser.add_argument("--id", required=True, help="the transcript id, e.g. 2003-03-18")
    parser.add_argument(
        "--out",
        type=Path,
        default=Path("transcripts"),
        metavar="DIR",
        help="the directory to write the page into (default: transcripts)",
    )
    parser.add_argument(
        "--speaker",
        action="append",
        default=[],
        type=_speaker_option,
        metavar="LABEL=ID",
        help="a speaker label the participants do not settle, and its speaker id, "
        "e.g. 'Secretary Rice=rice' "
        f"(known: {', '.join(f'{label}={id_}' for label, id_ in DEFAULT_SPEAKERS.items())})",
    )
    parser.add_argument(
        "--speakers",
        default=[],
        type=_speakers_option,
        metavar='"LABEL=ID ..."',
        help="several such labels in one argument, as make's SPEAKERS= gives them",
    )
    parser.add_argument("--force", action="store_true", help="import again over a transcribed page")
    parser.add_argument(
        "--persons",
        type=Path,
        default=Path("docs/persons.yml"),
        metavar="FILE",
        help="the persons register to list missing people against (default: docs/persons.yml)",
    )
    return parser


def _speaker_option(value: str) -> tuple[str, str]:
    label, equals, speaker = value.rpartition("=")
    label, speaker = label.strip(), speaker.strip()
    if not equals or not label:
        raise argparse.ArgumentTypeError(
            f"expected LABEL=ID, e.g. 'Secretary Rice=rice', got {value!r}"
        )
    if not SPEAKER_ID.fullmatch(speaker):
        raise argparse.ArgumentTypeError(
            f"expected {SPEAKER_ID_EXPECTED} after '=', got {speaker!r}"
        )
    return label, speaker


def _speakers_option(value: str) -> list[tuple[str, str]]:
    """``"Secretary Rice=rice Dr. Rice=rice"``: labels may hold spaces, ids never do."""
    items: list[tuple[str, str]] = []
    at = 0
    while at < len(value.strip()):
        match = _SPEAKERS_ITEM.match(value, at)
        if match is None:
            raise argparse.ArgumentTypeError(
                f"expected LABEL=ID pairs separated by spaces, e.g. "
                f"'Secretary Rice=rice Dr. Rice=rice', got {value[at:]!r}"
            )
        items.append(_speaker_option(f"{match['label']}={match['id']}"))
        at = match.end()
    return items


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise OcrError(f"cannot read the file: {error.strerror}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise OcrError(
            f"not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start}); "
            "expected the OCR text in UTF-8"
        ) from None


def _write_atomically(target: Path, text: str) -> None:
    """Write the page whole or not at all (see :func:`memcon.files.write_atomically`)."""
    try:
        write_atomically(target, text.encode("utf-8"))
    except OSError as error:
        raise OcrError(f"cannot write {target}: {error.strerror}") from None
