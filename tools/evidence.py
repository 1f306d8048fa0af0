"""``make evidence``: the quotations whose status a change made different.

Checks the quotations of BASE (a git ref, checked out in a temporary worktree and checked by
its own extension) and of the working tree, as ``make quotecheck`` does, and lists every
quotation whose status changed: newly verified; now misquoted, misattributed or not found
(with where else the words occur); no longer checkable. Writes
``_build/quotecheck/evidence.json``::

    {"base": "<sha>", "changed": [{"doc": "analysis/nato", "line": 12, "text": "...",
      "source": "2002-06-27", "before": "pending", "after": "verified"}]}

Usage: ``python tools/evidence.py [--base REF] [--out FILE] [--summary FILE]``. BASE defaults
to the merge base with ``origin/main`` where there is one, else ``HEAD``; ``--summary``
appends the list in Markdown (GitHub Actions' ``$GITHUB_STEP_SUMMARY``).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from memcon.files import write_atomically

#: The groups of the list, in order: a title and the statuses after the change.
GROUPS = (
    ("Newly verified", ("verified",)),
    ("Now misquoted, misattributed or not found", ("misquoted", "misattributed", "not_found")),
    ("No longer checkable", ("pending",)),
    ("Otherwise changed", ("sic", "exempt")),
)
FAILING = GROUPS[1][1]


class EvidenceError(Exception):
    """The evidence cannot be gathered; the message says why and what was expected."""


def changed(before: dict[str, Any], after: dict[str, Any]) -> list[dict[str, Any]]:
    """Every quotation of both reports whose status differs, in the working tree's order.

    A quotation is the same in both when its page and its words are (the n-th of several
    alike matches the n-th): lines move when a page is edited."""
    earlier = dict(_keyed(before["quotes"]))
    found: list[dict[str, Any]] = []
    for key, quote in _keyed(after["quotes"]):
        old = earlier.get(key)
        if old is None or old["status"] == quote["status"]:
            continue
        entry = {
            "doc": quote["doc"],
            "line": quote["line"],
            "text": quote["text"],
            "source": quote["source"],
            "before": old["status"],
            "after": quote["status"],
        }
        if quote["status"] in FAILING and quote.get("elsewhere"):
            entry["elsewhere"] = quote["elsewhere"]
        found.append(entry)
    return found


def _keyed(quotes: Iterable[dict[str, Any]]) -> Iterable[tuple[tuple[str, str, int], Any]]:
    seen: Counter[tuple[str, str]] = Counter()
    for quote in quotes:
        seen[quote["doc"], quote["text"]] += 1
        yield (quote["doc"], quote["text"], seen[quote["doc"], quote["text"]]), quote


def grouped(base: str, entries: Sequence[dict[str, Any]], markdown: bool = False) -> str:
    """The list, grouped as :data:`GROUPS` orders it: plain text, or Markdown."""
    head = f"Evidence changed since {base[:12]}: {len(entries)} quotation(s)"
    lines = [f"### {head}" if markdown else head]
    for title, statuses in GROUPS:
        members = [entry for entry in entries if entry["after"] in statuses]
        if members:
            lines += [
                "",
                f"**{title}** ({len(members)})" if markdown else f"{title} ({len(members)}):",
            ]
            lines += [_item(entry, markdown) for entry in members]
    return "\n".join(lines) + "\n"


def _item(entry: dict[str, Any], markdown: bool) -> str:
    where = f"{entry['doc']}.md:{entry['line']}"
    change = f"{entry['before']} → {entry['after']}"
    elsewhere = ", ".join(f"{e['source']} ({e['passage']})" for e in entry.get("elsewhere", ()))
    found = f"; the words occur in {elsewhere}" if elsewhere else ""
    if markdown:
        return f"- `{where}` “{entry['text']}” ({entry['source']}): {change}{found}"
    return f"  {where}  “{entry['text']}”  {entry['source']}: {change}{found}"


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True)


def resolve_base(root: Path, base: str | None) -> str:
    """The commit to compare with: ``base``, else the merge base with ``origin/main``, else
    ``HEAD``."""
    if base is None:
        merge_base = _git(root, "merge-base", "HEAD", "origin/main")
        base = merge_base.stdout.strip() if merge_base.returncode == 0 else "HEAD"
    found = _git(root, "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}")
    if found.returncode != 0:
        raise EvidenceError(
            f"BASE={base!r} is not a commit of this repository; expected a branch, a tag or "
            "a commit, e.g. BASE=HEAD or BASE=origin/main"
        )
    return found.stdout.strip()


def quotecheck(srcdir: Path, outdir: Path, extension: Path) -> dict[str, Any]:
    """The quotation report of the edition in ``srcdir``, checked by the extension in
    ``extension`` (``_ext``)."""
    command = [
        sys.executable, "-m", "sphinx", "-b", "quotecheck", "-q",
        "-c", str(srcdir / "docs"), "-d", str(outdir / ".doctrees"), str(srcdir), str(outdir),
    ]  # fmt: skip
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(extension), os.environ.get("PYTHONPATH", "")]),
    }
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    report = outdir / "quotecheck.json"
    if result.returncode not in (0, 1) or not report.exists():
        raise EvidenceError(
            f"the quotation check of {srcdir} failed (exit status {result.returncode}):\n"
            + result.stderr[-2000:]
        )
    loaded: dict[str, Any] = json.loads(report.read_text("utf-8"))
    return loaded


def base_report(root: Path, sha: str, scratch: Path) -> dict[str, Any]:
    """The report of ``sha``, checked out in a temporary worktree removed afterwards."""
    worktree = scratch / "base"
    added = _git(root, "worktree", "add", "--detach", "--quiet", str(worktree), sha)
    if added.returncode != 0:
        raise EvidenceError(f"cannot check out {sha} in {worktree}: {added.stderr.strip()}")
    try:
        return quotecheck(worktree, scratch / "before", worktree / "_ext")
    finally:
        _git(root, "worktree", "remove", "--force", str(worktree))


def main(argv: Sequence[str] | None = None) -> int:
    """Gather the evidence; exit status 1 with a message when it cannot."""
    parser = argparse.ArgumentParser(prog="make evidence", description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", help="the git ref to compare with")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the edition's repository")
    parser.add_argument("--out", type=Path, default=Path("_build/quotecheck/evidence.json"))
    parser.add_argument("--summary", type=Path, help="a file to append the Markdown list to")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    try:
        sha = resolve_base(root, args.base)
        with tempfile.TemporaryDirectory(prefix="memcon-evidence-") as scratch:
            before = base_report(root, sha, Path(scratch))
            after = quotecheck(root, Path(scratch) / "after", root / "_ext")
    except EvidenceError as error:
        print(f"evidence: error: {error}", file=sys.stderr)
        return 1
    entries = changed(before, after)
    report = json.dumps({"base": sha, "changed": entries}, indent=2, ensure_ascii=False) + "\n"
    args.out.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(args.out, report.encode("utf-8"))
    print(grouped(sha, entries), end="")
    print(f"written to {args.out}")
    if args.summary is not None:
        with args.summary.open("a", encoding="utf-8") as summary:
            summary.write(grouped(sha, entries, markdown=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
