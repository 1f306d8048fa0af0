#!/usr/bin/env python3
"""Turn a Sphinx build log into GitHub Actions annotations.

Reads the log of ``make quotecheck`` (or any Sphinx build) from the files named, or from
standard input, and prints one workflow command per warning, so that each shows at its line
in the pull request's diff::

    /abs/analysis/nato.md:42: WARNING: misquoted: ... [quotecheck.misquoted]
    ::error file=analysis/nato.md,line=42,title=quotecheck.misquoted::misquoted: ...

A warning is an ``::error`` (the edition builds with warnings as errors); a located line the
checker only reports, such as ``[quotecheck.pending]``, is a ``::notice``.  Paths are made
relative to the repository root (the working directory, or ``--root``).  Other lines are
ignored.  The exit status is 0: the build's own status decides the step.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

#: ``path:line: WARNING: message [type.subtype]``; the line, the location and the
#: ``[type.subtype]`` suffix are each optional in Sphinx's output.
WARNING = re.compile(
    r"^(?:(?P<path>[^\s:][^:]*?)(?::(?P<line>\d+))?:\s+)?"
    r"(?P<level>WARNING|ERROR|CRITICAL|SEVERE):\s+(?P<message>.*?)"
    r"(?:\s+\[(?P<kind>[\w-]+(?:\.[\w-]+)*)\])?\s*$"
)
#: Colour codes, in case the log was written with ``FORCE_COLOR``.
ANSI = re.compile(r"\x1b\[[0-9;]*m")
#: ``path:line: message [quotecheck.subtype]``: a located report that is not a warning.
NOTICE = re.compile(
    r"^(?P<path>[^\s:][^:]*?):(?P<line>\d+):\s+(?P<message>.*?)"
    r"\s+\[(?P<kind>quotecheck\.[\w-]+)\]\s*$"
)


@dataclass(frozen=True)
class Annotation:
    """One GitHub annotation: its level, place, title and message."""

    level: str
    message: str
    path: str | None = None
    line: int | None = None
    title: str | None = None

    def command(self) -> str:
        """The workflow command, escaped as GitHub's runner expects."""
        properties = []
        if self.path:
            properties.append(f"file={_escape_property(self.path)}")
        if self.line:
            properties.append(f"line={self.line}")
        if self.title:
            properties.append(f"title={_escape_property(self.title)}")
        head = f"::{self.level} {','.join(properties)}" if properties else f"::{self.level}"
        return f"{head}::{_escape_data(self.message)}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def relative(path: str, root: Path) -> str:
    """``path`` relative to ``root`` when it lies inside it, as GitHub needs; else as is."""
    candidate = Path(path)
    if not candidate.is_absolute():
        return candidate.as_posix()
    try:
        return candidate.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path


def parse_line(text: str, root: Path) -> Annotation | None:
    """The annotation for one line of the log, or ``None`` for a line that is not one."""
    text = ANSI.sub("", text).rstrip("\r\n")
    match = WARNING.match(text)
    level = "error"
    if match is None:
        match = NOTICE.match(text)
        level = "notice"
    if match is None:
        return None
    path, line = match.group("path"), match.group("line")
    return Annotation(
        level=level,
        message=match.group("message"),
        path=relative(path, root) if path else None,
        line=int(line) if line else None,
        title=match.group("kind"),
    )


def annotate(lines: Iterable[str], root: Path) -> Iterator[Annotation]:
    """The annotations of a log, in its order, each warning once."""
    seen: set[Annotation] = set()
    for text in lines:
        annotation = parse_line(text, root)
        if annotation is not None and annotation not in seen:
            seen.add(annotation)
            yield annotation


def main(argv: list[str] | None = None) -> int:
    """Print the annotations of the logs named (or of standard input)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("logs", nargs="*", type=Path, help="build logs (default: stdin)")
    parser.add_argument(
        "--root",
        type=Path,
        default=Path.cwd(),
        help="the repository root, for relative paths (default: cwd)",
    )
    args = parser.parse_args(argv)
    if args.logs:
        lines: list[str] = []
        for log in args.logs:
            lines.extend(log.read_text("utf-8", errors="replace").splitlines())
    else:
        lines = sys.stdin.read().splitlines()
    for annotation in annotate(lines, args.root):
        print(annotation.command())
    return 0


if __name__ == "__main__":
    sys.exit(main())
