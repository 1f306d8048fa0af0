"""docs/architecture.md against what the extension registers: its tables of transforms and
post-transforms name every one of them, with its priority, in the order they run."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

ARCHITECTURE = Path(__file__).resolve().parent.parent / "docs" / "architecture.md"
ROW = re.compile(r"^\| (\d+) \| `([\w.]+)` \|", re.M)


def documented(heading: str) -> list[tuple[int, str]]:
    """The (priority, dotted name) rows of the table under ``## heading``."""
    text = ARCHITECTURE.read_text("utf-8")
    section = text.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    return [(int(priority), name) for priority, name in ROW.findall(section)]


def registered(transforms: list[type]) -> list[tuple[int, str]]:
    """The extension's (priority, name relative to memcon) in the order they run."""
    ours = [t for t in transforms if t.__module__.startswith("memcon.")]
    ordered = sorted(ours, key=lambda t: t.default_priority)  # stable, as Sphinx sorts
    return [(t.default_priority, f"{t.__module__[7:]}.{t.__name__}") for t in ordered]


@pytest.mark.sphinx("html", testroot="quotecheck")
def test_the_pipeline_tables_say_what_runs(app: SphinxTestApp) -> None:
    assert documented("Transforms") == registered(app.registry.get_transforms())
    assert documented("Post-transforms") == registered(app.registry.get_post_transforms())


EVENT_ROW = re.compile(r"^\| `([\w-]+)`(?: \(priority \d+\))? \| `([\w.]+)` \|", re.M)


@pytest.mark.sphinx("html", testroot="quotecheck")
def test_the_events_table_says_what_runs(app: SphinxTestApp) -> None:
    text = ARCHITECTURE.read_text("utf-8").split("## Events\n", 1)[1].split("\n## ", 1)[0]
    table: dict[str, list[str]] = {}
    for event, handler in EVENT_ROW.findall(text):
        table.setdefault(event, []).append(handler)
    found: dict[str, list[str]] = {}
    for event, listeners in app.events.listeners.items():
        for listener in sorted(listeners, key=lambda listener: listener.priority):
            module = listener.handler.__module__
            if module.startswith("memcon."):
                name = f"{module[7:]}.{listener.handler.__name__}"
                found.setdefault(event, []).append(name)
    assert table == found


@pytest.mark.unit
def test_the_front_matter_model_loads_only_with_a_transcript() -> None:
    """Setting the extension up, and reading a page that quotes, import no pydantic: an
    incremental build after an edit to the analysis does not pay for the model."""
    probe = (
        "import sys\n"
        "from sphinx.application import Sphinx\n"
        "import memcon, memcon.quotations.roles, memcon.quotations.directives\n"
        "import memcon.transcripts.frontmatter\n"
        "heavy = ('pydantic', 'memcon.schema')\n"
        "print(sorted(m for m in sys.modules if m.startswith(heavy)))\n"
    )
    found = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    assert found.strip() == "[]"
