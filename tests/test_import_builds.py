"""An imported page builds with no warning and keeps every word in the built HTML."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from memcon.schema import parse_front_matter, validate
from test_importer_meetings import PENDING

pytestmark = pytest.mark.sphinx

ROOT = Path(__file__).resolve().parent.parent
OCR = ROOT / "tests" / "data" / "ocr"
# (OCR text, id, extra speaker labels): the seed, and crafted texts the importer never saw
CASES = [
    (ROOT / "transcripts" / "ocr" / "2003-03-18.txt", "2003-03-18", []),
    (OCR / "wrapped.txt", "2003-03-18", []),
    (OCR / "minimal.txt", "2002-11-22", []),
    (OCR / "meeting.txt", "2002-06-05", ["--speaker", "Secretary Roe=roe"]),
    (OCR / "provenance.txt", "2004-03-03", []),
    (OCR / "plenary.txt", "2004-09-09", []),
]


def import_page(
    source: Path, page_id: str, extra: list[str], outdir: Path, register_lines: bool = True
) -> Path:
    """Import as a contributor does: the page, then (with ``register_lines``) the register's
    lines the importer lists added to the persons register (the project's ``persons.yml``)."""
    register = outdir.parent / "persons.yml"
    command = [
        sys.executable,
        "-m",
        "memcon.ocr",
        str(source),
        "--id",
        page_id,
        "--out",
        str(outdir),
        "--persons",
        str(register),
        *extra,
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    _, listed, lines = result.stderr.partition(
        "add these lines (check each against the memorandum):"
    )
    if listed and register_lines:
        register.write_text(register.read_text("utf-8") + "\n" + lines, "utf-8")
    return outdir / f"{page_id}.md"


def spoken(text: str) -> list[str]:
    return re.findall(r"[\w']+", text.replace("’", "'"))


def project_for(tmp_path: Path) -> Path:
    """A project of transcripts alone, with the edition's persons register."""
    project = tmp_path / "project"
    (project / "transcripts").mkdir(parents=True)
    (project / "conf.py").write_text(
        'extensions = ["myst_parser", "memcon"]\n'
        'myst_enable_extensions = ["colon_fence", "strikethrough"]\n'
        'suppress_warnings = ["myst.strikethrough"]\n'
        'memcon_persons = "persons.yml"\n',
        "utf-8",
    )
    shutil.copy(ROOT / "docs" / "persons.yml", project / "persons.yml")
    (project / "index.md").write_text("# Test\n\n```{toctree}\n:glob:\n\ntranscripts/*\n```\n")
    return project


@pytest.mark.parametrize(("source", "page_id", "extra"), CASES, ids=[c[0].name for c in CASES])
def test_imported_page_builds_cleanly_with_every_word(
    source: Path, page_id: str, extra: list[str], tmp_path: Path
) -> None:
    project = project_for(tmp_path)
    page = import_page(source, page_id, extra, project / "transcripts")
    assert_builds_with_every_word(project, page, tmp_path / "html")


def test_an_import_builds_cleanly_before_the_register_is_touched(tmp_path: Path) -> None:
    """make transcript with no flags, then the build: every speaker label of the plenary
    ("Secretary Roe", "Foreign Minister Ivanov") names its participant."""
    project = project_for(tmp_path)
    page = import_page(OCR / "plenary.txt", "2004-09-09", [], project / "transcripts", False)
    assert_builds_with_every_word(project, page, tmp_path / "html")
    # Each turn's head prints the document's label for it: "Dr. Roe" where the document does.
    built = tmp_path / "html" / "transcripts" / "2004-09-09.html"
    soup = BeautifulSoup(built.read_text("utf-8"), "html.parser")
    heads = {t["id"]: t.select_one(".turn-label").get_text() for t in soup.select("div.turn")}
    assert (heads["t05"], heads["t07"]) == ("Secretary Roe:", "Dr. Roe:")


def test_a_filled_pending_page_builds_cleanly_with_every_word(tmp_path: Path) -> None:
    project = project_for(tmp_path)
    pending = project / "transcripts" / "2004-09-09.md"
    pending.write_text(PENDING, "utf-8")
    page = import_page(OCR / "plenary.txt", "2004-09-09", [], project / "transcripts")
    assert "status: transcribed" in page.read_text("utf-8")
    soup = assert_builds_with_every_word(project, page, tmp_path / "html")
    header = soup.select_one("dl.transcript-header")
    assert header is not None and "A posting crafted for the tests" in header.get_text(" ")


def assert_builds_with_every_word(project: Path, page: Path, out: Path) -> BeautifulSoup:
    """The project builds with no warning, and the page's turns keep every word."""
    page_id = page.stem
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-W", "-q", str(project), str(out)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0 and "WARNING" not in result.stderr, result.stderr
    soup = BeautifulSoup(
        (out / "transcripts" / f"{page_id}.html").read_text("utf-8"), "html.parser"
    )
    built: list[str] = []
    for turn in soup.select("div.turn"):
        for apparatus in turn.select(".turn-head, .marking, .page-break"):
            apparatus.decompose()
        built += spoken(turn.get_text())
    source_words: list[str] = []
    for body in re.findall(r"^:::\{turn\}.*?\n\n(.*?)^:::$", page.read_text("utf-8"), re.M | re.S):
        source_words += spoken(re.sub(r"\{page\}`[^`]*`", " ", body))
    assert built == source_words and len(built) > 10
    assert_header_shows_provenance(page, soup)
    return soup


def assert_header_shows_provenance(page: Path, soup: BeautifulSoup) -> None:
    """Every provenance value the importer read is in the built header and citation."""
    source = validate(*parse_front_matter(page.read_text("utf-8"))).source
    printed = source.classification
    read = [
        source.repository,
        source.control_number,
        source.nw,
        source.docid,
        *(printed.model_dump().values() if printed is not None else ()),
    ]
    header = soup.select_one("dl.transcript-header")
    citation = soup.select_one(".cite-this")
    assert header is not None and citation is not None
    for value in filter(None, read):
        assert value in header.get_text(" ") and value in citation.get_text(" "), value
