"""The benchmark's tests: Sphinx's test fixtures."""

from __future__ import annotations

pytest_plugins = ("sphinx.testing.fixtures",)
