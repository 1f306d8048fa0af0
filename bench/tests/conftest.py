"""The benchmark's tests: Sphinx's test fixtures, and the test categories of tests/."""

from __future__ import annotations

pytest_plugins = ("sphinx.testing.fixtures", "categories")
