"""Sphinx test fixtures (test projects live in ``tests/roots/test-<name>/``), the built
edition, and the check that every test has its category (:mod:`categories`)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ("sphinx.testing.fixtures", "categories", "pytester")

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where ``@pytest.mark.sphinx(testroot=...)`` finds its test projects."""
    return Path(__file__).resolve().parent / "roots"


@pytest.fixture(scope="session")
def edition_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real edition, built once per session as ``make html`` builds it (``-W``), and
    indexed for its search by Pagefind."""
    from edition import index_site, sphinx_build

    outdir = tmp_path_factory.mktemp("edition") / "html"
    result = sphinx_build("html", outdir)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    indexed = index_site(outdir)
    assert indexed.returncode == 0, indexed.stdout + indexed.stderr
    return outdir
