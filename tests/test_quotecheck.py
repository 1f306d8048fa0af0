"""The quotation checker inside Sphinx: statuses, warnings, report, parallel and
incremental builds (test project: tests/roots/test-quotecheck)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from memcon.domain import get_domain
from project_helpers import ANSI, built_afresh, edit, warning_lines
from sphinx.testing.util import SphinxTestApp

pytestmark = pytest.mark.sphinx

EXPECTED = [  # (line, status, source, speaker, passage) in report order
    (7, "verified", "2003-03-18", None, "t03"),
    (9, "verified", "2003-03-18", None, "t01"),
    (12, "verified", "2003-03-18", "bush", "t03"),
    (14, "verified", "2003-03-18", "bush", "t03"),
    (16, "misquoted", "2003-03-18", "bush", "t01"),
    (18, "misattributed", "2003-03-18", "bush", "t04"),
    (20, "not_found", "2003-03-18", None, None),
    (22, "pending", "2008-04-06", "putin", None),
    (24, "exempt", "2003-03-18", None, None),
    (24, "exempt", None, None, None),
    (28, "verified", "2003-03-18", None, "t02"),
    (30, "verified", "2003-03-18", None, "t02"),
]


def report(app: SphinxTestApp) -> dict[str, Any]:
    return json.loads((Path(app.outdir) / "quotecheck.json").read_text("utf-8"))


@pytest.mark.sphinx("quotecheck", testroot="quotecheck", freshenv=True)
def test_every_status_in_the_report(app: SphinxTestApp) -> None:
    app.build()
    quotes = report(app)["quotes"]
    got = [(q["line"], q["status"], q["source"], q["speaker"], q["passage"]) for q in quotes]
    assert got == EXPECTED
    assert report(app)["summary"] == {
        "verified": 6,
        "misquoted": 1,
        "misattributed": 1,
        "not_found": 1,
        "sic": 0,
        "pending": 1,
        "exempt": 2,
        "conjectural": 0,
    }
    misquoted = quotes[4]
    assert misquoted["suggestion"] == "in Paris there is anti-American sentiment"
    assert quotes[0]["score"] == 1.0 and misquoted["score"] < 1.0
    assert app.statuscode == 1  # a failing quotation fails `make quotecheck`


@pytest.mark.sphinx("html", testroot="quotecheck", freshenv=True)
def test_exact_warnings(app: SphinxTestApp) -> None:
    app.build()
    assert warning_lines(app) == [
        "analysis/cases.md:16: WARNING: misquoted: “in Paris there is an anti-American "
        "sentiment” does not occur in 2003-03-18; closest passage (turn t01, p. 2, "
        "similarity 0.93): “in Paris there is anti-American sentiment”; differences: +an "
        "[quotecheck.misquoted]",
        "analysis/cases.md:18: WARNING: misattributed: “This is what I meant” is spoken by "
        "putin in 2003-03-18 (turn t04), not by bush [quotecheck.misattributed]",
        "analysis/cases.md:20: WARNING: not found: “we will invade Canada next week” occurs "
        "nowhere in 2003-03-18, and nothing close does [quotecheck.not_found]",
    ]
    status = ANSI.sub("", app.status.getvalue())
    assert (
        "analysis/cases.md:22: pending: “field of conflict” is attributed to 2008-04-06, "
        "whose text is not yet in the edition [quotecheck.pending]"
    ) in status


@pytest.mark.sphinx(
    "html",
    testroot="quotecheck",
    freshenv=True,
    confoverrides={
        "suppress_warnings": ["myst.strikethrough", "quotecheck.misquoted", "quotecheck.not_found"]
    },
)
def test_suppress_warnings_silences_one_kind(app: SphinxTestApp) -> None:
    app.build()
    kinds = [line.rsplit("[", 1)[1] for line in warning_lines(app)]
    assert kinds == ["quotecheck.misattributed]"]


@pytest.mark.sphinx(
    "html", testroot="quotecheck", freshenv=True, confoverrides={"memcon_pending": "warn"}
)
def test_pending_can_be_a_warning(app: SphinxTestApp) -> None:
    app.build()
    assert any(line.endswith("[quotecheck.pending]") for line in warning_lines(app))


@pytest.mark.sphinx("html", testroot="quotecheck", freshenv=True)
def test_quotations_link_to_their_passage(app: SphinxTestApp) -> None:
    app.build()
    page = BeautifulSoup(
        (Path(app.outdir) / "analysis/cases.html").read_text("utf-8"), "html.parser"
    )
    views = page.select("main span.quotation") or page.select("span.quotation")
    by_id = {view["id"]: view for view in views if view.get("id")}
    verified = by_id["q-1"]
    assert verified["data-status"] == "verified"
    assert verified.a["href"] == "../transcripts/2003-03-18.html#t03"
    assert "turn t03" in verified.select_one(".quotation-status").get_text()
    assert by_id["q-8"]["data-status"] == "pending"
    assert by_id["q-8"].a["href"] == "../transcripts/2008-04-06.html"
    block = page.select_one("blockquote.quotation-verified")
    assert block is not None and block.a["href"].endswith("2003-03-18.html#t02")


@pytest.mark.sphinx("html", testroot="quotecheck", freshenv=True)
def test_turns_list_the_passages_quoting_them(app: SphinxTestApp) -> None:
    app.build()
    page = BeautifulSoup(
        (Path(app.outdir) / "transcripts/2003-03-18.html").read_text("utf-8"), "html.parser"
    )
    turns = page.select("div.turn")
    assert [t["id"] for t in turns] == ["t01", "t02", "t03", "t04"]
    assert [t["data-speaker"] for t in turns] == ["bush", "putin", "bush", "putin"]
    margin = {t["id"]: [a["href"] for a in t.select("aside.quoted-in a")] for t in turns}
    assert margin["t03"] == [
        "../analysis/cases.html#q-1",
        "../analysis/cases.html#q-3",
        "../analysis/cases.html#q-4",
    ]
    assert margin["t04"] == []  # quoted only under a wrong speaker
    breaks = [(b["data-page"], b.get_text()) for b in page.select("span.page-break")]
    assert breaks == [("2", "p. 2"), ("3", "[p. 3]")]
    struck = page.select_one("#t02 span.marking.struck del")
    assert struck is not None and struck.get_text() == "(S)"


def _links(outdir: Path) -> list[str]:
    page = BeautifulSoup((outdir / "analysis/cases.html").read_text("utf-8"), "html.parser")
    return [a["href"] for a in page.select("span.quotation a")]


def test_parallel_build_agrees_with_serial(make_app: Any, tmp_path: Path, rootdir: Path) -> None:
    results = []
    for parallel in (1, 2):
        srcdir = tmp_path / f"j{parallel}"

        shutil.copytree(rootdir / "test-quotecheck", srcdir)
        for builder in ("quotecheck", "html"):
            app = make_app(builder, srcdir=srcdir, parallel=parallel, freshenv=True)
            app.build()
            if builder == "quotecheck":
                results.append(report(app))
            else:
                results[-1]["links"] = _links(Path(app.outdir))
    assert results[0] == results[1]
    assert len(results[0]["quotes"]) == len(EXPECTED)


def test_incremental_build_flags_a_stale_quotation(
    make_app: Any, tmp_path: Path, rootdir: Path
) -> None:

    srcdir = tmp_path / "incremental"
    shutil.copytree(rootdir / "test-quotecheck", srcdir)
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    assert not any("United Nations is through" in w for w in warning_lines(app))
    edit(
        srcdir / "transcripts/2003-03-18.md",
        "the United Nations is through.",
        "the United Nations is finished.",
    )
    for _ in range(2):  # after the edit, and again with nothing changed
        app.warning.truncate(0)
        app.warning.seek(0)
        app.build()
        stale = [w for w in warning_lines(app) if "United Nations is through" in w]
        assert [w.split(": WARNING")[0] for w in stale] == [
            "analysis/cases.md:7",
            "analysis/cases.md:12",
        ]
    page = (Path(app.outdir) / "analysis/cases.html").read_text("utf-8")
    assert 'data-status="misquoted" id="q-1"' in page


def test_the_index_is_kept_until_a_transcript_changes(
    make_app: Any, tmp_path: Path, rootdir: Path
) -> None:
    """A new quotation is decided with the encoded words kept from the last build, unless
    a transcript changed since."""
    srcdir = tmp_path / "kept"
    shutil.copytree(rootdir / "test-quotecheck", srcdir)
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    kept = get_domain(app.env).data["index"]
    page = Path(app.outdir) / "analysis/cases.html"
    verified = page.read_text("utf-8").count('data-status="verified"')
    cases, added = srcdir / "analysis/cases.md", "A footnote."
    edit(cases, added, 'Added: "I appreciate your taking my phone call". ' + added)
    app.build()
    again = get_domain(app.env).data["index"]
    assert again[1][1] is kept[1][1]
    assert page.read_text("utf-8").count('data-status="verified"') == verified + 1
    edit(srcdir / "transcripts/2003-03-18.md", "taking my phone call", "taking my call")
    edit(cases, "taking my phone call", "taking my call")
    app.build()
    rebuilt = get_domain(app.env).data["index"]
    assert rebuilt[0] != kept[0] and rebuilt[1][1] is not kept[1][1]
    assert "taking my call" not in " ".join(warning_lines(app))


def test_an_incremental_build_decides_only_what_an_edit_changed(
    make_app: Any, tmp_path: Path, rootdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Quotations moved down their page, or left on a page not read, keep their verdicts; a
    quotation added is decided, and so is every quotation checked against a transcript
    whose words changed. The report is a fresh build's after each edit."""
    from memcon.quotations import verdicts

    decided: list[str] = []
    decide = verdicts.decide_safely

    def counted(checker: Any, quotation: Any) -> Any:
        decided.append(quotation.text)
        return decide(checker, quotation)

    monkeypatch.setattr(verdicts, "decide_safely", counted)
    srcdir = tmp_path / "decided"
    shutil.copytree(rootdir / "test-quotecheck", srcdir)
    app = make_app("quotecheck", srcdir=srcdir, freshenv=True)
    app.build()
    assert len(decided) == len({q.text for q in get_domain(app.env).all_quotations()})
    cases, added = srcdir / "analysis/cases.md", "A footnote."
    edit(cases, "# Cases\n", "# Cases\n\nA new first paragraph.\n")
    edit(cases, added, 'Added: "I appreciate your taking my phone call". ' + added)
    edit(srcdir / "transcripts/2008-04-06.md", "title: ", "title: The ")
    for expected in (["I appreciate your taking my phone call"], []):
        decided.clear()
        app.build()
        assert decided == expected
    edit(srcdir / "transcripts/2003-03-18.md", "taking my phone call", "taking my call")
    decided.clear()
    app.build()
    # Every quotation but the one of the pending conversation is checked against the call.
    quotations = get_domain(app.env).all_quotations()
    assert sorted(decided) == sorted({q.text for q in quotations if q.source != "2008-04-06"})
    again = built_afresh(make_app, srcdir, tmp_path / "fresh", "quotecheck")
    assert report(app)["quotes"] == report(again)["quotes"]


def test_a_pages_digest_follows_its_verdicts_though_the_page_is_not_read(
    make_app: Any, tmp_path: Path, rootdir: Path
) -> None:
    """The digest of a page's quotations and verdicts (which the open data are made anew
    from) is kept while neither changes, and made again when a transcript's edit changes
    a verdict on a page no build reads again: it is then a fresh build's digest."""
    srcdir = tmp_path / "states"
    shutil.copytree(rootdir / "test-quotecheck", srcdir)
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    first = dict(get_domain(app.env).page_states())
    assert list(first) == ["analysis/cases"]
    edit(srcdir / "index.md", "# Test edition", "# The test edition")
    app.build()
    assert get_domain(app.env).page_states() == first
    edit(
        srcdir / "transcripts/2003-03-18.md",
        "the United Nations is through.",
        "the United Nations is finished.",
    )
    app.build()
    domain = get_domain(app.env)
    assert "analysis/cases" not in domain.read
    assert domain.page_states()["analysis/cases"] != first["analysis/cases"]
    again = built_afresh(make_app, srcdir, tmp_path / "fresh")
    assert get_domain(again.env).page_states() == domain.page_states()


def test_a_transcript_is_written_again_only_when_its_margins_change(
    make_app: Any, tmp_path: Path, rootdir: Path
) -> None:
    """A quotation moved to another line leaves its source's "quoted in" margins as they
    were, and the transcript is not written again; a quotation verified against another
    turn changes them."""
    srcdir = tmp_path / "margins"
    shutil.copytree(rootdir / "test-quotecheck", srcdir)
    app = make_app("html", srcdir=srcdir, freshenv=True)
    written: list[str] = []
    app.connect("html-page-context", lambda _app, page, *_: written.append(page))
    app.build()
    assert "transcripts/2003-03-18" in written
    cases = srcdir / "analysis/cases.md"
    for change, rewritten in (
        (("# Cases\n", "# Cases\n\nA new first paragraph.\n"), False),
        # The same number of quotations, one of them verified against another turn:
        (("my judgment is that the United Nations is through", "taking my phone call"), True),
    ):
        written.clear()
        edit(cases, *change)
        app.build()
        assert "analysis/cases" in written
        assert ("transcripts/2003-03-18" in written) is rewritten, change


def test_removed_page_quotations_are_purged(make_app: Any, tmp_path: Path, rootdir: Path) -> None:

    srcdir = tmp_path / "purge"
    shutil.copytree(rootdir / "test-quotecheck", srcdir)
    (srcdir / "analysis/more.md").write_text('# More\n\nHe said "we will invade Canada".\n')
    app = make_app("quotecheck", srcdir=srcdir, freshenv=True)
    app.build()
    assert any(q["doc"] == "analysis/more" for q in report(app)["quotes"])
    (srcdir / "analysis/more.md").unlink()
    app.build()
    assert not any(q["doc"] == "analysis/more" for q in report(app)["quotes"])
