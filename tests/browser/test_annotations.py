"""The Web Annotations of the built edition anchor in its transcript pages, in Chromium,
with the W3C selectors' reference implementation (``@apache-annotator/dom``): each
annotation's quote selector matches exactly once in the turn its fragment names, and its
position selector, counted in that turn's spoken words, selects the same words."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import annotator
import pytest
from harness import Site, cannot_run

pytestmark = pytest.mark.browser

#: What a turn shows besides its spoken words, as tests/test_edition.py leaves it out.
NOT_SPOKEN = (
    ".turn-head, .marking, .page-break, label.margin-toggle, input.margin-toggle, "
    ".sidenote, .marginnote, aside.quoted-in, a.footnote-reference"
)

ANCHOR = r"""
async ([quote, position, turnId, notSpoken, quoteModule, positionModule]) => {
  const { createTextQuoteSelectorMatcher } = await import(quoteModule);
  const { createTextPositionSelectorMatcher } = await import(positionModule);
  const turn = document.getElementById(turnId);
  if (!turn) return { quotes: [], position: null };
  const quotes = [];
  for await (const range of createTextQuoteSelectorMatcher(quote)(turn)) {
    quotes.push(range.toString());
  }
  // The position counts the turn's spoken words: the turn as built, less what is not spoken.
  const spoken = turn.cloneNode(true);
  spoken.querySelectorAll(notSpoken).forEach((node) => node.remove());
  // The markup's line breaks between the turn's paragraphs are not its words; its text
  // joins paragraphs with one line break.
  [...spoken.childNodes].forEach((node) => {
    if (node.nodeType === Node.TEXT_NODE && !node.data.trim()) node.remove();
  });
  [...spoken.children].slice(1).forEach((p) => p.before("\n"));
  let found = null;
  for await (const range of createTextPositionSelectorMatcher(position)(spoken)) {
    found = range.toString();
  }
  return { quotes, position: found };
}
"""


def annotation_items(site: Site) -> list[dict[str, Any]]:
    """The built edition's annotations."""
    collection = json.loads((site.root / "data" / "annotations.jsonld").read_text("utf-8"))
    assert collection["type"] == "AnnotationCollection"
    assert collection["@context"] == "http://www.w3.org/ns/anno.jsonld"
    items: list[dict[str, Any]] = collection["first"]["items"]
    assert len(items) == collection["total"] > 0
    return items


def test_every_annotation_anchors_once_on_its_turn(
    open_page: Callable[..., Any], site: Site
) -> None:
    if not annotator.DOM.is_dir():
        cannot_run([f"@apache-annotator/dom is not installed: `npm ci` in {annotator.ROOT}"])
    base = json.loads((site.root / "data" / "edition.json").read_text("utf-8"))["edition"]["url"]
    pages: dict[str, Any] = {}
    for item in annotation_items(site):
        target = item["target"]
        fragment, in_turn = target["selector"]
        position = in_turn["refinedBy"]
        path = target["source"].removeprefix(base)
        if path not in pages:
            pages[path] = open_page(path)
            annotator.serve(pages[path])
        quote = fragment["refinedBy"]
        found = pages[path].evaluate(
            ANCHOR,
            [
                quote,
                position,
                fragment["value"],
                NOT_SPOKEN,
                annotator.TEXT_QUOTE,
                annotator.TEXT_POSITION,
            ],
        )
        assert found["quotes"] == [quote["exact"]], (item["id"], found)
        assert found["position"] == quote["exact"], (item["id"], found)
    assert pages, "the edition has annotations of a transcribed conversation"
