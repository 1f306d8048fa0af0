"""The command line: ``python -m memcon.ocr SRC --id ID [--out DIR] [--speaker LABEL=ID]``
writes ``DIR/ID.md``, and never over an existing page."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from ..schema import ID_EXPECTED, SPEAKER_ID, SPEAKER_ID_EXPECTED, TRANSCRIPT_ID
from .errors import OcrError
from .page import import_ocr
from .turns import DEFAULT_SPEAKERS


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: import SRC as DIR/ID.md; exit status 1 with a message when it cannot."""
    parser = _argument_parser()
    args = parser.parse_args(argv)
    speakers = {**DEFAULT_SPEAKERS, **dict(args.speaker)}
    try:
        if not TRANSCRIPT_ID.fullmatch(args.id):
            raise OcrError(f"invalid --id {args.id!r}: expected {ID_EXPECTED}")
        if not args.out.is_dir():
            raise OcrError(f"the output directory {args.out} does not exist")
        target = args.out / f"{args.id}.md"
        if target.exists():
            raise OcrError(f"refusing to overwrite {target}: the page exists; remove it first")
        imported = import_ocr(_read_text(args.src), args.id, speakers)
        _write_new(target, imported.text)
    except OcrError as error:
        print(f"{args.src}: error: {error}", file=sys.stderr)
        return 1
    memorandum = imported.memorandum
    for note in memorandum.notes:
        print(f"{args.src}: note: {note}", file=sys.stderr)
    print(
        f"wrote {target}: {len(memorandum.turns)} turns, pages {', '.join(memorandum.pages)}"
        + (", cover memorandum" if memorandum.cover else "")
    )
    return 0


def _argument_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m memcon.ocr",
        description="Import an archive OCR text of a memorandum of conversation as a "
        "transcript page DIR/ID.md. An existing page is never overwritten.",
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
        help="a further speaker label and its speaker id, e.g. 'Secretary Rice=rice' "
        f"(known: {', '.join(f'{label}={id_}' for label, id_ in DEFAULT_SPEAKERS.items())})",
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


def _write_new(target: Path, text: str) -> None:
    try:
        with target.open("x", encoding="utf-8", newline="\n") as page:
            page.write(text)
    except FileExistsError:
        raise OcrError(
            f"refusing to overwrite {target}: the page exists; remove it first"
        ) from None
    except OSError as error:
        raise OcrError(f"cannot write {target}: {error.strerror}") from None
