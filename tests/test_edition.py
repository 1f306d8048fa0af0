"""The real edition: it builds with -W, and the built site holds what a reader needs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from edition import ROOT, sphinx_build
from memcon.ocr import import_ocr
from memcon.schema import Source, parse_front_matter, validate

pytestmark = pytest.mark.edition

OCR = ROOT / "transcripts" / "ocr" / "2003-03-18.txt"
CONVERSATIONS = [
    "2001-06-16",
    "2001-07-06",
    "2001-09-12",
    "2001-10-21",
    "2001-11-08",
    "2001-11-13",
    "2002-04-02",
    "2002-06-27",
    "2003-03-18",
    "2005-09-16",
    "2008-04-06",
]
CHAPTERS = ["introduction", "ukraine", "nato", "eu", "intelligence", "conclusions"]


@pytest.fixture(scope="module")
def site(edition_site: Path) -> Path:
    return edition_site


def page(site: Path, name: str) -> BeautifulSoup:
    soup = BeautifulSoup((site / name).read_text("utf-8"), "html.parser")
    return soup.select_one("article") or soup


def test_landing_page_catalogues_all_eleven(site: Path) -> None:
    rows = page(site, "index.html").select("table.catalogue tbody tr")
    links = [row.select_one("a")["href"] for row in rows]
    assert links == [f"transcripts/{cid}.html" for cid in CONVERSATIONS]
    texts = [row.select("td")[-1].get_text(strip=True) for row in rows]
    assert texts.count("in the edition") == 1 and texts.count("pending") == 10
    summary = " ".join(
        p.get_text() for p in page(site, "index.html").select(".verification-summary")
    )
    # Plain words that claim no more than is true: most quotations are pending.
    checkable = re.search(r"(\d+) of these quotations can be checked now", summary)
    assert checkable and int(checkable.group(1)) >= 3
    assert "3 are misquoted (marked sic" in summary
    assert re.search(r"\d+ wait on a conversation not yet transcribed", summary)
    assert "every quotation" not in summary


def test_chapters_index_search_and_bibliography_exist(site: Path) -> None:
    for chapter in CHAPTERS:
        assert (site / "analysis" / f"{chapter}.html").is_file()
    assert (site / "genindex.html").is_file() and (site / "search.html").is_file()
    entries = page(site, "docs/sources.html").select(".citation, dl.citation dt, div.citation")
    assert entries, "the bibliography renders its entries"


def turns(site: Path) -> list:
    return page(site, "transcripts/2003-03-18.html").select("div.turn")


def test_march_2003_call_has_28_turns_and_its_page_breaks(site: Path) -> None:
    found = turns(site)
    assert len(found) == 28
    speakers = [t["data-speaker"] for t in found]
    assert speakers.count("bush") == 14 and speakers.count("putin") == 14
    assert len({t["id"] for t in found}) == 28
    breaks = page(site, "transcripts/2003-03-18.html").select("span.page-break")
    assert [b["data-page"] for b in breaks] == ["2", "3", "4"]
    assert "[p. 3]" in breaks[1].get_text()  # supplied by the editors, and shown as such
    cover = page(site, "transcripts/2003-03-18.html").select_one("div.cover-memorandum")
    assert cover is not None and [s.get_text() for s in cover.select("s")] == ["TS"]
    assert "LIBBY" in cover.get_text() and cover.select("br")
    struck = page(site, "transcripts/2003-03-18.html").select("span.marking.struck del")
    assert struck and all(s.get_text() == "(S)" for s in struck)


def ocr_spoken_words(text: str) -> list[str]:
    """The spoken words of the archive's OCR text, found independently of the importer:
    the lines from the first turn to the closing line, less page furniture, speaker labels
    and classification markings."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("The President:"))
    end = next(i for i, line in enumerate(lines) if "End of Conversation" in line)
    furniture = re.compile(
        r"^(~*CONFIDENTIAL~*|Classified by:.*|Reason:.*|Declassify on:.*|"
        r"NW#.*|DocId.*|\d+)$"
    )
    kept = [line for line in lines[start:end] if not furniture.match(line.strip())]
    body = " ".join(kept)
    body = re.sub(r"(The President|President Putin):", " ", body)
    body = re.sub(r"(~~)?\((U|S|C)\)(~~)?", " ", body)
    return words(body)


def words(text: str) -> list[str]:
    return re.findall(r"[\w.'-]+", text.replace("’", "'").replace("‘", "'"))


def built_spoken_words(site: Path) -> list[str]:
    spoken = []
    for turn in turns(site):
        for hidden in turn.select(
            ".turn-head, .marking, .page-break, label.margin-toggle, "
            "input.margin-toggle, .sidenote, .marginnote, "
            "aside.quoted-in, a.footnote-reference"
        ):
            hidden.decompose()
        spoken += words(turn.get_text())
    return spoken


def test_every_spoken_word_of_the_ocr_in_order(site: Path) -> None:
    expected = ocr_spoken_words(OCR.read_text("utf-8"))
    got = built_spoken_words(site)
    for i, (want, have) in enumerate(zip(expected, got, strict=False)):
        assert want == have, (
            f"first divergence at word {i}: OCR {expected[i - 5 : i + 5]} page {got[i - 5 : i + 5]}"
        )
    assert len(got) == len(expected)
    assert len(expected) > 1200


def source_of(page: str) -> Source:
    """The provenance a transcript page's front matter gives."""
    return validate(*parse_front_matter(page)).source


def test_the_2003_page_has_the_provenance_its_ocr_gives() -> None:
    """The front matter of the transcribed call agrees with what the importer reads from
    the archive's OCR text kept beside it."""
    edition = source_of((ROOT / "transcripts" / "2003-03-18.md").read_text("utf-8"))
    imported = source_of(import_ocr(OCR.read_text("utf-8"), "2003-03-18").text)
    for field in ("repository", "control_number", "classification", "nw", "docid"):
        assert getattr(edition, field) == getattr(imported, field), field
    assert edition.declassified == imported.declassified


def test_notes_are_sidenotes_with_sources(site: Path) -> None:
    notes = page(site, "transcripts/2003-03-18.html").select("span.sidenote")
    assert len(notes) >= 5
    cited = [n for n in notes if n.select_one(".bibtex-citation, a[href*='sources']")]
    assert len(cited) >= 4


def test_persons_register_is_in_the_general_index(site: Path) -> None:
    register = page(site, "docs/persons.html")
    names = [dt.get_text(strip=True) for dt in register.select("dl.persons-register dt")]
    assert "Ivanov, Igor" in names and "Afanasenko, Peter" in names
    index = (site / "genindex.html").read_text("utf-8")
    assert "Ivanov, Igor" in index and "docs/persons.html#person-igor-ivanov" in index


def test_search_index_holds_the_call(site: Path) -> None:
    index = (site / "searchindex.js").read_text("utf-8")
    data = json.loads(index[index.index("(") + 1 : index.rindex(")")])
    docnames = data["docnames"]
    hits = data["terms"]["enflam"]
    hits = hits if isinstance(hits, list) else [hits]
    assert "transcripts/2003-03-18" in [docnames[h] for h in hits]


def test_pending_pages_say_so_with_full_metadata(site: Path) -> None:
    sochi = page(site, "transcripts/2008-04-06.html")
    text = " ".join(sochi.get_text(" ").split())
    assert "34685227" in text and "Bocharov Ruchey" in text and "not yet" in text.lower()
    assert "make transcript" in text


def test_parallel_build_is_the_same_site(site: Path, tmp_path: Path) -> None:
    parallel = tmp_path / "j2"
    result = sphinx_build("html", parallel, "-j", "2")
    assert result.returncode == 0, result.stderr
    for name in [
        "index.html",
        "transcripts/2003-03-18.html",
        "analysis/eu.html",
        "docs/verification.html",
        "docs/persons.html",
    ]:
        assert str(page(site, name)) == str(page(parallel, name)), name
