"""Contributed content runs no code and reads nothing outside the edition; a build makes
no network request.

Raw HTML and script in transcripts and analysis pages are refused with a located
``memcon.unsafe`` warning; files outside the source directory are neither read (file
insertion is off) nor published (what was inserted is removed); role targets and front
matter never open a file.  A canary file outside the project, watched through an audit
hook, shows what was opened.
"""

from __future__ import annotations

import io
import os
import shutil
import socket
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from memcon import safety
from memcon.domain import get_domain
from project_helpers import (
    TEST_ROOT,
    BuildWarning,
    build_checked,
    write_project,
)

pytestmark = pytest.mark.sphinx

SECRET = "SECRET-CANARY-7F3A"
VERIFIED = "{quote}`my judgment is that the United Nations is through <2003-03-18#bush>`"

_opened: list[str] | None = None


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if _opened is not None and event == "open" and args and isinstance(args[0], str | Path):
        _opened.append(os.fspath(args[0]))


# Audit hooks cannot be removed: this one records only inside `recording_opens()`.
sys.addaudithook(_audit)


@contextmanager
def recording_opens() -> Iterator[list[str]]:
    """The paths of every file opened in the block."""
    global _opened
    _opened = []
    try:
        yield _opened
    finally:
        _opened = None


@pytest.fixture
def canary(tmp_path: Path) -> Path:
    """A file outside the project (which is written to ``tmp_path / "src"``)."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "canary.csv").write_text(f"a,b\n1,{SECRET}\n", "utf-8")
    path = outside / "canary.txt"
    path.write_text(f"{SECRET} <script>steal()</script>\n", "utf-8")
    return path


def located(warnings: list[BuildWarning], page: str, kind: str) -> list[int]:
    """The lines of ``page`` with a warning of type ``kind``."""
    return sorted(
        w.line for w in warnings if w.type == kind and w.path and w.path.endswith(page) and w.line
    )


def body(app: Any, docname: str) -> BeautifulSoup:
    html = (Path(app.outdir) / f"{docname}.html").read_text("utf-8")
    main = BeautifulSoup(html, "html.parser").find("div", class_="body")
    assert main is not None
    return main


def published(app: Any) -> str:
    """Everything the build wrote, as text."""
    return "".join(
        path.read_text("utf-8", errors="replace")
        for path in Path(app.outdir).rglob("*")
        if path.is_file()
    )


RAW_PAGE = """# Raw

First, VERIFIED.

Inline <script>alert(1)</script> and <b onmouseover="alert(2)">bold</b> HTML.

<div onclick="steal()">a block of HTML</div>

```{raw} html
<script>steal()</script>
```

```{eval-rst}
.. raw:: html

   <iframe src="https://example.com"></iframe>

A `link <javascript:alert(3)>`_ that runs script.
```

Last line.
""".replace("VERIFIED", VERIFIED)


def test_raw_html_and_script_are_refused(make_app: Callable[..., Any], tmp_path: Path) -> None:
    transcript = (TEST_ROOT / "transcripts" / "2003-03-18.md").read_text("utf-8")
    transcript = transcript.replace(
        "This is what I meant.", "This is what I meant. <img src=x onerror=alert(4)>"
    )
    srcdir = write_project(
        tmp_path / "src",
        {
            "analysis/raw.md": RAW_PAGE,
            "transcripts/2003-03-18.md": transcript,
        },
    )
    app, warnings = build_checked(make_app, srcdir)
    assert located(warnings, "analysis/raw.md", "memcon.unsafe") == [5, 7, 9, 14, 18]
    turn_line = transcript[: transcript.index("This is what I meant.")].count("\n") + 1
    assert located(warnings, "transcripts/2003-03-18.md", "memcon.unsafe") == [turn_line]
    for docname in ("analysis/raw", "transcripts/2003-03-18"):
        main = body(app, docname)
        assert not main.find_all(["script", "iframe", "img"])
        assert not [
            tag for tag in main.find_all(True) if any(name.startswith("on") for name in tag.attrs)
        ]
        assert not [
            a for a in main.find_all("a", href=True) if a["href"].lower().startswith("javascript:")
        ]
    main = body(app, "analysis/raw")
    assert "that runs script" in main.get_text() and "link" in main.get_text()
    assert "a block of HTML" not in main.get_text()
    verdicts = get_domain(app.env).data["verdicts"]
    assert [v.status for v in verdicts["analysis/raw"].values()] == ["verified"]


def test_editorial_pages_keep_their_html(make_app: Callable[..., Any], tmp_path: Path) -> None:
    """The refusal concerns contributed pages: the editors' own pages may use HTML."""
    index = (
        '# Edition\n\n<span class="editors-own">kept</span>\n\n```{toctree}\n:glob:\n\n'
        "transcripts/*\nanalysis/*\n```\n"
    )
    srcdir = write_project(tmp_path / "src", {"index.md": index, "analysis/a.md": RAW_PAGE})
    app, warnings = build_checked(make_app, srcdir)
    assert body(app, "index").find("span", class_="editors-own") is not None
    assert not located(warnings, "index.md", "memcon.unsafe")
    assert located(warnings, "analysis/a.md", "memcon.unsafe")


INSERTIONS = """# Insertions

First, VERIFIED.

```{include} ../../outside/canary.txt
```

```{literalinclude} ../../outside/canary.txt
```

```{raw} html
:file: ../../outside/canary.txt
```

```{csv-table}
:file: ../../outside/canary.csv
```

![picture](../../outside/canary.txt)

A {download}`download <../../outside/canary.txt>`.

```{eval-rst}
.. include:: ../../outside/canary.txt
```
""".replace("VERIFIED", VERIFIED)


def test_files_outside_the_edition_are_neither_read_nor_published(
    make_app: Callable[..., Any], tmp_path: Path, canary: Path
) -> None:
    srcdir = write_project(tmp_path / "src", {"analysis/insert.md": INSERTIONS})
    with recording_opens() as opened:
        app, warnings = build_checked(make_app, srcdir)
    assert any(path.endswith("insert.md") for path in opened)  # the hook records opens
    assert not [path for path in opened if "canary" in path]
    assert SECRET not in published(app)
    assert located(warnings, "analysis/insert.md", "memcon.unsafe") == [19, 21]
    assert located(warnings, "analysis/insert.md", "docutils") == [5, 8, 11, 15, 24]


def test_what_an_insertion_read_is_not_published(
    make_app: Callable[..., Any], tmp_path: Path, canary: Path
) -> None:
    """Without ``forbid_file_insertion`` the directives read the file; the transform still
    keeps it out of the output, and reports it at the directive's line."""
    srcdir = write_project(tmp_path / "src", {"analysis/insert.md": INSERTIONS}, forbid=False)
    app, warnings = build_checked(make_app, srcdir)
    assert SECRET not in (Path(app.outdir) / "analysis" / "insert.html").read_text("utf-8").replace(
        f"<td><p>{SECRET}</p></td>", ""
    )  # csv-table cells cannot be told: reported
    assert located(warnings, "analysis/insert.md", "memcon.unsafe") == [5, 8, 11, 16, 19, 21]
    assert not (Path(app.outdir) / "_downloads").exists()
    assert not list(Path(app.outdir).rglob("canary*"))


def test_role_targets_and_front_matter_open_no_file(
    make_app: Callable[..., Any], tmp_path: Path, canary: Path
) -> None:
    target = os.path.relpath(canary, tmp_path / "src" / "analysis")
    page = (
        f'---\nsources: ["{target}", "{canary}"]\n---\n# Targets\n\n'
        f"{{quote}}`words <{target}>` {{quote}}`words <{canary}>` "
        f"{{paraphrase}}`words <{target}>` {{exempt}}`words <{canary}>` "
        f"{{person}}`someone <{target}>` {{page}}`{target}` {{note}}`see {target}`\n\n"
        f"Plain “quoted words” from the declared sources.\n"
    )
    transcript = (TEST_ROOT / "transcripts" / "2003-03-18.md").read_text("utf-8")
    transcript = transcript.replace("  url: null", f'  url: "file://{canary}"', 1)
    transcript = transcript.replace(
        "title: ", f'title: !!python/object/apply:open ["{canary}"]\nsubtitle: ', 1
    )
    assert f"file://{canary}" in transcript
    assert "!!python/object/apply:open" in transcript
    srcdir = write_project(
        tmp_path / "src", {"analysis/targets.md": page, "transcripts/2003-03-19.md": transcript}
    )
    with recording_opens() as opened:
        _, warnings = build_checked(make_app, srcdir)
    assert any(path.endswith("targets.md") for path in opened)  # the hook records opens
    assert not [path for path in opened if "canary" in path]
    assert located(warnings, "transcripts/2003-03-19.md", "memcon.front_matter")


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record (and refuse) every attempt to reach the network."""
    attempts: list[str] = []

    def refuse(name: str) -> Callable[..., Any]:
        def attempt(*args: Any, **kwargs: Any) -> Any:
            attempts.append(f"{name}{args[1:] if name.startswith('socket.') else args}")
            raise OSError(f"no network in tests: {name}")

        return attempt

    monkeypatch.setattr(socket.socket, "connect", refuse("socket.connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("socket.connect_ex"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    return attempts


def test_the_test_project_builds_without_the_network(
    make_app: Callable[..., Any], tmp_path: Path, no_network: list[str]
) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(TEST_ROOT, srcdir)
    app = make_app("html", srcdir=srcdir, freshenv=True, warning=io.StringIO())
    app.build()
    assert (Path(app.outdir) / "analysis" / "cases.html").is_file()
    assert no_network == []


def test_urls_in_pages_are_not_fetched(
    make_app: Callable[..., Any], tmp_path: Path, no_network: list[str]
) -> None:
    page = (
        "# URLs\n\n```{raw} html\n:url: http://192.0.2.1/x.html\n```\n\n"
        "```{csv-table}\n:url: http://192.0.2.1/x.csv\n```\n\n"
        "![remote](http://192.0.2.1/x.png)\n\n[a link](https://192.0.2.1/)\n"
    )
    srcdir = write_project(tmp_path / "src", {"analysis/urls.md": page})
    _, warnings = build_checked(make_app, srcdir)
    assert no_network == []
    assert located(warnings, "analysis/urls.md", "docutils") == [3, 7]


def _registered(app: Any) -> bool:
    listeners = [
        listener.handler
        for event in ("builder-inited", "env-before-read-docs")
        for listener in app.events.listeners.get(event, [])
    ]
    return (
        safety.RefuseRawContent in app.registry.get_transforms()
        and safety.forbid_file_insertion in listeners
        and safety.skip_undecodable in listeners
    )


def test_memcon_registers_the_safety_checks(make_app: Callable[..., Any], tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(TEST_ROOT, srcdir)  # its conf.py loads memcon alone
    app = make_app("html", srcdir=srcdir, freshenv=True, warning=io.StringIO())
    assert _registered(app)


def test_parser_messages_are_not_quotations(
    make_app: Callable[..., Any], tmp_path: Path, canary: Path
) -> None:
    srcdir = write_project(tmp_path / "src", {"analysis/insert.md": INSERTIONS})
    _, warnings = build_checked(make_app, srcdir)
    assert not [w for w in warnings if w.type and w.type.startswith("quotecheck.")]


def test_myst_line_breaks_are_not_raw_input(make_app: Callable[..., Any], tmp_path: Path) -> None:
    """A hard line break is MyST's own syntax (a cover memorandum's address): kept, while an
    author's raw HTML is not. (The edition's struck markings: see test_edition.py.)"""
    page = "# P\n\nMR. LEWIS LIBBY\\\nNational Security Advisor\n\n<b onclick='x()'>b</b>\n"
    srcdir = write_project(tmp_path / "src", {"analysis/p.md": page})
    app, warnings = build_checked(make_app, srcdir)
    assert located(warnings, "analysis/p.md", "memcon.unsafe") == [6]
    html = (Path(app.outdir) / "analysis" / "p.html").read_text("utf-8")
    assert "LIBBY<br />" in html and "onclick" not in html
