"""The EPUB: `make epub` builds one book of the whole edition, and Debian's EPUBCheck finds
no error in it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.edition

ROOT = Path(__file__).resolve().parent.parent
#: Debian's epubcheck; /usr/bin/epubcheck is the jar itself (run through binfmt_misc, which a
#: container may lack), so the jar is run with java where it is installed.
EPUBCHECK_JAR = Path("/usr/share/java/epubcheck.jar")


def epubcheck_command() -> list[str]:
    java = shutil.which("java")
    if EPUBCHECK_JAR.is_file() and java:
        return [java, "-jar", str(EPUBCHECK_JAR)]
    found = shutil.which("epubcheck")
    assert found, "epubcheck is not installed: run `make system-deps` (Debian's epubcheck)"
    return [found]


@pytest.fixture(scope="module")
def epub(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The edition's EPUB, built by `make epub` with this interpreter's Sphinx."""
    builddir = tmp_path_factory.mktemp("build")
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    result = subprocess.run(
        [
            "make",
            "--no-print-directory",
            "epub",
            f"BUILDDIR={builddir}",
            f"VENV={sys.prefix}",
            "INSTALLED=",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    books = list((builddir / "epub").glob("*.epub"))
    assert len(books) == 1, books
    return books[0]


def test_epubcheck_finds_no_error(epub: Path) -> None:
    result = subprocess.run(
        [*epubcheck_command(), str(epub)], capture_output=True, text=True, check=False
    )
    output = result.stdout + result.stderr
    problems = [line for line in output.splitlines() if re.match(r"(ERROR|FATAL)\b", line)]
    assert not problems, "\n".join(problems)
    assert result.returncode == 0, output
    assert re.search(r"Messages: 0 fatals / 0 errors", output), output


def test_book_holds_every_page_of_the_edition(epub: Path) -> None:
    with zipfile.ZipFile(epub) as book:
        names = set(book.namelist())
        assert book.read("mimetype") == b"application/epub+zip"
        opf = book.read("content.opf").decode("utf-8")
    pages = [
        p.relative_to(ROOT).with_suffix(".xhtml").as_posix()
        for folder in ("transcripts", "analysis")
        for p in sorted((ROOT / folder).glob("*.md"))
    ]
    assert "index.xhtml" in names and "transcripts/2003-03-18.xhtml" in names
    assert set(pages) <= names
    assert not [n for n in names if n.startswith(".doctrees") or n.endswith(".doctree")]
    # The search is the hosted site's: the book carries none of it.
    assert not [n for n in names if re.search(r"pagefind|search|memcon-menus", n)], names
    # The metadata the reader's library shows.
    assert "<dc:title>The Bush–Putin Conversations, 2001–2008</dc:title>" in opf
    assert re.search(r'<meta property="ibooks:version">[^<]+</meta>', opf)
