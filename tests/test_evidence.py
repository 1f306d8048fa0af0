"""``make evidence`` (``tools/evidence.py``): the quotations whose status a change made
different, here a pending page given its text by the importer.

The edition checked is a small one written here: a pending page and an analysis page whose
quotations are crafted for the tests, as is the OCR text that fills the page.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import textwrap
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
PLENARY = ROOT / "tests" / "data" / "ocr" / "plenary.txt"


@pytest.fixture(scope="module")
def evidence() -> ModuleType:
    spec = importlib.util.spec_from_file_location("evidence", ROOT / "tools" / "evidence.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def quote(doc: str, line: int, text: str, status: str, **more: Any) -> dict[str, Any]:
    return {
        "doc": doc,
        "line": line,
        "text": text,
        "source": "2004-09-09",
        "status": status,
        **more,
    }


# --- comparing two reports ---------------------------------------------------------------


@pytest.mark.unit
def test_changed_pairs_quotations_by_page_and_words_not_line(evidence: ModuleType) -> None:
    before = {
        "quotes": [
            quote("analysis/a", 3, "same words", "pending"),
            quote("analysis/a", 5, "same words", "pending"),
            quote("analysis/a", 7, "kept", "verified"),
            quote("analysis/a", 9, "gone", "pending"),
        ]
    }
    elsewhere = [{"source": "2003-03-18", "passage": "t05"}]
    after = {
        "quotes": [
            quote("analysis/a", 4, "same words", "verified"),
            quote("analysis/a", 6, "same words", "misquoted", elsewhere=elsewhere),
            quote("analysis/a", 8, "kept", "verified"),
            quote("analysis/a", 10, "new", "verified"),
        ]
    }
    assert evidence.changed(before, after) == [
        {
            "doc": "analysis/a",
            "line": 4,
            "text": "same words",
            "source": "2004-09-09",
            "before": "pending",
            "after": "verified",
        },
        {
            "doc": "analysis/a",
            "line": 6,
            "text": "same words",
            "source": "2004-09-09",
            "before": "pending",
            "after": "misquoted",
            "elsewhere": elsewhere,
        },
    ]


@pytest.mark.unit
def test_grouped_lists_each_group_in_order(evidence: ModuleType) -> None:
    entries = [
        {**quote("analysis/a", 6, "x", ""), "before": "verified", "after": "pending"},
        {
            **quote("analysis/a", 4, "y", ""),
            "before": "pending",
            "after": "misattributed",
            "elsewhere": [{"source": "2003-03-18", "passage": "t05"}],
        },
        {**quote("analysis/a", 2, "z", ""), "before": "pending", "after": "verified"},
    ]
    assert evidence.grouped("0123456789abcdef", entries) == (
        "Evidence changed since 0123456789ab: 3 quotation(s)\n"
        "\n"
        "Newly verified (1):\n"
        "  analysis/a.md:2  “z”  2004-09-09: pending → verified\n"
        "\n"
        "Now misquoted, misattributed or not found (1):\n"
        "  analysis/a.md:4  “y”  2004-09-09: pending → misattributed; "
        "the words occur in 2003-03-18 (t05)\n"
        "\n"
        "No longer checkable (1):\n"
        "  analysis/a.md:6  “x”  2004-09-09: verified → pending\n"
    )
    markdown = evidence.grouped("0123456789abcdef", entries, markdown=True)
    assert markdown.startswith("### Evidence changed since 0123456789ab: 3 quotation(s)\n")
    assert "- `analysis/a.md:2` “z” (2004-09-09): pending → verified\n" in markdown


# --- a pending page filled, in a repository of its own ----------------------------------

PENDING = textwrap.dedent(
    """\
    ---
    id: "2004-09-09"
    date: 2004-09-09
    kind: memcon
    title: "Plenary meeting, September 9, 2004 (crafted)"
    status: pending
    speakers:
      bush: The President
      putin: President Putin
    topics: ["pipelines"]
    source:
      repository: "George W. Bush Presidential Library"
    ---

    # Plenary meeting, September 9, 2004 (crafted)

    ```{transcript-header}
    ```
    """
)
ANALYSIS = textwrap.dedent(
    """\
    # Cases

    Verified: {quote}`Every word of this meeting is made up <2004-09-09#bush>`.

    Misattributed: {quote}`a short list of crafted points <2004-09-09#bush>`.

    Misquoted: {quote}`We come with a long list of crafted points <2004-09-09#putin>`.

    Not found: {quote}`words that no crafted speaker says at all <2004-09-09>`.
    """
)


def git(repo: Path, *args: str) -> None:
    command = ["git", "-C", str(repo), "-c", "user.name=Test", "-c", "user.email=t@example.org"]
    subprocess.run([*command, *args], check=True, capture_output=True)


@pytest.fixture
def edition(tmp_path: Path) -> Path:
    """A small edition in a git repository: a pending page, quoted by an analysis page."""
    repo = tmp_path / "edition"
    for path, text in {
        "docs/conf.py": 'extensions = ["myst_parser", "memcon"]\n'
        'myst_enable_extensions = ["colon_fence", "strikethrough"]\n'
        'suppress_warnings = ["myst.strikethrough"]\n',
        "index.md": "# Test\n\n```{toctree}\n:glob:\n\ntranscripts/*\nanalysis/*\n```\n",
        "transcripts/2004-09-09.md": PENDING,
        "analysis/cases.md": ANALYSIS,
    }.items():
        (repo / path).parent.mkdir(parents=True, exist_ok=True)
        (repo / path).write_text(text, "utf-8")
    git(repo, "init", "--quiet")
    git(repo, "add", ".")
    git(repo, "commit", "--quiet", "-m", "A pending page")
    return repo


def run_evidence(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, str(ROOT / "tools" / "evidence.py"), "--root", str(repo), *args]
    return subprocess.run(command, capture_output=True, text=True, cwd=repo, check=False)


@pytest.mark.sphinx
def test_filling_a_pending_page_changes_the_evidence(edition: Path, tmp_path: Path) -> None:
    command = [sys.executable, "-m", "memcon.ocr", str(PLENARY), "--id", "2004-09-09"]
    imported = subprocess.run(
        [*command, "--out", str(edition / "transcripts")],
        capture_output=True,
        text=True,
        cwd=edition,
        check=False,
    )
    assert imported.returncode == 0, imported.stderr
    summary = tmp_path / "summary.md"
    result = run_evidence(edition, "--base", "HEAD", "--summary", str(summary))
    assert result.returncode == 0, result.stderr
    report = json.loads((edition / "_build" / "quotecheck" / "evidence.json").read_text("utf-8"))
    head = subprocess.run(
        ["git", "-C", str(edition), "rev-parse", "HEAD"], capture_output=True, text=True
    )
    assert report["base"] == head.stdout.strip()
    assert [(c["line"], c["before"], c["after"]) for c in report["changed"]] == [
        (3, "pending", "verified"),
        (5, "pending", "misattributed"),
        (7, "pending", "misquoted"),
        (9, "pending", "not_found"),
    ]
    assert "Newly verified (1):\n  analysis/cases.md:3" in result.stdout
    assert summary.read_text("utf-8").startswith("### Evidence changed since")
    worktrees = subprocess.run(
        ["git", "-C", str(edition), "worktree", "list"], capture_output=True, text=True
    )
    assert len(worktrees.stdout.splitlines()) == 1  # the temporary worktree is gone


@pytest.mark.unit
def test_a_base_that_does_not_exist_is_refused(edition: Path) -> None:
    result = run_evidence(edition, "--base", "no-such-branch")
    assert result.returncode == 1
    assert result.stderr == (
        "evidence: error: BASE='no-such-branch' is not a commit of this repository; expected "
        "a branch, a tag or a commit, e.g. BASE=HEAD or BASE=origin/main\n"
    )
    assert not (edition / "_build").exists()
