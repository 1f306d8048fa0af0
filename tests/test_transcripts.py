"""Transcript pages in Sphinx: malformed input gives located warnings, never a traceback."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import fields, replace
from itertools import pairwise
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from memcon.domain import get_domain
from memcon.records import Turn
from memcon.transcripts.header import citation_text, posting_text
from project_helpers import warning_lines
from record_helpers import conversation
from sphinx.testing.util import SphinxTestApp


@pytest.mark.sphinx("html", testroot="badinput", freshenv=True)
def test_malformed_transcripts_give_located_warnings(app: SphinxTestApp) -> None:
    app.build()
    lines = sorted(warning_lines(app))
    assert lines == [
        "transcripts/2003-03-18.md:43: WARNING: duplicate turn id 't01' (first used on line "
        "37); expected every turn id to be unique on the page [memcon.turn]",
        "transcripts/2003-03-18.md:49: WARNING: turn t03: unknown speaker id 'rice'; expected "
        "one of the front matter's speakers (bush, putin) [memcon.turn]",
        "transcripts/2003-03-18.md:52: WARNING: malformed page break 'two'; expected a page "
        "number such as {page}`2`, or {page}`[3]` for a number the editors supply "
        "[memcon.page_break]",
        "transcripts/2003-03-19.md:1: WARNING: front matter: required field 'title' is "
        "missing; expected the page title [memcon.front_matter]",
        "transcripts/2003-03-19.md:26: WARNING: front matter: field 'source.control_number': "
        "expected the number as printed (digits only), got 'NSC 2569' [memcon.front_matter]",
        "transcripts/2003-03-19.md:29: WARNING: front matter: field "
        "'source.classification.banner': expected a banner as printed: UNCLASSIFIED, "
        "CONFIDENTIAL, SECRET or TOP SECRET, with any caveats after '//' kept whole "
        "(SECRET//NOFORN), got 'Confidential' [memcon.front_matter]",
        "transcripts/2003-03-19.md:43: WARNING: duplicate turn id 't01' (first used on line "
        "37); expected every turn id to be unique on the page [memcon.turn]",
        "transcripts/2003-03-19.md:4: WARNING: front matter: field 'kind': expected one of "
        "memcon, telcon, got 'call' [memcon.front_matter]",
        "transcripts/2003-03-19.md:52: WARNING: malformed page break 'two'; expected a page "
        "number such as {page}`2`, or {page}`[3]` for a number the editors supply "
        "[memcon.page_break]",
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
    assert len(warning_lines(app)) == first == 9


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


@pytest.mark.unit
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
        ("transcripts/2003-03-18.md:46", "[memcon.unsafe]"),
        ("transcripts/2003-03-18.md:55", "[memcon.page_break]"),
        ("transcripts/2003-03-18.md:56", "[memcon.unsafe]"),
    ]
    turns = {t.id: t for t in get_domain(app.env).turns_of("2003-03-18")}
    assert [(t.id, t.line, t.pages) for t in turns.values()] == [
        ("t01", 41, ("1",)),
        ("t02", 49, ("1", "2")),
        ("t03", 59, ("2",)),
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


# --- the header and the citation ---------------------------------------------------------

#: A pending page with the archive facts of the April 6, 2008 memorandum (shared/seeds).
PENDING = """\
---
id: "2008-04-06"
date: 2008-04-06
kind: memcon
title: A pending page (test text)
status: pending
source:
  repository: George W. Bush Presidential Library
  posting: "[Posting of three memorandums of conversation, December 23, 2025]"
  posting_date: 2025-12-23
  document: 3
  url: "https://nsarchive.gwu.edu/media/33711/ocr"
  control_number: null
  classification: null
  nw: "78134"
  docid: "34685227"
  declassified: 2025-08-25
---

# A pending page (test text)

```{transcript-header}
```
"""


def repeated_phrases(text: str) -> set[tuple[str, str]]:
    """Pairs of consecutive words that occur more than once in ``text``, addresses aside."""
    words = re.findall(r"\w+", re.sub(r"https?://\S+", " ", text).lower())
    return {pair for pair, count in Counter(pairwise(words)).items() if count > 1}


def header_of(page: BeautifulSoup) -> dict[str, str]:
    """The transcript header's fields, name to value."""
    header = page.select_one("dl.transcript-header")
    assert header is not None
    return {
        name.get_text(strip=True).rstrip(":"): " ".join(value.get_text(" ").split())
        for name, value in zip(header.select("dt"), header.select("dd"), strict=True)
    }


def citation_of(page: BeautifulSoup) -> Tag:
    citation = page.select_one(".cite-this p.cite-this-text")
    assert citation is not None
    return citation


@pytest.mark.unit
def test_the_repetition_check_finds_what_the_old_citation_repeated() -> None:
    old = (
        "Memorandum of telephone conversation, Telephone conversation with President Putin, "
        "2003-03-18, NW# 78134."
    )
    assert repeated_phrases(old) == {("telephone", "conversation")}


def with_header(page: Path) -> None:
    """Give a test page the transcript header its body lacks, under its title."""
    text = page.read_text("utf-8")
    below_title = text.index("\n", text.index("\n# ") + 1) + 1
    page.write_text(f"{text[:below_title]}\n```{{transcript-header}}\n```\n{text[below_title:]}")


@pytest.mark.sphinx(
    "html",
    testroot="turns",
    srcdir="turns-header",
    freshenv=True,
    confoverrides={"html_baseurl": "https://example.org/edition/"},
)
def test_a_transcribed_page_shows_and_cites_its_provenance(app: SphinxTestApp) -> None:
    with_header(app.srcdir / "transcripts" / "2003-03-18.md")
    app.build()
    html = (app.outdir / "transcripts" / "2003-03-18.html").read_text("utf-8")
    page = BeautifulSoup(html, "html.parser")
    fields = header_of(page)
    assert fields["Date and time"] == "March 18, 2003"
    assert fields["Control number"] == "2569"
    assert fields["Classification"] == (
        "CONFIDENTIAL; classified by Gregory L. Schulte, reason 1.5(d), declassify on 3/19/13"
    )
    assert fields["Declassification"] == "NW# 78134, DocId 34685315, declassified August 25, 2025"
    assert fields["Repository"] == "George W. Bush Presidential Library"
    assert "Archive posting" not in fields and "Original" not in fields
    citation = citation_of(page)
    text = citation.get_text()
    assert text == (
        "Memorandum of Telephone Conversation, President Bush and President Putin, "
        "March 18, 2003. CONFIDENTIAL; classified by Gregory L. Schulte, reason 1.5(d), "
        "declassify on 3/19/13. Control number 2569. National Security Archive FOIA lawsuit, "
        "George W. Bush Presidential Library, NW# 78134, DocId 34685315, declassified "
        "August 25, 2025. In The Bush–Putin Conversations, 2001–2008, "
        "https://example.org/edition/transcripts/2003-03-18.html."
    )
    assert repeated_phrases(text) == set()
    assert [em.get_text() for em in citation.select("em")] == [
        "The Bush–Putin Conversations, 2001–2008"
    ]
    assert [a["href"] for a in citation.select("a")] == [
        "https://example.org/edition/transcripts/2003-03-18.html"
    ]
    hint = page.select_one(".cite-this .cite-this-hint")
    assert hint is not None and "2003-03-18.html#t05" in hint.get_text()


@pytest.mark.sphinx("html", testroot="turns", srcdir="turns-pending", freshenv=True)
def test_a_pending_page_cites_the_original_in_the_archive(app: SphinxTestApp) -> None:
    (app.srcdir / "transcripts" / "2008-04-06.md").write_text(PENDING, "utf-8")
    app.build()
    assert not [line for line in warning_lines(app) if "2008-04-06" in line]
    page = BeautifulSoup(
        (app.outdir / "transcripts" / "2008-04-06.html").read_text(), "html.parser"
    )
    fields = header_of(page)
    assert fields["Declassification"] == "NW# 78134, DocId 34685227, declassified August 25, 2025"
    assert fields["Archive posting"] == "December 23, 2025, document 3"
    assert "Control number" not in fields and "Classification" not in fields
    citation = citation_of(page)
    text = citation.get_text()
    assert text == (
        "Memorandum of Conversation, President Bush and President Putin, April 6, 2008. "
        "National Security Archive FOIA lawsuit, George W. Bush Presidential Library, "
        "NW# 78134, DocId 34685227, declassified August 25, 2025. Posted by the Archive on "
        "December 23, 2025, document 3, https://nsarchive.gwu.edu/media/33711/ocr."
    )
    assert repeated_phrases(text) == set()
    assert [a["href"] for a in citation.select("a")] == [
        "https://nsarchive.gwu.edu/media/33711/ocr"
    ]
    assert "Conversations, 2001–2008" not in text and ".html" not in text


CONVERSATION = conversation(id="2001-07-06", title="A pending page", status="pending")


@pytest.mark.unit
def test_a_posting_by_its_title_is_quoted_and_a_described_one_by_its_date() -> None:
    conv = replace(
        CONVERSATION,
        source=(
            ("posting", "The Posting"),
            ("posting_date", "2026-01-07"),
            ("url", "https://nsarchive.gwu.edu/briefing-book/x"),
        ),
    )
    assert posting_text(conv) == "“The Posting”, January 7, 2026"
    assert citation_text(conv, "").endswith(
        ". Posted by the Archive in “The Posting”, January 7, 2026, "
        "https://nsarchive.gwu.edu/briefing-book/x."
    )
    described = replace(conv, source=(("posting", "[A posting]"),))
    assert posting_text(described) == "[A posting]"
