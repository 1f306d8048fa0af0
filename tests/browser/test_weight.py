"""A reader's first visit to a page, on a phone with an empty cache, costs at most 300 KB
(uncompressed, every response added up): no icon font's script, no Bootstrap script, no
whole-site search index. Bytes are deterministic, so the budget is a test (the benchmark
reports the same figure at archive scale). What stands in for the theme's scripts works: its
icons are drawn, its menus open and close."""

from __future__ import annotations

from typing import Any

import pytest
from harness import PHONE, WIDE, Site

from bench.pageweight import BUDGET, first_load

pytestmark = pytest.mark.browser

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture fails with the reason
    expect = None

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


# The icon a theme button shows: its ::before box and the mask that draws it.
ICON = """el => { const s = getComputedStyle(el, '::before');
  return {width: parseFloat(s.width), mask: s.maskImage || s.webkitMaskImage}; }"""


def test_the_themes_icons_are_drawn_without_its_icon_font(open_page: Any, site: Site) -> None:
    page = open_page("transcripts/2003-03-18.html", PHONE)
    for selector in (".fa-bars", ".fa-magnifying-glass", ".fa-download", ".fa-circle-half-stroke"):
        icon = page.locator(selector).first
        drawn = icon.evaluate(ICON)
        assert drawn["width"] > 0 and drawn["mask"].startswith('url("data:image/svg+xml'), (
            selector,
            drawn,
        )
    assert not page.problems, page.problems.describe()


def test_the_colour_mode_menu_opens_and_closes_without_bootstrap(
    open_page: Any, site: Site
) -> None:
    page = open_page("index.html", WIDE)
    button = page.locator(".theme-switch-button")
    menu = button.locator("xpath=following-sibling::ul[contains(@class, 'dropdown-menu')]")
    expect(menu).to_be_hidden()
    button.click()
    expect(menu).to_be_visible()
    expect(button).to_have_attribute("aria-expanded", "true")
    page.mouse.move(0, 0)  # the theme also shows the menu while the pointer is on it
    page.keyboard.press("Escape")
    expect(menu).to_be_hidden()
    expect(button).to_be_focused()
    button.click()
    menu.locator("button[data-mode=dark]").click()
    page.mouse.move(0, 0)
    expect(menu).to_be_hidden()
    expect(page.locator("html")).to_have_attribute("data-theme", "dark")
