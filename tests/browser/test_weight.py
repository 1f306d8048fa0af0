"""A reader's first visit to a page, on a phone with an empty cache, costs at most 300 KB
(uncompressed, every response added up): no icon font's script, no Bootstrap script, no
whole-site search index. Bytes are deterministic, so the budget is a test (the benchmark
reports the same figure at archive scale)."""

from __future__ import annotations

from typing import Any

import pytest
from harness import Site

from bench.pageweight import BUDGET, first_load

pytestmark = pytest.mark.browser

# The landing page, a transcript, an analysis chapter, the verification page, and the
# search page before a search.
PAGES = [
    "index.html",
    "transcripts/2003-03-18.html",
    "analysis/eu.html",
    "docs/verification.html",
    "search.html",
]
#: What a page view never loads.
NEVER = ("searchindex.js", "fontawesome", "bootstrap.js", "pagefind/")


@pytest.mark.parametrize("path", PAGES)
def test_a_first_visit_stays_within_the_budget(browser: Any, site: Site, path: str) -> None:
    assert (site.root / path).is_file(), f"{path} was not built"
    weight = first_load(browser, site.url, path)
    assert weight.responses[0][0] == path, weight.describe()
    assert weight.total <= BUDGET, weight.describe()
    heavy = [url for url, _ in weight.responses if any(part in url for part in NEVER)]
    assert not heavy, weight.describe()
