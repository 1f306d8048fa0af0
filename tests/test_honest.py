"""Honest verdicts: recorded misquotations (``{sic}``), conjectural attributions (a target
ending in ``?``), and where else a failing quotation's words occur (test project:
tests/roots/test-honest)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from memcon.domain import get_domain
from project_helpers import built_afresh, edit, warning_lines
from sphinx.testing.util import SphinxTestApp

pytestmark = pytest.mark.sphinx

#: (page, line, status, kind, attribution, elsewhere) in report order.
EXPECTED = [
    ("analysis/bad", 3, "verified", None, "stated", []),
    ("analysis/bad", 5, "not_found", None, "stated", []),
    ("analysis/bad", 9, "not_found", None, "stated", [("2001-11-13", "t01")]),
    ("analysis/report", 7, "sic", "misquoted", "stated", []),
    ("analysis/report", 9, "sic", "misquoted", "stated", []),
    ("analysis/report", 11, "sic", "misattributed", "stated", [("2001-11-13", "t02")]),
    ("analysis/report", 13, "verified", None, "conjectural", []),
    ("analysis/report", 15, "pending", None, "conjectural", []),
    ("analysis/report", 17, "exempt", None, "conjectural", []),
    ("analysis/report", 19, "verified", None, "stated", []),
    ("analysis/report", 21, "verified", None, "stated", []),
]

WARNINGS = [
    "analysis/bad.md:7: WARNING: {quote}`field of conflict <2008-04-06?#putin>`: malformed "
    "target <2008-04-06?#putin> (the ? of a conjecture comes last); expected <YYYY-MM-DD> or "
    "<YYYY-MM-DD#speaker>, with a final ? where the attribution is the editors' conjecture, "
    "e.g. <2003-03-18#putin> or <2001-06-16#putin?> [quotecheck.syntax]",
    "analysis/bad.md:3: WARNING: {sic}`my judgment is that the United Nations is through` "
    "occurs as written in 2003-03-18, turn t03: nothing to record; write {quote} instead of "
    "{sic} [quotecheck.sic]",
    "analysis/bad.md:5: WARNING: {sic}`we will invade Canada next week`: 2003-03-18 holds "
    "nothing close to it, so there is no passage to show beside it; name the conversation it "
    "comes from in the target, or mark it {exempt} [quotecheck.sic]",
    "analysis/bad.md:9: WARNING: not found: “the quick brown fox jumps over the lazy dog” "
    "occurs nowhere in 2003-03-18, and nothing close does; the quoted words occur in "
    "2001-11-13, turn t01 [quotecheck.not_found]",
]


def report(app: SphinxTestApp) -> dict[str, Any]:
    return json.loads((Path(app.outdir) / "quotecheck.json").read_text("utf-8"))


def entries(app: SphinxTestApp) -> list[tuple[object, ...]]:
    return [
        (
            q["doc"],
            q["line"],
            q["status"],
            q["kind"],
            q["attribution"],
            [(e["source"], e["passage"]) for e in q["elsewhere"]],
        )
        for q in report(app)["quotes"]
    ]


@pytest.mark.sphinx("quotecheck", testroot="honest", freshenv=True)
def test_report_records_sic_attribution_and_elsewhere(app: SphinxTestApp) -> None:
    app.build()
    assert entries(app) == EXPECTED
    quotes = report(app)["quotes"]
    by_line = {(q["doc"], q["line"]): q for q in quotes}
    reordered = by_line[("analysis/report", 9)]
    # The passage as the checker found it, with the words in another order.
    assert reordered["suggestion"] == "more important to me are our personal relations"
    assert reordered["passage"] == "t02"
    assert reordered["diff"] == ["words in another order", "-our"]
    assert by_line[("analysis/report", 7)]["suggestion"] == (
        "in Paris there is anti-American sentiment"
    )
    # A recorded misattribution shows its passage, in the other speaker's words.
    assert by_line[("analysis/report", 11)]["suggestion"] == "Thank you for your call"
    assert report(app)["summary"] == {
        "verified": 4,
        "misquoted": 0,
        "misattributed": 0,
        "not_found": 2,
        "sic": 3,
        "pending": 1,
        "exempt": 1,
        "conjectural": 3,
    }
    assert app.statuscode == 1  # the page of bad input fails


@pytest.mark.sphinx(
    "quotecheck",
    testroot="honest",
    freshenv=True,
    confoverrides={
        "exclude_patterns": ["analysis/bad.md"],
        "suppress_warnings": ["myst.strikethrough", "toc.excluded", "toc.not_readable"],
    },
)
def test_recorded_misquotations_pass(app: SphinxTestApp) -> None:
    app.build()
    assert report(app)["summary"]["sic"] == 3
    assert app.statuscode == 0
    assert warning_lines(app) == []


@pytest.mark.sphinx("html", testroot="honest", freshenv=True)
def test_bad_input_is_located_and_says_what_to_write(app: SphinxTestApp) -> None:
    app.build()
    assert warning_lines(app) == WARNINGS


@pytest.mark.sphinx(
    "html",
    testroot="honest",
    freshenv=True,
    confoverrides={"suppress_warnings": ["myst.strikethrough", "quotecheck.sic"]},
)
def test_suppress_warnings_silences_sic(app: SphinxTestApp) -> None:
    app.build()
    assert warning_lines(app) == [WARNINGS[0], WARNINGS[3]]


def page(app: SphinxTestApp, name: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / name).read_text("utf-8"), "html.parser")


def quotation(soup: BeautifulSoup, key: str) -> Tag:
    found = soup.select_one(f"span.quotation#{key}")
    assert isinstance(found, Tag), key
    return found


@pytest.mark.sphinx("html", testroot="honest", freshenv=True)
def test_sic_shows_the_authors_words_and_the_sources_passage(app: SphinxTestApp) -> None:
    app.build()
    soup = page(app, "analysis/report.html")
    sic = quotation(soup, "q-2")
    assert sic["data-status"] == "sic"
    assert "quotation-sic" in sic["class"]
    # The author's words, linked to the passage.
    words = sic.select_one("a > .quotation-words")
    assert words is not None
    assert words.get_text() == "“personal relations are more important to me”"
    assert words.parent["href"] == "../transcripts/2003-03-18.html#t02"
    # Beside them, visible: the mark, the passage as the checker found it, the differences.
    apparatus = sic.find_next_sibling("span")
    assert apparatus is not None
    assert apparatus.select_one(".sic-mark").get_text() == "sic"
    assert apparatus.select_one(".sic-reading").get_text() == (
        "“more important to me are our personal relations”"
    )
    assert "words in another order; -our" in apparatus.select_one(".sic-diff").get_text()
    link = apparatus.select_one("a")
    assert link["href"] == "../transcripts/2003-03-18.html#t02"
    assert link.get_text() == "2003-03-18, p. 2, turn t02"
    status = sic.select_one(".quotation-status").get_text()
    assert status.startswith("Sic: the author's words, not the source's")
    # A verified quotation has none of it.
    verified = quotation(soup, "q-7")
    assert verified["data-status"] == "verified"
    assert soup.select(".sic-apparatus") == [
        quotation(soup, key).find_next_sibling("span") for key in ("q-1", "q-2", "q-3")
    ]


@pytest.mark.sphinx("html", testroot="honest", freshenv=True)
def test_a_conjecture_is_marked_and_explained(app: SphinxTestApp) -> None:
    app.build()
    soup = page(app, "analysis/report.html")
    conjecture = quotation(soup, "q-4")
    assert "quotation-conjectural" in conjecture["class"]
    assert conjecture.select_one("sup.conjecture-mark").get_text() == "?"
    status = conjecture.select_one(".quotation-status").get_text()
    assert "Attributed by the editors" in status
    stated = quotation(soup, "q-7")
    assert stated.select_one(".conjecture-mark") is None
    assert "Attributed by the editors" not in stated.select_one(".quotation-status").get_text()


def margins(app: SphinxTestApp) -> dict[str, dict[str, list[str]]]:
    """For each quoted turn of the 2003 test call, its margin's headings and their links."""
    soup = page(app, "transcripts/2003-03-18.html")
    found: dict[str, dict[str, list[str]]] = {}
    for turn in soup.select("div.turn"):
        aside = turn.select_one("aside.quoted-in")
        if aside is None:
            continue
        groups: dict[str, list[str]] = {}
        for title in aside.select("p.quoted-in-title"):
            links = title.find_next_sibling("ul")
            groups[title.get_text()] = [a["href"] for a in links.select("a")]
        found[turn["id"]] = groups
    return found


@pytest.mark.sphinx("html", testroot="honest", freshenv=True)
def test_margins_list_misquotations_apart(app: SphinxTestApp) -> None:
    app.build()
    assert margins(app) == {
        "t01": {"Misquoted in": ["../analysis/report.html#q-1"]},
        "t02": {
            "Quoted in": ["../analysis/report.html#q-7"],
            "Misquoted in": ["../analysis/report.html#q-2", "../analysis/report.html#q-3"],
        },
        # Not the {sic} of bad.md, whose words occur as written: it is no misquotation.
        "t03": {"Quoted in": ["../analysis/report.html#q-4"]},
        "t04": {"Quoted in": ["../analysis/report.html#q-8"]},
    }


@pytest.mark.sphinx("html", testroot="honest", freshenv=True)
def test_verification_says_what_was_found(app: SphinxTestApp) -> None:
    app.build()
    soup = page(app, "verification.html")
    summary = " ".join(p.get_text() for p in soup.select("p.verification-summary"))
    assert "8 of these quotations can be checked now" in summary
    assert "quotes 3 of them exactly, and 2 are misquoted (marked sic:" in summary
    assert "“personal relations are more important to me”" in summary
    assert "; 1 is misattributed (marked sic: “Thank you for your call”)." in summary
    assert "1 wait on a conversation not yet transcribed" in summary
    assert "the editors inferred the source of 1 of these" in summary
    assert "2 fail the check" in summary
    tables = soup.select("table.verification")
    headers = [th.get_text() for th in tables[0].select("th")]
    assert headers[:3] == ["Page", "verified", "sic"] and headers[-1] == "conjectural"
    rows = [[td.get_text() for td in tr.select("td")] for tr in tables[0].select("tbody tr")]
    # In the order of the table of contents: the report, then the page of bad input.
    assert [row[0] for row in rows] == ["Report", "Bad"]
    assert rows[0][1:3] == ["3", "3"] and rows[0][-1] == "3"
    by_conv = {
        row[0]: row
        for row in (
            [td.get_text() for td in tr.select("td")] for tr in tables[1].select("tbody tr")
        )
    }
    assert by_conv["2008-04-06"][-1] == "1"  # the conjectural pending quotation


def test_a_sic_that_has_become_exact_fails(make_app: Any, rootdir: Path, tmp_path: Path) -> None:
    """When a transcript is corrected so that a {sic}'s words occur, the next build says to
    write {quote}; a quotation found elsewhere stops being so when that transcript changes."""
    srcdir = tmp_path / "honest"
    shutil.copytree(rootdir / "test-honest", srcdir)
    (srcdir / "analysis" / "bad.md").write_text("# Bad\n\nNothing here.\n", "utf-8")
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert warning_lines(app) == []

    # Another transcript loses the words of the misattributed {sic}: its "elsewhere" goes,
    # though its own source is unchanged.
    crafted = srcdir / "transcripts" / "2001-11-13.md"
    edit(crafted, "Thank you for your call", "Thanks")
    for _ in range(2):  # after the edit, and again with nothing changed
        rebuild(app)
        verdict = get_domain(app.env).verdict("analysis/report", "q-3")
        assert verdict is not None
        assert (verdict.status, verdict.elsewhere) == ("sic", ())
    # ... and gets them back: they are looked up in the transcript that changed.
    edit(crafted, "Thanks", "Thank you for your call")
    rebuild(app)
    verdict = get_domain(app.env).verdict("analysis/report", "q-3")
    assert verdict is not None and verdict.elsewhere == (("2001-11-13", "t02"),)
    # The call is corrected so that a {sic}'s words occur as written.
    call = srcdir / "transcripts" / "2003-03-18.md"
    edit(call, "in Paris there is anti-American", "in Paris there is an anti-American")
    for _ in range(2):
        rebuild(app)
        assert warning_lines(app) == [
            "analysis/report.md:7: WARNING: {sic}`in Paris there is an anti-American "
            "sentiment` occurs as written in 2003-03-18, turn t01: nothing to record; write "
            "{quote} instead of {sic} [quotecheck.sic]"
        ]


def test_incremental_builds_write_what_a_fresh_build_does(
    make_app: Any, rootdir: Path, tmp_path: Path
) -> None:
    """After each edit, the pages an incremental build writes read as a fresh build's: a
    pending conversation retitled, a transcript losing a quotation's words."""
    srcdir = tmp_path / "incremental"
    shutil.copytree(rootdir / "test-honest", srcdir)
    app = make_app("html", srcdir=srcdir)
    app.build()
    edits = [
        (srcdir / "transcripts" / "2008-04-06.md", "title: Meeting with", "title: A meeting with"),
        (srcdir / "transcripts" / "2001-11-13.md", "Thank you for your call", "Thanks"),
    ]
    for number, (path, old, new) in enumerate(edits):
        edit(path, old, new)
        rebuild(app)
        again = built_afresh(make_app, srcdir, tmp_path / f"fresh-{number}")
        for name in ("index.html", "verification.html", "analysis/report.html"):
            assert article(app, name) == article(again, name), (number, name)


def article(app: SphinxTestApp, name: str) -> str:
    """The body of a built page, without what changes from build to build."""
    soup = page(app, name)
    body = soup.select_one("div.body") or soup
    return str(body)


def rebuild(app: SphinxTestApp) -> None:
    """Build again, with the warnings of this build only."""
    app.warning.truncate(0)
    app.warning.seek(0)
    app.build()
