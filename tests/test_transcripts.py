"""Transcript pages in Sphinx: malformed input gives located warnings, never a traceback."""

from __future__ import annotations

from dataclasses import fields

import pytest
from bs4 import BeautifulSoup
from memcon.domain import get_domain
from memcon.records import Turn
from project_helpers import warning_lines
from sphinx.testing.util import SphinxTestApp


@pytest.mark.sphinx("html", testroot="badinput", freshenv=True)
def test_malformed_transcripts_give_located_warnings(app: SphinxTestApp) -> None:
    app.build()
    lines = sorted(warning_lines(app))
    assert lines == [
        "transcripts/2003-03-18.md:43: WARNING: duplicate turn id 't01' (first used on line "
        "37); expected every turn id to be unique on the page [edition.turn]",
        "transcripts/2003-03-18.md:49: WARNING: turn t03: unknown speaker id 'rice'; expected "
        "one of the front matter's speakers (bush, putin) [edition.turn]",
        "transcripts/2003-03-18.md:52: WARNING: malformed page break 'two'; expected a page "
        "number such as {page}`2`, or {page}`[3]` for a number the editors supply "
        "[edition.page_break]",
        "transcripts/2003-03-19.md:1: WARNING: front matter: required field 'title' is "
        "missing; expected the page title [edition.front_matter]",
        "transcripts/2003-03-19.md:42: WARNING: duplicate turn id 't01' (first used on line "
        "36); expected every turn id to be unique on the page [edition.turn]",
        "transcripts/2003-03-19.md:4: WARNING: front matter: field 'kind': expected one of "
        "memcon, telcon, got 'call' [edition.front_matter]",
        "transcripts/2003-03-19.md:51: WARNING: malformed page break 'two'; expected a page "
        "number such as {page}`2`, or {page}`[3]` for a number the editors supply "
        "[edition.page_break]",
    ]


@pytest.mark.sphinx("html", testroot="badinput", freshenv=True)
def test_valid_front_matter_is_read_once(app: SphinxTestApp) -> None:
    """A valid front matter becomes the conversation's record, and MyST does not read it
    again into page metadata; an invalid one is left to MyST as it stands."""
    app.build()
    assert get_domain(app.env).conversations["2003-03-18"].kind == "telcon"
    assert "kind" not in app.env.metadata["transcripts/2003-03-18"]
    assert app.env.metadata["transcripts/2003-03-19"]["kind"] == "call"


@pytest.mark.sphinx("html", testroot="badinput", freshenv=True)
def test_warnings_come_back_on_a_rebuild_with_no_change(app: SphinxTestApp) -> None:
    app.build()
    first = len(warning_lines(app))
    app.warning.truncate(0)
    app.warning.seek(0)
    app.build()
    assert len(warning_lines(app)) == first == 7


@pytest.mark.sphinx("html", testroot="badrefs", freshenv=True)
def test_missing_page_and_bibliography_key_are_located(app: SphinxTestApp) -> None:
    app.build()
    lines = warning_lines(app)
    assert any(
        line.startswith('index.md:3: WARNING: could not find bibtex key "nosuchkey"')
        for line in lines
    ), lines
    assert any(
        line.startswith(
            "index.md:5: WARNING: toctree contains reference to nonexisting document 'missing-page'"
        )
        for line in lines
    ), lines


@pytest.mark.sphinx("text", testroot="quotecheck", freshenv=True)
def test_other_builders_show_each_speaker_and_marking(app: SphinxTestApp) -> None:
    """HTML draws a turn's label from the turn itself; a text build shows it as words."""
    app.build()
    text = " ".join((app.outdir / "transcripts" / "2003-03-18.txt").read_text("utf-8").split())
    assert (text.count("The President:"), text.count("President Putin:")) == (2, 2)
    assert "President Putin: This is what I meant. (U)" in text
    assert "I appreciate your taking my phone call. (S)" in text


@pytest.mark.sphinx("text", testroot="quotecheck", freshenv=True)
def test_other_builders_show_margins_and_discussed_in(app: SphinxTestApp) -> None:
    """HTML writes a turn's margin and the "discussed in" list from attributes; a text
    build gets them as lists."""
    app.build()
    text = " ".join((app.outdir / "transcripts" / "2003-03-18.txt").read_text("utf-8").split())
    assert "Quoted in * Cases: “not enflaming anti-American sentiment but in some capitals”" in text
    assert "Discussed in ============ * Cases (10 quotations)" in text
    header = " ".join((app.outdir / "transcripts" / "2008-04-06.txt").read_text("utf-8").split())
    assert "Kind: Memorandum of conversation Participants (United States):" in header
    assert "Place: Sochi Text in the edition: not yet (pending)" in header


@pytest.mark.sphinx("text", testroot="quotecheck", freshenv=True)
def test_other_builders_get_generated_tables_as_tables(app: SphinxTestApp) -> None:
    """HTML writes a generated table from its attributes; a text build gets a table."""
    app.build()
    index = (app.outdir / "index.txt").read_text("utf-8")
    rows = [
        [cell.strip() for cell in line.split("|")[1:-1]]
        for line in index.splitlines()
        if line.startswith("|") and not line.startswith("|=")
    ]
    assert rows[0] == ["Date", "Kind", "Place", "Participants", "Topics", "Text"]
    assert rows[1][:3] == ["2003-03-18", "Telephone conversation", "Oval Office"]


def test_a_turn_is_kept_as_its_row() -> None:
    """The domain keeps turns as plain tuples; every field must survive the round trip."""
    turn = Turn("t05", "bush", "Words on two pages.", ("1", "2"), 12, ((9, "2"),))
    assert Turn(*turn.row()) == turn
    assert len(turn.row()) == len(fields(Turn))


@pytest.mark.sphinx("html", testroot="turns", freshenv=True)
def test_turns_of_one_paragraph_and_of_several_read_alike(app: SphinxTestApp) -> None:
    """A turn of one paragraph (kept as one node) reads, locates and renders as a turn of
    several paragraphs does."""
    app.build()
    # The words of a turn are located from its paragraph's line, the turn from its own.
    located = sorted(
        (line.split(": WARNING")[0], line.rsplit(" ", 1)[1]) for line in warning_lines(app)
    )
    assert located == [
        ("transcripts/2003-03-18.md:40", "[edition.unsafe]"),
        ("transcripts/2003-03-18.md:49", "[edition.page_break]"),
        ("transcripts/2003-03-18.md:50", "[edition.unsafe]"),
    ]
    turns = {t.id: t for t in get_domain(app.env).turns_of("2003-03-18")}
    assert [(t.id, t.line, t.pages) for t in turns.values()] == [
        ("t01", 35, ("1",)),
        ("t02", 43, ("1", "2")),
        ("t03", 53, ("2",)),
    ]
    assert turns["t01"].text.startswith("A turn of one paragraph,\nrunning over")
    assert turns["t02"].text.startswith("The first paragraph of a longer turn.\nIts second")

    html = (app.outdir / "transcripts" / "2003-03-18.html").read_text("utf-8")
    page = BeautifulSoup(html, "html.parser")
    shape = {}
    for turn in page.select("div.turn"):
        shape[turn["id"]] = [
            (child.name, " ".join(child.get("class", [])))
            for child in turn.find_all(recursive=False)
        ]
    assert shape == {
        "t01": [("p", "turn-head"), ("p", "")],
        "t02": [("p", "turn-head"), ("aside", "quoted-in"), ("p", ""), ("p", "")],
        "t03": [("p", "turn-head"), ("aside", "quoted-in"), ("p", "")],
    }
    assert page.select_one("#t01 .turn-label").get_text() == "The President:"
    assert page.select_one("#t02 .turn-label").get_text() == "President Putin:"
    markings = {
        turn["id"]: [(m.get_text(), "struck" in m["class"]) for m in turn.select(".marking")]
        for turn in page.select("div.turn")
    }
    assert markings == {"t01": [("(S)", False)], "t02": [("(S)", True)], "t03": []}
    assert page.select("#t02 > p")[-1].select_one(".marking") is not None
    assert "running over" in page.select("#t01 > p")[-1].get_text()


@pytest.mark.sphinx("text", testroot="turns", freshenv=True)
def test_other_builders_get_every_turn_as_paragraphs(app: SphinxTestApp) -> None:
    app.build()
    text = (app.outdir / "transcripts" / "2003-03-18.txt").read_text("utf-8")
    flat = " ".join(text.split())
    assert "The President: A turn of one paragraph, running over two lines. (S)" in flat
    assert "President Putin: Quoted in * Notes: “The first paragraph of a longer turn” " in flat
    assert "The first paragraph of a longer turn.\n\nIts second paragraph," in text
    assert "then a page break p. 2 and markup. (S)" in flat
    assert "A turn with no marking." in flat
