"""Building the real edition from the tests, as ``make`` does."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def sphinx_build(builder: str, outdir: Path, *options: str) -> subprocess.CompletedProcess[str]:
    """Build the edition with ``builder`` into ``outdir``, warnings as errors."""
    command = [
        sys.executable,
        "-m",
        "sphinx",
        "-b",
        builder,
        "-c",
        "docs",
        "-W",
        "--keep-going",
        "-q",
        "-d",
        str(outdir / ".doctrees"),
        *options,
        ".",
        str(outdir),
    ]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


def index_site(site: Path) -> subprocess.CompletedProcess[str]:
    """Index a built site for its search with Pagefind, as ``make html`` does last (with the
    options of ``pagefind.yml``, read from the repository root)."""
    command = [sys.executable, "-m", "pagefind", "--quiet", "--site", str(site)]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
