"""The categories of the tests, one per test, so that ``pytest -m unit`` is the fast subset.

A pytest plugin (``pytest_plugins`` in ``tests/conftest.py`` and ``bench/tests/conftest.py``).
Every test carries exactly one of the markers in :data:`CATEGORIES`, declared with their
meanings in ``pyproject.toml``; a test with none or with two stops the run before any test
runs, naming it. So does a test whose fixtures contradict its category: a ``unit`` test
that asks for a Sphinx application or the built edition would not be fast.
"""

from __future__ import annotations

import pytest

#: The categories, from the fastest to the slowest.
CATEGORIES = ("unit", "sphinx", "edition", "browser")

#: Fixtures that build, and the categories of the tests that may use them.
BUILDING_FIXTURES = {
    "app": ("sphinx",),
    "make_app": ("sphinx",),
    "edition_site": ("edition", "browser"),
    "browser": ("browser",),
}


def problem(item: pytest.Item) -> str | None:
    """What is wrong with the category of ``item``, if anything."""
    marked = sorted({mark.name for mark in item.iter_markers()} & set(CATEGORIES))
    if len(marked) != 1:
        found = ", ".join(marked) or "none"
        return f"{item.nodeid}: has {found}; expected one of {', '.join(CATEGORIES)}"
    fixtures = getattr(item, "fixturenames", ())
    for fixture, allowed in BUILDING_FIXTURES.items():
        if fixture in fixtures and marked[0] not in allowed:
            return (
                f"{item.nodeid}: is marked {marked[0]} but uses the fixture {fixture!r}, "
                f"which only a test marked {' or '.join(allowed)} may use"
            )
    return None


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Check every collected test, before ``-m`` deselects any."""
    problems = [found for item in items if (found := problem(item))]
    if problems:
        raise pytest.UsageError(
            "each test needs exactly one category marker (see [tool.pytest.ini_options] "
            "markers in pyproject.toml):\n  " + "\n  ".join(problems)
        )
