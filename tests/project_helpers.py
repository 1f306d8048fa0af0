"""Small test projects written on the fly, and the warnings their builds give.

Shared by the hostile-input and safety tests: each example writes its own project in a
fresh directory (a copy of the test-quotecheck transcripts, an index with a glob
toctree, and the pages under test) and reads back the warnings as located, typed records.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

TEST_ROOT = Path(__file__).resolve().parent / "roots" / "test-quotecheck"

CONF = '''
extensions = ["myst_parser", "memcon"]
myst_enable_extensions = ["colon_fence"]
include_patterns = ["index.md", "transcripts/**", "analysis/**"]
suppress_warnings = ["myst.strikethrough"]
html_theme = {theme!r}


def setup(app):
    """With ``forbid=False``, lift memcon's guard on file insertion, to test what its
    transform does on its own."""
    if not {forbid!r}:
        app.connect(
            "builder-inited",
            lambda app: app.env.settings.update(file_insertion_enabled=True),
        )
'''

INDEX = """# Test edition

```{{toctree}}
:glob:

{globs}
```
"""

#: ``path:line: WARNING: message [type.subtype]``; the message may run over lines.
_RECORD = re.compile(r"^(?P<where>.*?): (?P<level>WARNING|ERROR|CRITICAL): ", re.M)
ANSI = re.compile(r"\x1b\[[0-9;]*m")
_TYPE = re.compile(r"\[(?P<type>[a-z_-]+)(?:\.(?P<subtype>[a-z_.-]+))?\]\s*$")
_LOCATION = re.compile(r"^(?P<path>.+):(?P<line>\d+)$")


@dataclass(frozen=True)
class BuildWarning:
    """One warning of a build, as Sphinx printed it."""

    where: str  #: what precedes the level: ``path:line`` when located
    level: str
    message: str  #: the rest, its type suffix included

    @property
    def path(self) -> str | None:
        """The file, when the warning is located at a line of it."""
        found = _LOCATION.match(self.where)
        return found["path"] if found else None

    @property
    def line(self) -> int | None:
        """The line, when the warning is located."""
        found = _LOCATION.match(self.where)
        return int(found["line"]) if found else None

    @property
    def type(self) -> str | None:
        """``type`` or ``type.subtype``, from the message's final ``[...]``."""
        found = _TYPE.search(self.message)
        if not found:
            return None
        return found["type"] + (f".{found['subtype']}" if found["subtype"] else "")


def write_project(
    root: Path, pages: dict[str, str | bytes], *, forbid: bool = True, theme: str = "alabaster"
) -> Path:
    """Write a project under ``root``: the test transcripts, then ``pages`` (which may
    replace them), and return its source directory."""
    (root / "transcripts").mkdir(parents=True, exist_ok=True)
    for transcript in (TEST_ROOT / "transcripts").glob("*.md"):
        (root / "transcripts" / transcript.name).write_text(transcript.read_text("utf-8"), "utf-8")
    (root / "conf.py").write_text(CONF.format(forbid=forbid, theme=theme), "utf-8")
    for name, content in pages.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, "utf-8")
    globs = [f"{folder}/*" for folder in ("transcripts", "analysis") if (root / folder).is_dir()]
    if not (root / "index.md").exists():
        (root / "index.md").write_text(INDEX.format(globs="\n".join(globs)), "utf-8")
    return root


def warnings_of(text: str) -> list[BuildWarning]:
    """The warnings (and errors) in a build's warning stream."""
    text = ANSI.sub("", text)
    starts = list(_RECORD.finditer(text))
    records = []
    for number, start in enumerate(starts):
        end = starts[number + 1].start() if number + 1 < len(starts) else len(text)
        records.append(
            BuildWarning(start["where"], start["level"], text[start.end() : end].strip())
        )
    return records


#: Types a warning about a page's content may have: the edition's own, the parsers', and
#: docutils' footnote check as Sphinx types it (a footnote nothing refers to).
CONTENT_TYPES = ("quotecheck.", "memcon.", "myst.", "docutils", "ref.footnote")


def unlocated_or_untyped(warnings: list[BuildWarning], srcdir: Path) -> list[BuildWarning]:
    """The warnings that are not located at a line of a page of ``srcdir`` or that are
    not typed as the edition's or the parsers' (the failures of hostile-input tests)."""
    bad = []
    for warning in warnings:
        located = warning.path is not None and Path(warning.path).is_relative_to(srcdir)
        typed = warning.type is not None and warning.type.startswith(CONTENT_TYPES)
        if not (located and typed):
            bad.append(warning)
    return bad


def build_checked(
    make_app: Callable[..., Any], srcdir: Path, buildername: str = "html"
) -> tuple[Any, list[BuildWarning]]:
    """Build ``srcdir`` afresh; the build must finish (an exception fails the test), and
    every warning must be located at a line of one of its pages and typed."""
    app = make_app(buildername, srcdir=srcdir, freshenv=True, warning=io.StringIO())
    app.build()
    warnings = warnings_of(app._warning.getvalue())
    bad = unlocated_or_untyped(warnings, srcdir)
    assert not bad, "\n".join(f"{w.where}: {w.level}: {w.message}" for w in bad)
    return app, warnings


def warning_lines(app: Any) -> list[str]:
    """A test app's warning lines, without colour codes, paths relative to its source."""
    text = ANSI.sub("", app.warning.getvalue()).replace(str(app.srcdir) + os.sep, "")
    return [line for line in text.splitlines() if "WARNING" in line]


def edit(path: Path, old: str, new: str) -> None:
    """Replace ``old`` (which must be there) by ``new`` in ``path``, and date the file a few
    seconds ahead, so that an incremental build sees it changed."""
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")
    later = time.time() + 5
    os.utime(path, (later, later))


def built_afresh(make_app: Any, srcdir: Path, to: Path, builder: str = "html") -> Any:
    """A fresh build of a copy of ``srcdir`` in ``to`` (its build folder left out): what an
    incremental build of the edited source must equal."""
    shutil.copytree(srcdir, to, ignore=shutil.ignore_patterns("_build"))
    app = make_app(builder, srcdir=to, freshenv=True)
    app.build()
    return app
