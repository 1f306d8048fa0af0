"""The edition as a reader meets it, in a real browser (Chromium, driven by Playwright).

A quotation in the analysis leads to the turn it quotes, highlighted and in view, and shows
its status on hover and on keyboard focus; a turn's "quoted in" margin leads back. Notes are
sidenotes in the margin of a wide screen and open in place on a phone, where no page scrolls
sideways. No page logs an error or requests what is not there,
and axe-core finds no serious or critical accessibility problem on the main kinds of page.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import pytest
from harness import PHONE, WIDE, Problems, Site, cannot_run, missing_prerequisites, watch

pytestmark = pytest.mark.browser

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture fails with the reason
    expect = None

TRANSCRIPT = "transcripts/2003-03-18.html"
ANALYSIS = "analysis/eu.html"
# The pages the layout and accessibility checks read: one of each kind.
KINDS = ["index.html", TRANSCRIPT, ANALYSIS, "docs/verification.html"]

# A quotation of the 2003 call linked to its passage: verified, or recorded as misquoted
# (sic), as the report's own quotations of the call all are.
CHECKED_2003 = ", ".join(
    f'span.quotation[data-status="{status}"] > a[href*="2003-03-18.html#"]'
    for status in ("verified", "sic")
)

# Whether an element is shown: displayed, larger than the 1px of a visually hidden element,
# not clipped away, and what the browser finds at its centre (so nothing covers it and no
# ancestor clips it).
SHOWN = """el => {
  const s = getComputedStyle(el), r = el.getBoundingClientRect();
  if (s.display === 'none' || s.visibility === 'hidden' || r.width <= 1 || r.height <= 1
      || (s.clipPath && s.clipPath !== 'none')) return false;
  const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
  const y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
  const hit = document.elementFromPoint(x, y);
  return !!hit && el.contains(hit);
}"""

# The first quotation of the 2003 call in the text of the analysis (not in a note) that the
# reader sees.
FIRST_IN_TEXT = f"""() => {{
  const links = [...document.querySelectorAll('{CHECKED_2003}')]
    .filter(a => !a.closest('.sidenote, .marginnote') && a.getClientRects().length);
  links.forEach((a, i) => a.dataset.testPick = i === 0 ? 'yes' : 'no');
  return links.length;
}}"""


def require(site: Site, path: str) -> None:
    if not (site.root / path).exists():
        stem = path.removesuffix(".html")
        pytest.fail(f"{path} was not built: is {stem}.md in the edition?", pytrace=False)


def pick_quotation(page: Any) -> Any:
    """The link of the first checked quotation of the 2003 call in the analysis' text."""
    assert page.evaluate(FIRST_IN_TEXT), f"no checked quotation of the 2003 call in {ANALYSIS}"
    return page.locator('a[data-test-pick="yes"]')


def is_shown(locator: Any) -> bool:
    return bool(locator.evaluate(SHOWN))


def tab_to(page: Any, target: Any, start: Any, limit: int = 25) -> None:
    """Move keyboard focus to ``target`` with Tab, from the start of ``start`` (a click there
    sets where sequential focus navigation begins), as a keyboard user would."""
    start.click(position={"x": 2, "y": 2})
    page.mouse.move(0, 0)
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            return
    pytest.fail(f"Tab never reached {target} within {limit} presses")


def test_what_the_browser_tests_need_is_installed() -> None:
    """Chromium (Debian's), Playwright and axe-core: without them the other tests cannot
    run (they stop at setup, with the same message)."""
    missing = missing_prerequisites()
    if missing:
        cannot_run(missing)


def test_quotation_status_shows_on_hover_and_on_focus_only(open_page: Any, site: Site) -> None:
    require(site, ANALYSIS)
    page = open_page(ANALYSIS)
    link = pick_quotation(page)
    status = link.locator("xpath=../span[contains(@class, 'quotation-status')]")
    turn = link.get_attribute("href").split("#", 1)[1]

    # The status is text for screen readers at all times, though hidden from the eye.
    assert status.evaluate(
        "el => !el.closest('[aria-hidden=true]') && getComputedStyle(el).display !== 'none'"
        " && getComputedStyle(el).visibility !== 'hidden'"
    ), "the status is hidden from assistive technology"
    text = status.text_content()
    assert text.startswith(("Verified against", "Sic: the author's words")), text
    assert f"turn {turn}" in text, text

    link.scroll_into_view_if_needed()
    page.mouse.move(0, 0)
    assert not is_shown(status), "the status shows without hover or focus"

    link.hover()
    assert is_shown(status), "the status does not show on hover"
    page.mouse.move(0, 0)
    assert not is_shown(status), "the status stays after the pointer leaves"

    tab_to(page, link, start=link.locator("xpath=ancestor::p[1]"))
    assert link.evaluate("el => el.matches(':focus-visible')")
    assert is_shown(status), "the status does not show on keyboard focus"
    page.keyboard.press("Tab")
    assert not is_shown(status), "the status stays after focus leaves"


def test_quotation_status_is_the_links_description(open_page: Any, site: Site) -> None:
    require(site, ANALYSIS)
    page = open_page(ANALYSIS)
    link = pick_quotation(page)
    status = link.locator("xpath=../span[contains(@class, 'quotation-status')]")
    expect(link).to_have_accessible_description(status.text_content(), timeout=1000)


def test_following_a_quotation_leads_to_its_turn(open_page: Any, site: Site) -> None:
    require(site, ANALYSIS)
    require(site, TRANSCRIPT)
    page = open_page(ANALYSIS)
    link = pick_quotation(page)
    turn = link.get_attribute("href").split("#", 1)[1]

    link.click()
    page.wait_for_url(re.compile(rf"/{re.escape(TRANSCRIPT)}#{re.escape(turn)}$"))
    page.wait_for_load_state("load")
    target = page.locator(":target")
    expect(target).to_have_attribute("id", turn)
    expect(target).to_have_class(re.compile(r"(^|\s)turn(\s|$)"))
    expect(target).to_be_in_viewport()
    # memcon.js moves focus to the turn, so that screen readers announce it.
    expect(target).to_be_focused()

    looks = page.evaluate("""() => {
      const style = el => { const s = getComputedStyle(el);
        return {border: s.borderLeftColor, background: s.backgroundColor}; };
      const other = document.querySelector('.turn:not(:target)');
      return {target: style(document.querySelector(':target')), other: other && style(other)};
    }""")
    assert looks["other"] is not None, "the transcript has a single turn: nothing to compare"
    assert looks["target"] != looks["other"], f"the target turn is not highlighted: {looks}"
    assert not page.problems, page.problems.describe()


def test_a_misquotation_and_a_conjecture_are_marked_without_hover(
    open_page: Any, site: Site
) -> None:
    """A recorded misquotation shows "sic" and the source's passage, and a conjecture its
    raised ?, in words and marks a reader sees at once, not by colour alone."""
    require(site, ANALYSIS)
    page = open_page(ANALYSIS)
    page.mouse.move(0, 0)
    sic = page.locator('span.quotation[data-status="sic"]').first
    sic.scroll_into_view_if_needed()
    apparatus = sic.locator("xpath=following-sibling::span[1]")
    expect(apparatus).to_have_class("sic-apparatus")
    # Each part on its own: the apparatus may wrap, and the centre of its box then lies on
    # another line's words.
    mark, reading = apparatus.locator(".sic-mark"), apparatus.locator(".sic-reading")
    assert is_shown(mark) and mark.text_content() == "sic", "the mark sic is not shown"
    assert is_shown(reading), "the source's passage is not shown"
    assert "anti-American sentiment" in reading.text_content()
    conjecture = page.locator("span.quotation-conjectural .conjecture-mark").first
    conjecture.scroll_into_view_if_needed()
    assert is_shown(conjecture) and conjecture.text_content() == "?"


def test_quoted_in_margin_leads_back_to_the_quotation(open_page: Any, site: Site) -> None:
    require(site, TRANSCRIPT)
    page = open_page(TRANSCRIPT)
    entries = page.evaluate("""() => [...document.querySelectorAll('aside.quoted-in a')]
      .map(a => ({href: a.getAttribute('href'), url: a.href, turn: a.closest('.turn').id}))""")
    assert entries, f"no turn of {TRANSCRIPT} has a 'quoted in' margin"
    for entry in entries:
        assert re.fullmatch(r"\.\./analysis/[\w-]+\.html#q-\d+", entry["href"]), entry

    # Follow the first as a reader does.
    first = entries[0]
    page.locator("aside.quoted-in a").first.click()
    page.wait_for_url(first["url"])
    page.wait_for_load_state("load")
    target = page.locator(":target")
    expect(target).to_have_attribute("id", first["url"].split("#", 1)[1])
    expect(target).to_be_in_viewport()

    # Every one: its page has the quotation, shown, and it links back to the turn.
    by_page: dict[str, list[dict[str, str]]] = {}
    for entry in entries:
        by_page.setdefault(entry["url"].split("#", 1)[0], []).append(entry)
    wrong = []
    for url, group in by_page.items():
        page.goto(url, wait_until="load")
        for entry in group:
            key = entry["url"].split("#", 1)[1]
            found = page.evaluate(
                """key => {
              const el = document.getElementById(key);
              const a = el && el.querySelector(':scope > a');
              return el && {quotation: el.classList.contains('quotation'),
                            rendered: el.getClientRects().length > 0,
                            back: a && a.getAttribute('href')};
            }""",
                key,
            )
            expected = f"../{TRANSCRIPT}#{entry['turn']}"
            if (
                not found
                or not found["quotation"]
                or not found["rendered"]
                or found["back"] != expected
            ):
                wrong.append((urlsplit(url).path, key, entry["turn"], found))
    assert not wrong, (
        "'quoted in' links that do not lead back to a shown quotation of the turn "
        "(rendered False: the quotation's id is on a copy of its note that is not shown) "
        f"(page, id, turn, what is there): {wrong}"
    )


# The margin of a wide screen: the notes shown, the "quoted in" lists, and the right edge
# of the text column.
MARGIN = """() => {
  const article = document.querySelector('article.bd-article');
  const a = article.getBoundingClientRect(), s = getComputedStyle(article);
  const notes = [...document.querySelectorAll('span.sidenote, span.marginnote')]
    .filter(n => getComputedStyle(n).display !== 'none');
  notes.forEach((n, i) => n.dataset.testNote = i);
  const box = (kind, el) => { const r = el.getBoundingClientRect();
    return {kind, left: r.left, right: r.right, top: r.top + scrollY, bottom: r.bottom + scrollY,
            text: el.textContent.trim().slice(0, 50)}; };
  return {
    labels: document.querySelectorAll('label.margin-toggle').length,
    column: a.right - parseFloat(s.paddingRight), width: innerWidth,
    notes: notes.map(n => box('note', n)),
    quotedIn: [...document.querySelectorAll('aside.quoted-in')].map(q => box('quoted in', q)),
  };
}"""


@pytest.mark.parametrize("path", [ANALYSIS, TRANSCRIPT])
def test_notes_are_sidenotes_in_the_margin_of_a_wide_screen(
    open_page: Any, site: Site, path: str
) -> None:
    require(site, path)
    page = open_page(path, WIDE)
    margin = page.evaluate(MARGIN)
    notes = margin["notes"]
    if path == ANALYSIS:
        assert notes, f"{path} shows no sidenote"
    assert len(notes) == margin["labels"], (
        f"{margin['labels']} note numbers but {len(notes)} notes shown"
    )
    items = notes + margin["quotedIn"]
    for item in items:
        assert item["left"] >= margin["column"] - 1, (
            f"not right of the text column (which ends at {margin['column']:.0f}px): {item}"
        )
        assert item["right"] <= margin["width"], f"runs off the screen: {item}"
    overlaps = [
        (a, b)
        for n, a in enumerate(items)
        for b in items[n + 1 :]
        if a["top"] < b["bottom"] - 1
        and b["top"] < a["bottom"] - 1
        and a["left"] < b["right"] - 1
        and b["left"] < a["right"] - 1
    ]
    assert not overlaps, f"margin items over each other: {overlaps}"
    # Each note can be read: brought into view, nothing covers it (the theme hides its page
    # contents, which share the margin, when a note comes into view).
    for index in range(len(notes)):
        page.evaluate(
            "i => document.querySelector(`[data-test-note='${i}']`)"
            ".scrollIntoView({block: 'center'})",
            index,
        )
        page.wait_for_function(
            f"i => ({SHOWN})(document.querySelector(`[data-test-note='${{i}}']`))",
            arg=index,
            timeout=3000,
        )


def _overflow(page: Any) -> dict[str, Any]:
    return page.evaluate("""() => ({scroll: document.documentElement.scrollWidth,
                                    width: innerWidth})""")


@pytest.mark.parametrize("path", KINDS)
def test_pages_fit_a_phone_and_their_notes_open(open_page: Any, site: Site, path: str) -> None:
    require(site, path)
    page = open_page(path, PHONE)
    size = _overflow(page)
    assert size["scroll"] <= size["width"], f"{path} scrolls sideways on a phone: {size}"

    labels = page.locator("label.margin-toggle")
    if not labels.count():
        return
    # A note opens where it is referenced, by tapping its number...
    note = page.locator("label.margin-toggle + input.margin-toggle + span")
    assert not is_shown(note.first), "a note is open before it is asked for"
    labels.first.scroll_into_view_if_needed()
    labels.first.click()
    expect(note.first).to_be_visible()
    box = note.first.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= size["width"], f"note off screen: {box}"
    size = _overflow(page)
    assert size["scroll"] <= size["width"], f"an open note makes {path} scroll sideways: {size}"
    # ... or from the keyboard: Tab reaches its switch, Space opens it.
    if labels.count() > 1:
        switch = page.locator("input.margin-toggle").nth(1)
        tab_to(page, switch, start=labels.nth(1).locator("xpath=ancestor::p[1]"))
        page.keyboard.press("Space")
        expect(note.nth(1)).to_be_visible()


def test_no_sideways_scrolling_where_notes_go_into_the_margin(open_page: Any, site: Site) -> None:
    """From 992px the theme puts notes in the margin; the page must make room for them."""
    page = open_page(ANALYSIS, {"width": 1024, "height": 768})
    size = _overflow(page)
    assert size["scroll"] <= size["width"], f"{ANALYSIS} scrolls sideways at 1024px: {size}"


def test_no_page_logs_an_error_or_misses_a_file(
    contexts: Callable[[dict[str, int]], Any], site: Site
) -> None:
    """Every page, loaded as on a first visit: no console error, no uncaught exception, no
    request failed or answered with an error (the favicon included)."""
    pages = site.pages()
    assert "index.html" in pages and TRANSCRIPT in pages, pages
    mark = len(site.log)
    found: dict[str, Problems] = {}
    page = contexts(WIDE).new_page()
    watch(page, into=lambda: found[current])
    try:
        for current in pages:
            found[current] = Problems()
            page.goto(site.url + current, wait_until="load")
        page.wait_for_timeout(300)  # what the last page asks for after its load event
    finally:
        page.close()
    errors = {path: problems.describe() for path, problems in found.items() if problems}
    missing = site.errors_since(mark)
    assert not errors and not missing, "\n".join(
        f"{path}:\n{text}" for path, text in errors.items()
    ) + (f"\nrequests answered with an error: {missing}" if missing else "")


AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}));
}"""


@pytest.mark.parametrize("path", KINDS)
def test_no_serious_accessibility_violations(
    open_page: Any, site: Site, axe_source: str, path: str
) -> None:
    """axe-core's rules, all of them, on a wide screen and on a phone (the same page,
    narrowed: the theme moves its sidebars and the notes close up)."""
    require(site, path)
    page = open_page(path, WIDE)
    page.add_script_tag(content=axe_source)
    found = []
    for name, viewport in (("wide", WIDE), ("phone", PHONE)):
        page.set_viewport_size(viewport)
        page.wait_for_timeout(100)  # the theme's resize handlers
        found += [
            f"{name}: {v['impact']}: {v['id']} ({v['help']}): {v['nodes']}"
            for v in page.evaluate(AXE_RUN)
        ]
    assert not found, "\n".join(found)
