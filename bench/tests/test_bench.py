"""The benchmark's synthetic edition at a tiny scale: it builds, and the checker gives every
generated quotation the status the generator intended (the known mix is the oracle)."""

from __future__ import annotations

import importlib.util
import io
import json
import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import memcon.domain
import pytest
from project_helpers import warnings_of

from bench import NaiveChecker, core_benchmark, decidable, edit_analysis, layers, main, table
from bench.synthetic import (
    MIX,
    ROOT,
    Edition,
    Scale,
    generate,
    load_training,
    spoken_turns,
    write_conf,
)

TINY = Scale(transcripts=3, words=1_500, analysis_pages=2, quotations=30, pending=1)


@pytest.fixture(scope="module")
def edition(tmp_path_factory: pytest.TempPathFactory) -> Edition:
    root = tmp_path_factory.mktemp("synthetic") / "src"
    generated = generate(root, TINY, seed=7)
    write_conf(root)
    return generated


@pytest.mark.unit
def test_the_mix_has_every_kind(edition: Edition) -> None:
    categories = Counter(q.category for q in edition.quotations)
    assert set(categories) == {category for category, _, _ in MIX}
    assert sum(categories.values()) == TINY.quotations
    assert len(edition.transcribed) == TINY.transcripts
    assert len({t.id for t in edition.transcripts}) == TINY.transcripts + TINY.pending


@pytest.mark.unit
def test_transcripts_are_distinct_and_sized(edition: Edition) -> None:
    texts = [tuple(turn.text for turn in t.turns) for t in edition.transcribed]
    assert len(set(texts)) == len(texts)
    for transcript in edition.transcribed:
        words = sum(len(turn.tokens) for turn in transcript.turns)
        assert TINY.words <= words < TINY.words + 600
        assert {turn.speaker for turn in transcript.turns} == {"bush", "putin"}


@pytest.mark.unit
def test_generation_is_deterministic(tmp_path: Path) -> None:
    first = generate(tmp_path / "a", TINY, seed=7)
    second = generate(tmp_path / "b", TINY, seed=7)
    other = generate(tmp_path / "c", TINY, seed=8)
    pages = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.md"))
    assert all((tmp_path / "a" / p).read_text() == (tmp_path / "b" / p).read_text() for p in pages)
    assert first.quotations == second.quotations
    assert first.quotations != other.quotations


@pytest.mark.unit
def test_pages_round_trip_through_the_turn_parser(edition: Edition) -> None:
    """The generated page's turns read back as the generator's spoken text."""
    transcript = edition.transcribed[0]
    page = (edition.root / f"{transcript.docname}.md").read_text("utf-8")
    read = spoken_turns(page)
    assert [speaker for speaker, _, _ in read] == [turn.speaker for turn in transcript.turns]
    assert [" ".join(paragraphs).split() for _, _, paragraphs in read] == [
        list(turn.tokens) for turn in transcript.turns
    ]


@pytest.mark.unit
def test_training_text_is_the_real_call() -> None:
    training = load_training(ROOT)
    words = [word for _, _, tokens in training.turns for word in tokens]
    assert len(training.turns) >= 4 and len(words) > 1_000
    assert "Saddam" in words and {speaker for speaker, _, _ in training.turns} == {"bush", "putin"}


@pytest.mark.sphinx
def test_the_edition_builds_with_the_expected_verdicts(
    edition: Edition, make_app: Callable[..., Any]
) -> None:
    app = make_app("quotecheck", srcdir=edition.root, freshenv=True, warning=io.StringIO())
    app.build()
    report = json.loads((Path(app.outdir) / "quotecheck.json").read_text("utf-8"))
    found = {(q["doc"], q["line"]): q["status"] for q in report["quotes"]}
    expected = {(q.doc, q.line): q.status for q in edition.quotations}
    assert found == expected
    assert set(found.values()) == {
        "verified",
        "misquoted",
        "misattributed",
        "not_found",
        "pending",
        "exempt",
    }
    failing = {
        (q.doc, q.line)
        for q in edition.quotations
        if q.status in ("misquoted", "misattributed", "not_found")
    }
    warnings = warnings_of(app._warning.getvalue())
    assert {
        (w.path and Path(w.path).relative_to(edition.root).with_suffix("").as_posix(), w.line)
        for w in warnings
    } == failing
    assert all(w.type and w.type.startswith("quotecheck.") for w in warnings)


@pytest.mark.sphinx
def test_the_baseline_builds_without_the_extension(
    edition: Edition, make_app: Callable[..., Any], tmp_path: Path
) -> None:
    """The no-op stubs accept every directive and role the edition uses."""
    plain = tmp_path / "plain"
    for page in edition.root.rglob("*.md"):
        target = plain / page.relative_to(edition.root)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.read_text("utf-8"), "utf-8")
    write_conf(plain, with_extension=False)
    app = make_app("html", srcdir=plain, freshenv=True, warning=io.StringIO())
    app.build()
    assert "memcon" not in app.extensions and "plain_extension" in app.extensions
    assert warnings_of(app._warning.getvalue()) == []


@pytest.mark.unit
def test_the_core_comparison_agrees(edition: Edition) -> None:
    figures = core_benchmark(edition, 30, seed=1)
    checked = [q for q in edition.quotations if q.status not in ("pending", "exempt")]
    assert figures["core_sample"] == len(checked) < 30
    assert figures["core_oracle_agreement"] == 1.0
    # where they differ, the core found the near miss that the naive alignment missed
    assert set(figures["core_disagreements"]) <= {"misquoted/not_found"}
    assert figures["core_agreement"] >= 0.9
    naive = NaiveChecker(layers(edition))
    plain = [
        quotation
        for quotation in edition.quotations
        if decidable(quotation) and quotation.category in ("verbatim", "fabricated")
    ]
    assert plain
    for quotation in plain:
        assert naive.status(quotation.text) == quotation.status


@pytest.mark.unit
def test_a_repeated_core_comparison_decides_the_same(edition: Edition) -> None:
    once, thrice = core_benchmark(edition, 30, seed=1), core_benchmark(edition, 30, 1, repeat=3)
    decided = ("core_sample", "core_agreement", "core_disagreements", "core_oracle_agreement")
    assert {key: once[key] for key in decided} == {key: thrice[key] for key in decided}
    assert thrice["core_s"] >= thrice["core_index_s"] >= 0


@pytest.mark.unit
def test_every_analysis_edit_adds_a_new_quotation(edition: Edition, tmp_path: Path) -> None:
    """Each round of the incremental benchmark adds a quotation the page does not have,
    also when there are more rounds than transcripts."""
    root = tmp_path / "src"
    shutil.copytree(Path(edition.root), root)
    for round_ in range(4 * len(edition.transcribed)):
        edit_analysis(root, edition, round_)
    page = (root / f"{edition.analysis_pages[0]}.md").read_text("utf-8")
    added = [line for line in page.splitlines() if line.startswith("Added later: ")]
    assert len(added) == len(set(added)) == 4 * len(edition.transcribed)


@pytest.mark.unit
def test_the_table_shows_every_target() -> None:
    figures: dict[str, Any] = {
        "transcripts": 150,
        "words": 900_000,
        "analysis_pages": 48,
        "quotations": 5_200,
        "core_s": 1.0,
        "core_verdict_ms": 0.5,
        "naive_verdict_ms": 80.0,
        "core_speedup_amortised": 150.0,
        "naive_s": 120.0,
        "core_sample": 1000,
        "core_small_sample": 240,
        "core_speedup_small_sample": 60.0,
        "core_decidable": 200,
        "full_build_s": 100.0,
        "plain_build_s": 98.0,
        "incremental_analysis_s": 3.0,
        "incremental_analysis_plain_s": 2.5,
        "incremental_transcript_s": 4.0,
        "incremental_transcript_plain_s": 2.5,
        "peak_rss_mb": 400.0,
        "plain_peak_rss_mb": 380.0,
        "core_speedup_vs_naive": 120.0,
        "core_agreement": 1.0,
        "oracle_agreement": 1.0,
        "extension_overhead": 0.02,
        "incremental_analysis_ratio": 1.2,
        "incremental_transcript_ratio": 1.6,
        "parallel_identical": False,
        "peak_rss_ratio": 1.05,
        "rounds_s": {"ext": [100.0, 104.25], "plain": [99.0, 98.0]},
        "page_weight_small_kb": 251.0,
        "page_weight_archive_kb": 262.0,
        "page_weight_ratio": 1.044,
        "search_index_kb": 1890.0,
        "search_index_files": 310,
        "first_search_kb": 171.0,
    }
    figures["met"] = {
        "core_speedup_vs_naive": True,
        "core_agreement": True,
        "oracle_agreement": True,
        "extension_overhead": True,
        "incremental_analysis_ratio": True,
        "incremental_transcript_ratio": True,
        "parallel_identical": False,
        "peak_rss_ratio": True,
        "page_weight_archive_kb": True,
        "page_weight_ratio": True,
    }
    printed = table(figures)
    assert "120×" in printed and "≥ 100×" in printed
    assert "on the first 240 of the sample" in printed and "60×" in printed
    assert "DIFFERENT" in printed and printed.count(" NO") == 1
    assert "100.0–104.2 s / 98.0–99.0 s" in printed
    assert "251 KB" in printed and "262 KB" in printed and "1.04×" in printed
    assert "1,890 KB in 310 files; 171 KB" in printed


@pytest.mark.sphinx
def test_a_small_run_writes_every_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The whole benchmark, on a tiny edition: every build runs, and bench.json has the keys
    the issue names."""
    arguments = ["--transcripts", "3", "--words", "300", "--pages", "2", "--quotations", "40"]
    compiled = Path(importlib.util.cache_from_source(memcon.domain.__file__))
    compiled.unlink(missing_ok=True)
    assert main([*arguments, "--sample", "10", "--repeat", "2", "--out", str(tmp_path)]) == 0
    figures = json.loads((tmp_path / "bench.json").read_text("utf-8"))
    assert {
        "transcripts",
        "quotations",
        "core_speedup_vs_naive",
        "extension_overhead",
        "incremental_analysis_s",
        "incremental_analysis_ratio",
        "incremental_transcript_s",
        "incremental_transcript_ratio",
        "parallel_identical",
        "peak_rss_mb",
        "peak_rss_ratio",
        "page_weight_small_kb",
        "page_weight_archive_kb",
        "search_index_kb",
        "first_search_kb",
    } <= figures.keys()
    assert (figures["transcripts"], figures["quotations"]) == (3, 40)
    assert figures["parallel_identical"] is True
    assert figures["oracle_agreement"] == 1.0
    assert figures["full_build_warnings"] > 0  # the mix's failing quotations, every one
    # The builds import the extension from its bytecode, as from an installed package.
    assert figures["bytecode_compiled"] is True
    rounds = figures["rounds_s"]
    assert set(rounds) == {
        f"{n}{k}" for n in ("ext", "plain") for k in ("", "_analysis", "_transcript")
    }
    assert [len(rounds[name]) for name in ("ext", "ext_analysis", "plain_transcript")] == [2, 4, 4]
    assert figures["full_build_s"] == min(rounds["ext"])
    # A first load of each transcript page, the search index only when a reader searches.
    assert 0 < figures["page_weight_archive_kb"] <= 300
    assert 0 < figures["page_weight_small_kb"] <= 300
    assert figures["search_index_kb"] > figures["first_search_kb"] > 0
    assert compiled.is_file()
    assert "peak memory vs plain" in capsys.readouterr().out


@pytest.mark.unit
def test_repeat_must_be_positive(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--repeat", "0"])
    assert "--repeat must be at least 1" in capsys.readouterr().err
