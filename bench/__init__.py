"""The checker and the extension at archive scale: ``python -m bench --out DIR``.

Run from the repository root; this package is not installed with the extension.
Generates a synthetic edition (:mod:`bench.synthetic`; fixed seed) in a temporary
directory and measures, in one run:

- the pure core: a :class:`~memcon.quotations.match.Corpus` (index build and verdicts on a
  sample of quotations) against a naive baseline that scans every text layer's normalised
  text for the quotation and, on a miss, runs :class:`difflib.SequenceMatcher` against each
  layer; and how often the two agree where the baseline can decide;
- a full HTML build with the extension against the same pages built with plain Sphinx and
  MyST, the extension's directives and roles replaced by no-ops
  (:mod:`bench.plain_extension`);
- an incremental build after adding to an analysis page a quotation no page has (its
  verdict must be decided), and after changing a word of a transcript;
- the ``quotecheck`` builder with ``-j 2`` against ``-j 1`` (identical reports?);
- each build's peak memory, read with :func:`os.wait4` (the build's own
  ``RUSAGE_CHILDREN`` figure: its ``ru_maxrss`` and its workers').
- the site's search and page weight: Pagefind indexes the edition at archive scale (the
  index's size, the bytes a reader's first search fetches), and a transcript page's first
  load on a phone, in Chromium (:mod:`bench.pageweight`), at archive scale and in the real
  edition, built here too (``page_weight_archive_kb``, ``page_weight_small_kb``).

Before the builds, the extension's bytecode is written, as installing a package writes
it: Sphinx, MyST and the theme have theirs, and an editable install under
``PYTHONDONTWRITEBYTECODE`` would compile the extension's sources in every build.

Times are CPU seconds (user and system, of the build and its workers; of this process for
the core), which other work on a shared machine disturbs far less than the wall clock;
the wall-clock seconds are in the JSON beside them (``*_wall_s``). Each kind of build runs
``--repeat`` times, with and without the extension in turn (an incremental build, of two
seconds, twice as many: a busy moment disturbs a larger share of it), and the least
disturbed run (the fewest CPU seconds) of each is reported; so does the core, from a new
index each time, keeping the least time of the index and of each verdict. It prints a
table with the targets beside the figures and writes ``DIR/bench.json``, every round's
CPU seconds included (``rounds_s``). Figures are reported, never asserted.
"""

from __future__ import annotations

import argparse
import compileall
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from functools import partial
from pathlib import Path
from typing import Any

import memcon
from memcon.quotations.match import Corpus, Finding, QuotationSyntaxError
from memcon.quotations.textlayer import TextLayer, scan, words_and_offsets

from .pageweight import weigh
from .synthetic import ROOT, Edition, ExpectedQuotation, Scale, generate, write_conf

SEED = 20030318
THRESHOLD = 0.8
#: Runs of the core and of each kind of build; the least disturbed is reported. Identical
#: full builds, back to back on this shared machine, differ by a few percent of CPU time,
#: by a quarter when it is busy; the least of five varies less than the least of three.
REPEAT = 5
FULL = Scale(transcripts=150, words=6000, analysis_pages=48, quotations=5200, pending=4)

#: (key, what, target as printed, test of the figure)
TARGETS: tuple[tuple[str, str, str, Callable[[Any], bool]], ...] = (
    ("core_speedup_vs_naive", "checker core vs naive scan", "≥ 100×", lambda v: v >= 100),
    ("core_agreement", "core agrees with naive (decidable)", "report", lambda v: True),
    ("oracle_agreement", "verdicts match the known mix", "1.0", lambda v: v == 1.0),
    ("extension_overhead", "extension share of full build", "≤ 5%", lambda v: v <= 0.05),
    (
        "incremental_analysis_ratio",
        "incremental, analysis edit",
        "≤ 1.5× plain",
        lambda v: v <= 1.5,
    ),
    (
        "incremental_transcript_ratio",
        "incremental, transcript edit",
        "≤ 2× plain",
        lambda v: v <= 2.0,
    ),
    ("parallel_identical", "-j 2 report identical to -j 1", "identical", lambda v: v is True),
    ("peak_rss_ratio", "peak memory vs plain", "≤ 1.25×", lambda v: v <= 1.25),
    (
        "page_weight_archive_kb",
        "transcript page, first load, archive scale",
        "≤ 300 KB",
        lambda v: v <= 300,
    ),
    (
        "page_weight_ratio",
        "  against the real edition's transcript",
        "≤ 1.10×",
        lambda v: v <= 1.10,
    ),
)


def log(message: str) -> None:
    """Progress, on standard error."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# -- the core against a naive baseline -------------------------------------------------------


def layers(edition: Edition) -> list[TextLayer]:
    """The text layers of the edition's transcribed conversations."""
    return [
        TextLayer.from_columns(
            t.id,
            [turn.id for turn in t.turns],
            [turn.speaker for turn in t.turns],
            [turn.text for turn in t.turns],
        )
        for t in edition.transcribed
    ]


def _status(finding: Finding | None) -> str:
    return "not_found" if finding is None else finding.status


class NaiveChecker:
    """The baseline: normalise every layer; look for the quotation as a substring of each;
    on a miss, align it with each layer by :class:`SequenceMatcher` and score the window."""

    def __init__(self, text_layers: Sequence[TextLayer]) -> None:
        self.words = [
            [word for text in layer.texts for word in words_and_offsets(text)[0]]
            for layer in text_layers
        ]
        self.texts = [f" {' '.join(words)} " for words in self.words]

    def status(self, quotation: str) -> str:
        """``verified``, ``misquoted`` or ``not_found``: ellipses, insertions and
        speakers are beyond it."""
        words = [norm for norm, _, _ in scan(quotation)]
        if not words:
            return "not_found"
        needle = f" {' '.join(words)} "
        if any(needle in text for text in self.texts):
            return "verified"
        matcher = SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(words)
        best = 0.0
        for layer in self.words:
            matcher.set_seq1(layer)
            block = matcher.find_longest_match(0, len(layer), 0, len(words))
            if not block.size:
                continue
            start = max(0, block.a - block.b)
            window = SequenceMatcher(None, layer[start : start + len(words)], words, autojunk=False)
            best = max(best, window.ratio())
        return "misquoted" if best >= THRESHOLD else "not_found"


def decidable(quotation: ExpectedQuotation) -> bool:
    """Whether the naive baseline can decide it: no ellipsis, no insertion."""
    return "..." not in quotation.text and "[" not in quotation.text


#: The smallest sample the core comparison is also reported on (the first quotations of
#: the sample): the index is built once whatever the sample, so the ratio grows with it.
SMALL_SAMPLE = 240


def _timed(
    decide: Callable[[ExpectedQuotation], str], sample: Sequence[ExpectedQuotation]
) -> tuple[list[str], list[float]]:
    """Each quotation's status and the CPU seconds it took."""
    statuses, seconds = [], []
    for quotation in sample:
        start = time.process_time()
        statuses.append(decide(quotation))
        seconds.append(time.process_time() - start)
    return statuses, seconds


def core_benchmark(edition: Edition, size: int, seed: int, repeat: int = 1) -> dict[str, Any]:
    """Time the core and the naive baseline on a sample of ``size`` checked quotations.

    Both prepare once (the core builds its index, the naive checker normalises every
    layer) and then decide each quotation, timed one by one, so that the ratio is also
    reported on the sample's first :data:`SMALL_SAMPLE` quotations. The core takes about
    a second, so a busy machine can double it: it runs ``repeat`` times, each from a new
    index, and the index and each verdict keep their least disturbed time. The naive
    baseline, a minute or more, runs once.
    """
    checked = [q for q in edition.quotations if q.category not in ("pending", "exempt")]
    sample = random.Random(seed).sample(checked, min(size, len(checked)))
    index_s, core_times = math.inf, [math.inf] * len(sample)
    for _ in range(repeat):
        start = time.process_time()
        corpus = Corpus(layers(edition))
        index_s = min(index_s, time.process_time() - start)
        archive, times = _timed(partial(_archive_wide, corpus), sample)
        core_times = [min(a, b) for a, b in zip(core_times, times, strict=True)]
    scoped, scoped_times = _timed(lambda q: _find(corpus, q.text, q.sources, q.speaker), sample)
    start = time.process_time()
    naive = NaiveChecker(layers(edition))
    prepare_s = time.process_time() - start
    baseline, naive_times = _timed(lambda q: naive.status(q.text), sample)
    core_s, naive_s = index_s + sum(core_times), prepare_s + sum(naive_times)
    small = min(SMALL_SAMPLE, len(sample))
    pairs = [(a, b) for q, a, b in zip(sample, archive, baseline, strict=True) if decidable(q)]
    core_each, naive_each = sum(core_times) / len(sample), sum(naive_times) / len(sample)
    return {
        "core_sample": len(sample),
        "core_index_s": round(index_s, 3),
        "core_s": round(core_s, 3),
        "core_scoped_verdicts_s": round(sum(scoped_times), 3),
        "naive_prepare_s": round(prepare_s, 3),
        "naive_s": round(naive_s, 3),
        "core_speedup_vs_naive": round(naive_s / core_s, 1),
        "core_small_sample": small,
        "core_speedup_small_sample": round(
            (prepare_s + sum(naive_times[:small])) / (index_s + sum(core_times[:small])), 1
        ),
        "core_verdict_ms": round(1000 * core_each, 3),
        "naive_verdict_ms": round(1000 * naive_each, 3),
        # extrapolated: both preparations once, then every checked quotation of the edition
        "core_speedup_amortised": round(
            (prepare_s + naive_each * len(checked)) / (index_s + core_each * len(checked)), 1
        ),
        "core_agreement": round(sum(a == b for a, b in pairs) / max(1, len(pairs)), 4),
        "core_decidable": len(pairs),
        "core_disagreements": Counter(f"{a}/{b}" for a, b in pairs if a != b),
        "core_oracle_agreement": round(
            sum(s == q.status for q, s in zip(sample, scoped, strict=True)) / len(sample), 4
        ),
    }


def _archive_wide(corpus: Corpus, quotation: ExpectedQuotation) -> str:
    """The core's status for a quotation sought in every transcript, for any speaker."""
    return _find(corpus, quotation.text, None, None)


def _find(corpus: Corpus, text: str, sources: Sequence[str] | None, speaker: str | None) -> str:
    try:
        return _status(corpus.find(text, sources, speaker, THRESHOLD))
    except QuotationSyntaxError:
        return "not_found"


# -- builds -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Build:
    """One ``sphinx-build`` run, as a subprocess."""

    seconds: float  #: CPU seconds, user and system, of the build and its workers
    wall: float
    peak_rss_mb: float
    status: int
    warnings: int


def sphinx_build(arguments: Sequence[str], transcript: Path) -> Build:
    """Run ``sphinx-build`` with ``arguments``, its output to ``transcript``."""
    command = [sys.executable, "-m", "sphinx", *arguments]
    start = time.perf_counter()
    with transcript.open("w", encoding="utf-8") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    text = transcript.read_text("utf-8", errors="replace")
    if "Traceback" in text or "Exception occurred" in text:
        raise RuntimeError(f"sphinx-build {' '.join(arguments)} failed; see {transcript}")
    return Build(
        usage.ru_utime + usage.ru_stime,
        wall,
        usage.ru_maxrss / 1024,
        process.returncode,
        text.count("WARNING"),
    )


def html(source: Path, work: Path, name: str) -> Build:
    """A (full or incremental) HTML build of ``source`` into ``work``."""
    return sphinx_build(
        ["-b", "html", "-q", str(source), str(work / "html"), "-d", str(work / "doctrees")],
        work.parent / f"{name}.log",
    )


def quotecheck(source: Path, work: Path, jobs: int) -> Build:
    """A fresh ``quotecheck`` build with ``jobs`` processes."""
    return sphinx_build(
        [
            "-b",
            "quotecheck",
            "-q",
            "-j",
            str(jobs),
            str(source),
            str(work),
            "-d",
            str(work / ".doctrees"),
        ],
        work.parent / f"{work.name}.log",
    )


def touch(path: Path) -> None:
    """Bump ``path``'s modification time past the last build's."""
    later = time.time() + 1
    os.utime(path, (later, later))


def edit_analysis(root: Path, edition: Edition, round_: int) -> None:
    """Add to the first analysis page a quotation no page has yet, another each round: a
    verbatim run of nine words from a turn, so that its verdict must be decided. A small
    edition, with fewer transcripts than rounds, gives a transcript's later turns."""
    transcript = edition.transcribed[(7 * round_ + 3) % len(edition.transcribed)]
    page = root / f"{edition.analysis_pages[0]}.md"
    text = page.read_text("utf-8")
    quotation = next(
        (
            markup
            for turn in transcript.turns[5 * round_ :] + transcript.turns
            for paragraph in turn.paragraphs
            if len(paragraph) >= 12
            for markup in [
                f"{{quote}}`{' '.join(paragraph[2:11])} <{transcript.id}#{turn.speaker}>`"
            ]
            if markup not in text
        ),
        None,
    )
    if quotation is None:
        raise RuntimeError(f"no run of words in {transcript.id} is left to quote; expected one")
    page.write_text(f"{text}\nAdded later: {quotation}.\n", "utf-8")
    touch(page)


def edit_transcript(root: Path, edition: Edition, round_: int) -> None:
    """Change one word in the middle of a transcript."""
    transcript = edition.transcribed[len(edition.transcribed) // 2]
    page = root / f"{transcript.docname}.md"
    text = page.read_text("utf-8")
    at = text.index(" the ", len(text) // 2)
    page.write_text(text[:at] + " a " + text[at + len(" the ") :], "utf-8")
    touch(page)


def _least(kept: Build | None, new: Build) -> Build:
    """The build with fewer CPU seconds, keeping the higher peak memory of the two."""
    if kept is None:
        return new
    least = min(kept, new, key=lambda build: build.seconds)
    return replace(least, peak_rss_mb=max(kept.peak_rss_mb, new.peak_rss_mb))


def compile_extension() -> bool:
    """Write the extension's bytecode, as installing a package does, so that the builds
    measure the extension and not the compiling of its sources; whether it was written."""
    package = Path(memcon.__file__).resolve().parent
    log(f"compiling the extension's bytecode in {package}")
    return bool(compileall.compile_dir(package, quiet=1))


def oracle_agreement(report: dict[str, Any], edition: Edition) -> tuple[float, Counter[str]]:
    """The share of quotations whose status is the expected one, and the mismatches."""
    found = {(q["doc"], q["line"]): q["status"] for q in report["quotes"]}
    wrong: Counter[str] = Counter()
    for quotation in edition.quotations:
        status = found.get((quotation.doc, quotation.line), "missing")
        if status != quotation.status:
            wrong[f"{quotation.category}: {quotation.status} → {status}"] += 1
    return 1 - sum(wrong.values()) / len(edition.quotations), wrong


# -- the site's search and page weight -----------------------------------------------------------

#: The real edition's transcript page the archive's is compared with.
SMALL_PAGE = "transcripts/2003-03-18.html"


def index_site(site: Path) -> float:
    """Index a built site with Pagefind, as ``make html`` does (``pagefind.yml``, read from
    the repository root); the wall-clock seconds it took."""
    start = time.perf_counter()
    command = [sys.executable, "-m", "pagefind", "--quiet", "--site", str(site)]
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - start


def build_real_edition(work: Path) -> Path:
    """The real edition, built as ``make html`` builds it, into ``work/real``."""
    out = work / "real"
    build = sphinx_build(
        [
            "-b",
            "html",
            "-q",
            "-c",
            str(ROOT / "docs"),
            str(ROOT),
            str(out),
            "-d",
            str(work / "real-doctrees"),
        ],
        work / "real.log",
    )
    if build.status != 0:
        raise RuntimeError(f"the real edition did not build; see {work / 'real.log'}")
    index_site(out)
    return out


def search_phrase(edition: Edition) -> str:
    """A phrase of the archive's middle transcript, in quotation marks."""
    turn = edition.transcribed[len(edition.transcribed) // 2].turns[0]
    return '"' + " ".join(turn.tokens[2:5]) + '"'


def page_weights(real: Path, archive: Path, edition: Edition) -> dict[str, Any]:
    """A transcript page's first load in the real edition and at archive scale, the size of
    the archive's search index and what a first search there fetches."""
    page = f"{edition.transcribed[len(edition.transcribed) // 2].docname}.html"
    searched = f"search.html?q={urllib.parse.quote(search_phrase(edition))}"
    small = weigh(real, [SMALL_PAGE])[SMALL_PAGE]
    found = weigh(archive, [page, "search.html", searched])
    index = [p for p in (archive / "pagefind").rglob("*") if p.is_file()]
    return {
        "page_weight_small_kb": round(small.total / 1000, 1),
        "page_weight_archive_kb": round(found[page].total / 1000, 1),
        "page_weight_ratio": round(found[page].total / small.total, 3),
        "page_weight_archive_page": page,
        "search_index_kb": round(sum(p.stat().st_size for p in index) / 1000, 1),
        "search_index_files": len(index),
        "first_search_kb": round((found[searched].total - found["search.html"].total) / 1000, 1),
    }


# -- the run ------------------------------------------------------------------------------------


def run(scale: Scale, seed: int, sample: int, work: Path, repeat: int = REPEAT) -> dict[str, Any]:
    """Generate the edition in ``work`` and measure everything; return the figures."""
    began = time.perf_counter()
    ext, plain = work / "ext", work / "plain"
    log(f"generating {scale.transcripts} transcripts and {scale.quotations} quotations")
    edition = generate(ext, scale, seed)
    shutil.copytree(ext, plain)
    write_conf(ext, with_extension=True)
    write_conf(plain, with_extension=False)
    results: dict[str, Any] = {
        "transcripts": len(edition.transcribed),
        "pending_transcripts": len(edition.transcripts) - len(edition.transcribed),
        "words": edition.words,
        "analysis_pages": len(edition.analysis_pages),
        "quotations": len(edition.quotations),
        "mix": Counter(q.category for q in edition.quotations),
        "seed": seed,
        "training": edition.training,
    }
    results["bytecode_compiled"] = compile_extension()
    log(f"core: index and {sample} verdicts, then the naive baseline")
    results.update(core_benchmark(edition, sample, seed, repeat))

    log("quotecheck -j 1 and -j 2")
    one, two = quotecheck(ext, work / "qc-j1", 1), quotecheck(ext, work / "qc-j2", 2)
    report_one = (work / "qc-j1" / "quotecheck.json").read_bytes()
    results["parallel_identical"] = report_one == (work / "qc-j2" / "quotecheck.json").read_bytes()
    results["quotecheck_j1_wall_s"], results["quotecheck_j2_wall_s"] = one.wall, two.wall
    agreement, wrong = oracle_agreement(json.loads(report_one), edition)
    results["oracle_agreement"], results["oracle_mismatches"] = round(agreement, 4), wrong
    results["summary"] = json.loads(report_one)["summary"]

    log(f"full HTML builds, {repeat} each: with the extension, then plain, in turn")
    builds: dict[str, Build] = {}
    rounds: dict[str, list[float]] = {}

    def keep(name: str, build: Build) -> None:
        builds[name] = _least(builds.get(name), build)
        rounds.setdefault(name, []).append(round(build.seconds, 2))

    for round_ in range(repeat):
        # Later rounds build from empty again; each figure is the round least disturbed.
        # The two builds take turns at going first, so that a machine slowing down or
        # speeding up over the run weighs on both alike.
        pair = ((ext, "ext"), (plain, "plain"))
        for root, name in pair if round_ % 2 == 0 else reversed(pair):
            out = work / f"{name}-out"
            shutil.rmtree(out, ignore_errors=True)
            keep(name, html(root, out, f"full-{name}-{round_}"))
    for edit, kind in ((edit_analysis, "analysis"), (edit_transcript, "transcript")):
        edits = 2 * repeat
        log(f"incremental builds after {edits} {kind} edits, each built with and without")
        for round_ in range(edits):
            for root, name in ((ext, "ext"), (plain, "plain")):
                edit(root, edition, round_)
                keep(f"{name}_{kind}", html(root, work / f"{name}-out", f"{kind}-{name}-{round_}"))

    results.update(
        {
            "full_build_s": round(builds["ext"].seconds, 2),
            "plain_build_s": round(builds["plain"].seconds, 2),
            "extension_overhead": round(builds["ext"].seconds / builds["plain"].seconds - 1, 4),
            "incremental_analysis_s": round(builds["ext_analysis"].seconds, 2),
            "incremental_analysis_plain_s": round(builds["plain_analysis"].seconds, 2),
            "incremental_analysis_ratio": round(
                builds["ext_analysis"].seconds / builds["plain_analysis"].seconds, 3
            ),
            "incremental_transcript_s": round(builds["ext_transcript"].seconds, 2),
            "incremental_transcript_plain_s": round(builds["plain_transcript"].seconds, 2),
            "incremental_transcript_ratio": round(
                builds["ext_transcript"].seconds / builds["plain_transcript"].seconds, 3
            ),
            "peak_rss_mb": round(builds["ext"].peak_rss_mb, 1),
            "plain_peak_rss_mb": round(builds["plain"].peak_rss_mb, 1),
            "peak_rss_ratio": round(builds["ext"].peak_rss_mb / builds["plain"].peak_rss_mb, 3),
            "full_build_warnings": builds["ext"].warnings,
            **{f"{name}_wall_s": round(build.wall, 2) for name, build in builds.items()},
            # Every round's CPU seconds, in order: how much the machine disturbed them.
            "rounds_s": rounds,
            "bench_wall_s": round(time.perf_counter() - began, 1),
        }
    )
    log("the search index at archive scale, and a transcript page's first load in Chromium")
    results["search_index_s"] = round(index_site(work / "ext-out" / "html"), 2)
    results.update(page_weights(build_real_edition(work), work / "ext-out" / "html", edition))
    results["targets"] = {key: target for key, _, target, _ in TARGETS}
    results["met"] = {key: test(results[key]) for key, _, _, test in TARGETS}
    return results


def table(results: dict[str, Any]) -> str:
    """The figures as a table, targets beside them."""
    rows = [
        ("transcripts (words)", f"{results['transcripts']} ({results['words']:,})", "≥ 150", ""),
        ("analysis pages", str(results["analysis_pages"]), "≥ 40", ""),
        ("quotations", f"{results['quotations']:,}", "≥ 5,000", ""),
        (
            "core: index + verdicts / naive",
            f"{results['core_s']:.2f} s / {results['naive_s']:.1f} s (n={results['core_sample']})",
            "",
            "",
        ),
        (
            f"  on the first {results['core_small_sample']} of the sample",
            f"{results['core_speedup_small_sample']:,.0f}×",
            "",
            "",
        ),
        (
            "  per verdict; over all quotations",
            f"{results['core_verdict_ms']:.2f} / {results['naive_verdict_ms']:.0f} ms; "
            f"{results['core_speedup_amortised']:,.0f}× (extrapolated)",
            "",
            "",
        ),
        (
            "full build: extension / plain",
            f"{results['full_build_s']:.1f} s / {results['plain_build_s']:.1f} s",
            "",
            "",
        ),
        (
            "  its rounds, least to most: ext / plain",
            " / ".join(
                f"{min(results['rounds_s'][name]):.1f}–{max(results['rounds_s'][name]):.1f} s"
                for name in ("ext", "plain")
            ),
            "",
            "",
        ),
        (
            "incremental, analysis: ext / plain",
            f"{results['incremental_analysis_s']:.1f} s / "
            f"{results['incremental_analysis_plain_s']:.1f} s",
            "",
            "",
        ),
        (
            "incremental, transcript: ext / plain",
            f"{results['incremental_transcript_s']:.1f} s / "
            f"{results['incremental_transcript_plain_s']:.1f} s",
            "",
            "",
        ),
        (
            "transcript page, first load: real edition",
            f"{results['page_weight_small_kb']:.0f} KB",
            "",
            "",
        ),
        (
            "search index (archive): size; a first search",
            f"{results['search_index_kb']:,.0f} KB in {results['search_index_files']} files; "
            f"{results['first_search_kb']:.0f} KB",
            "",
            "",
        ),
        (
            "peak memory: ext / plain",
            f"{results['peak_rss_mb']:.0f} MB / {results['plain_peak_rss_mb']:.0f} MB",
            "",
            "",
        ),
    ]
    shown = {
        "core_speedup_vs_naive": lambda v: f"{v:,.0f}×",
        "core_agreement": lambda v: f"{v:.1%} of {results['core_decidable']}",
        "oracle_agreement": lambda v: f"{v:.2%}",
        "extension_overhead": lambda v: f"{v:+.1%}",
        "incremental_analysis_ratio": lambda v: f"{v:.2f}×",
        "incremental_transcript_ratio": lambda v: f"{v:.2f}×",
        "parallel_identical": lambda v: "identical" if v else "DIFFERENT",
        "peak_rss_ratio": lambda v: f"{v:.2f}×",
        "page_weight_archive_kb": lambda v: f"{v:.0f} KB",
        "page_weight_ratio": lambda v: f"{v:.2f}×",
    }
    for key, what, target, _ in TARGETS:
        met = "yes" if results["met"][key] else "NO"
        rows.append((what, shown[key](results[key]), target, met))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    head = ("measure", "figure", "target", "met")
    widths = [max(w, len(h)) for w, h in zip(widths, head, strict=True)]
    lines = [
        "  ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)),
        "  ".join("-" * w for w in widths),
    ]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: run the benchmark, print the table, write ``OUT/bench.json``."""
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--out", type=Path, default=Path("_build/bench"))
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--transcripts", type=int, default=FULL.transcripts)
    parser.add_argument("--words", type=int, default=FULL.words)
    parser.add_argument("--pages", type=int, default=FULL.analysis_pages)
    parser.add_argument("--quotations", type=int, default=FULL.quotations)
    parser.add_argument(
        "--sample", type=int, default=1000, help="quotations in the core comparison"
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=REPEAT,
        help="runs of the core and builds of each kind (incremental builds: twice as many), "
        "with and without the extension in turn; the least disturbed (fewest CPU seconds) is "
        "reported",
    )
    parser.add_argument("--keep", action="store_true", help="keep the generated edition")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error(f"--repeat must be at least 1, not {args.repeat}")
    scale = Scale(args.transcripts, args.words, args.pages, args.quotations, FULL.pending)
    work = Path(tempfile.mkdtemp(prefix="memcon-bench-"))
    try:
        results = run(scale, args.seed, args.sample, work, args.repeat)
    finally:
        if args.keep:
            log(f"the generated edition and the build logs are in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "bench.json").write_text(json.dumps(results, indent=2) + "\n", "utf-8")
    print(table(results))
    print(
        "\ntimes: CPU seconds of each build's processes (wall clock in the JSON);"
        f" written: {args.out / 'bench.json'}"
    )
    return 0
