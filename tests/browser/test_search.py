"""The site's search, Pagefind's index read by the search page (memcon-search.js): a phrase
of the 2003 call finds it first, with the words marked in an excerpt; the filters narrow the
results; the keyboard reaches a result; the page fits a phone and passes axe; and no other
page loads an index."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

import pytest
from harness import PHONE, WIDE, Site

pytestmark = pytest.mark.browser

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture fails with the reason
    expect = None

TRANSCRIPT = "transcripts/2003-03-18.html"
PHRASE = '"anti-French backlash"'
RESULTS = "#memcon-search-results"


def search(
    open_page: Any, query: str, viewport: dict[str, int] | None = None, **filters: str
) -> Any:
    """The search page, opened on ``query`` and ``filters``, once its answer is shown."""
    address = f"search.html?q={quote(query)}" + "".join(
        f"&{name}={quote(value)}" for name, value in filters.items()
    )
    page = open_page(address, viewport)
    expect(page.locator(".memcon-search-status")).not_to_be_empty(timeout=20_000)
    return page


def result_paths(page: Any) -> list[str]:
    """The results' addresses, in order, relative to the site."""
    hrefs = page.locator(f"{RESULTS} li > a").evaluate_all("as => as.map(a => a.href)")
    return [re.sub(r"^https?://[^/]+/", "", href) for href in hrefs]


def test_the_index_offers_the_editions_filters(open_page: Any, site: Site) -> None:
    assert (site.root / "pagefind" / "pagefind.js").is_file(), "the site was not indexed"
    page = open_page("index.html")
    filters = page.evaluate(
        "async () => { const pf = await import('./pagefind/pagefind.js'); return pf.filters(); }"
    )
    assert {"year", "kind", "participant", "status"} <= filters.keys(), filters
    assert set(filters["kind"]) == {"meeting", "telephone"}
    assert "2003" in filters["year"] and "Vladimir Putin" in filters["participant"]


@pytest.mark.parametrize("query", [PHRASE, PHRASE.strip('"')], ids=["phrase", "words"])
def test_a_phrase_of_the_2003_call_finds_it_first_with_its_words_marked(
    open_page: Any, site: Site, query: str
) -> None:
    """As a phrase or as words, before the analysis that quotes it (and repeats the words in
    its notes and apparatus)."""
    page = search(open_page, query)
    paths = result_paths(page)
    assert paths and paths[0] == TRANSCRIPT, paths
    first = page.locator(f"{RESULTS} li").first
    marked = first.locator(".memcon-search-excerpt mark").all_text_contents()
    assert any("backlash" in word for word in marked), marked
    assert first.locator(".memcon-search-date").text_content() == "March 18, 2003"
    assert not page.problems, page.problems.describe()


def test_the_kind_filter_keeps_the_call_or_leaves_it_out(open_page: Any, site: Site) -> None:
    telephone = search(open_page, PHRASE, kind="telephone")
    assert result_paths(telephone) == [TRANSCRIPT]
    expect(telephone.locator("input[name=kind][value=telephone]")).to_be_checked()
    meeting = search(open_page, PHRASE, kind="meeting")
    assert TRANSCRIPT not in result_paths(meeting)
    # Ticking a box searches again.
    meeting.locator("input[name=kind][value=telephone]").check()
    expect(meeting.locator(f"{RESULTS} a[href$='{TRANSCRIPT}']")).to_have_count(1)


INDEXED_TEXT = """async ([query, path]) => {
  const pf = await import('./pagefind/pagefind.js');
  const found = await pf.search(query);
  for (const result of found.results) {
    const data = await result.data();
    if (data.url.endsWith(path)) return data.content;
  }
  return null;
}"""


def test_the_index_holds_the_turns_words_not_the_pages_furniture(
    open_page: Any, site: Site
) -> None:
    """What Pagefind holds of the 2003 call: the words of its turns, without the speakers'
    labels (filters, not words), the "quoted in" margins or the site's navigation."""
    page = open_page("index.html")
    text = page.evaluate(INDEXED_TEXT, [PHRASE, TRANSCRIPT])
    assert text, f"no result for {PHRASE} is {TRANSCRIPT}"
    assert "anti-French backlash" in text
    for furniture in ("The President:", "President Putin:", "Quoted in", "Skip to main content"):
        assert furniture not in text, furniture
    # The analysis chapters are in the site's navigation, not in the call.
    assert "BUSH AND PUTIN AND THE EU" not in text


def test_the_keyboard_leads_from_any_page_to_a_result(open_page: Any, site: Site) -> None:
    page = open_page("index.html")
    page.keyboard.press("Control+k")
    box = page.locator("input[name=q]:focus")
    expect(box).to_have_count(1)
    page.keyboard.type(PHRASE)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search\.html\?q="))
    expect(page.locator(f"{RESULTS} li").first).to_be_visible(timeout=20_000)
    expect(page.locator("#memcon-search-input")).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(page.locator(f"{RESULTS} li > a").first).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/{re.escape(TRANSCRIPT)}$"))


def test_the_search_page_fits_a_phone(open_page: Any, site: Site) -> None:
    page = search(open_page, PHRASE, PHONE)
    size = page.evaluate(
        "() => ({scroll: document.documentElement.scrollWidth, width: innerWidth})"
    )
    assert size["scroll"] <= size["width"], f"the search page scrolls sideways: {size}"
    expect(page.locator(f"{RESULTS} li").first).to_be_in_viewport()


@pytest.mark.parametrize("path", ["index.html", TRANSCRIPT, "analysis/eu.html"])
def test_no_page_but_the_search_loads_an_index(open_page: Any, site: Site, path: str) -> None:
    mark = len(site.log)
    page = open_page(path, WIDE)
    page.wait_for_load_state("networkidle")
    loaded = [p for p, _ in site.log[mark:]]
    assert not [p for p in loaded if "searchindex.js" in p or "/pagefind/" in p], loaded


AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => `${v.impact}: ${v.id} (${v.help}): ${v.nodes.slice(0, 5).map(n => n.target)}`);
}"""


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["wide", "phone"])
def test_the_search_page_with_results_passes_axe(
    open_page: Any, site: Site, axe_source: str, viewport: dict[str, int]
) -> None:
    page = search(open_page, PHRASE, viewport)
    page.add_script_tag(content=axe_source)
    found = page.evaluate(AXE_RUN)
    assert not found, "\n".join(found)
