"""docs/architecture.md against what the extension registers: its tables of transforms and
post-transforms name every one of them, with its priority, in the order they run."""

from __future__ import annotations

import re
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
