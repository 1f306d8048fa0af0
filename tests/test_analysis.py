"""The analysis: the report's text kept, every quotation attributed and checked."""

from __future__ import annotations

import difflib
import json
import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from edition import ROOT, sphinx_build

pytestmark = pytest.mark.edition

REPORT = ROOT / "analysis" / "source" / "report.txt"
CHAPTERS = ["introduction", "ukraine", "nato", "eu", "intelligence", "conclusions"]


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    outdir = tmp_path_factory.mktemp("quotecheck")
    result = sphinx_build("quotecheck", outdir)
    assert result.returncode == 0, result.stderr
    return json.loads((outdir / "quotecheck.json").read_text("utf-8"))


def test_every_quotation_checked_and_none_fails(checked: dict[str, Any]) -> None:
    quotes = [q for q in checked["quotes"] if q["doc"].startswith("analysis/")]
    summary = checked["summary"]
    assert summary["misquoted"] == summary["misattributed"] == summary["not_found"] == 0
    checked_quotes = [q for q in quotes if q["status"] != "exempt"]
    assert len(checked_quotes) >= 50
    assert all(q["source"] for q in checked_quotes), "every quotation is attributed"
    assert len([q for q in quotes if q["status"] == "exempt"]) <= 15


#: The report's quotations of the 2003 call, in its own words: each departs from the
#: memorandum, and is recorded with {sic}.
REPORT_2003 = [
    "in Paris there is an anti-American sentiment",
    "anti-French reaction",
    "personal relations are more important to me",
]


def test_quotations_of_the_transcribed_call_are_verified_or_recorded(
    checked: dict[str, Any],
) -> None:
    of_2003 = [
        q for q in checked["quotes"] if q["source"] == "2003-03-18" and q["status"] != "exempt"
    ]
    assert len(of_2003) >= 10
    assert {q["status"] for q in of_2003} == {"verified", "sic"}
    assert all(q["passage"] for q in of_2003)
    sic = [q for q in of_2003 if q["status"] == "sic"]
    assert [q["text"] for q in sic] == REPORT_2003
    assert all(q["kind"] == "misquoted" and q["suggestion"] for q in sic)
    # The rearranged one is found with its passage.
    assert sic[2]["suggestion"] == "more important to me are our personal relations"
    assert checked["summary"]["sic"] == 3


def test_every_quotation_says_how_it_is_attributed(checked: dict[str, Any]) -> None:
    attribution = {(q["doc"], q["text"]): q["attribution"] for q in checked["quotes"]}
    assert set(attribution.values()) == {"stated", "conjectural"}
    # The report dates or places these, so that one conversation of the catalogue fits...
    assert attribution[("analysis/ukraine", "field of conflict")] == "stated"
    assert attribution[("analysis/intelligence", "a lot of information.")] == "stated"
    assert attribution[("analysis/eu", "anti-French reaction")] == "stated"
    # ... and these it does not: the editors' conjectures.
    assert attribution[("analysis/eu", "nervous")] == "conjectural"
    assert attribution[("analysis/ukraine", "given away")] == "conjectural"
    assert attribution[("analysis/intelligence", "all decent people started in intelligence.")] == (
        "conjectural"
    )
    conjectural = [q for q in checked["quotes"] if q["attribution"] == "conjectural"]
    assert checked["summary"]["conjectural"] == len(conjectural) == 35


def report_words() -> list[str]:
    return re.findall(r"\w+", REPORT.read_text("utf-8").lower())


@pytest.fixture(scope="module")
def site(edition_site: Path) -> Path:
    return edition_site


def chapter_words(site: Path, chapter: str) -> list[str]:
    """The author's words on a built chapter: its article, less the editors' apparatus
    (notes, quotation statuses, source lines)."""
    soup = BeautifulSoup((site / "analysis" / f"{chapter}.html").read_text("utf-8"), "html.parser")
    article = soup.select_one("article")
    assert article is not None
    for apparatus in article.select(
        ".sidenote, .marginnote, label.margin-toggle, "
        ".quotation-status, .quotation-source, .headerlink, .sic-apparatus, .conjecture-mark, "
        "aside.footnote, div.footnote, section.footnotes"
    ):
        apparatus.decompose()
    return re.findall(r"\w+", article.get_text(" ").lower())


def test_chapters_carry_the_report_text_in_order(site: Path) -> None:
    built = [word for chapter in CHAPTERS for word in chapter_words(site, chapter)]
    source = report_words()
    source = source[source.index("introduction", 30) :]  # after the report's own index
    matcher = difflib.SequenceMatcher(None, source, built, autojunk=False)
    kept = sum(block.size for block in matcher.get_matching_blocks())
    assert kept / len(source) >= 0.995, f"{kept / len(source):.2%} of the report's words kept"


def quoted_phrases() -> list[str]:
    """Every phrase the report puts in quotation marks, straight or curly."""
    text = REPORT.read_text("utf-8")
    return re.findall(r'"([^"]+)"', text) + re.findall(r"“([^”]+)”", text)


def test_every_phrase_the_report_quotes_is_in_its_own_words(site: Path) -> None:
    built = " " + " ".join(w for c in CHAPTERS for w in chapter_words(site, c)) + " "
    phrases = quoted_phrases()
    assert len(phrases) >= 50
    missing = [
        phrase
        for phrase in phrases
        if " " + " ".join(re.findall(r"\w+", phrase.lower())) + " " not in built
    ]
    assert missing == []


def test_transcript_pages_list_the_chapters_that_discuss_them(site: Path) -> None:
    soup = BeautifulSoup((site / "transcripts/2003-03-18.html").read_text("utf-8"), "html.parser")
    links = [a["href"] for a in soup.select("section#discussed-in a")]
    assert "../analysis/eu.html" in links
