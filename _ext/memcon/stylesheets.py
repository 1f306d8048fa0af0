"""Stylesheets cut down to the rules a site can use: pure, no Sphinx.

The theme ships 450 KB of CSS (Bootstrap's, Font Awesome's two thousand icons, components
the edition never shows), which a reader's phone would download on every first visit. A
rule is kept when some selector of it names only classes and ids that occur somewhere in
the site's pages or in the scripts they load (which add classes of their own), as
PurgeCSS does; at-rules are kept, their contents cut in the same way, except Font
Awesome's fonts, whose icons the edition draws itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

#: A word of a page or a script: a class, an id, or anything else, kept as a candidate.
WORD = re.compile(r"[A-Za-z_][\w-]*")
#: The class and id names a selector requires.
NAMED = re.compile(r"[.#](-?[A-Za-z_][\w-]*)(?![\w\\-])")
#: Parts of a selector that require nothing: negations, alternatives, attribute tests,
#: escaped names. They are left out before the names are read, which only keeps more rules.
OPTIONAL = re.compile(r":(?:not|is|where|has)\((?:[^()]|\([^()]*\))*\)|\[[^\]]*\]|\S*\\\S*")
#: At-rules whose blocks hold rules, cut like the stylesheet itself.
GROUPING = ("@media", "@supports", "@layer", "@container", "@document")


#: Each ASCII byte that no word can hold, as a space; every other byte as it is.
_NOT_IN_WORDS = bytes(
    byte if byte >= 0x80 or chr(byte).isalnum() or chr(byte) in "_-" else 0x20
    for byte in range(256)
)


def used_names(texts: Iterable[str | bytes]) -> set[str]:
    """Every word of ``texts``: what a selector's classes and ids are looked up in.

    A page repeats its words many times: its distinct runs of word characters are found
    first, at C speed, and only those are read for words. No word crosses the bytes that
    cut the runs, so the words are those of the whole text.
    """
    names: set[str] = set()
    for text in texts:
        data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
        runs = set(data.translate(_NOT_IN_WORDS).split())
        names.update(WORD.findall(b" ".join(runs).decode("utf-8", "replace")))
    return names


def selector_names(css: str) -> set[str]:
    """Every class and id name ``css`` could require of a page, and more: only these of a
    page's words can make :func:`purge` keep a rule."""
    return set(NAMED.findall(css))


def _selector_used(selector: str, names: set[str]) -> bool:
    return all(name in names for name in NAMED.findall(OPTIONAL.sub(" ", selector)))


def _selectors(prelude: str) -> list[str]:
    """The selectors of a rule's prelude, split at its top-level commas."""
    selectors, depth, start = [], 0, 0
    for at, char in enumerate(prelude):
        depth += (char in "([") - (char in ")]")
        if char == "," and depth == 0:
            selectors.append(prelude[start:at])
            start = at + 1
    return [*selectors, prelude[start:]]


#: Where a statement or a block can begin or end, or a comment or a string begins: the
#: only characters :func:`_blocks` needs to look at.
_SIGNIFICANT = re.compile(r"/\*|[\"'{};]")


def _blocks(css: str) -> list[tuple[str, str | None]]:
    """The top-level statements of ``css``: (prelude, block body), or (statement, None) for
    an at-rule without a block. Comments are dropped; strings are kept whole."""
    statements: list[tuple[str, str | None]] = []
    start, depth, body_start = 0, 0, 0
    prelude = ""
    length = len(css)
    search = _SIGNIFICANT.search
    found = search(css)
    while found is not None:
        token, at = found.group(), found.start()
        if token == "/*":
            end = css.find("*/", at + 2)
            at = length if end < 0 else end + 2
        elif token in "\"'":
            at = _string_end(css, at)
        else:
            if token == "{":
                if depth == 0:
                    prelude, body_start = css[start:at], at + 1
                depth += 1
            elif token == "}":
                depth -= 1
                if depth == 0:
                    statements.append((_uncommented(prelude).strip(), css[body_start:at]))
                    start = at + 1
            elif depth == 0:  # a semicolon
                statements.append((_uncommented(css[start:at]).strip(), None))
                start = at + 1
            at += 1
        found = search(css, at)
    return statements


def _string_end(css: str, at: int) -> int:
    quote, at = css[at], at + 1
    while at < len(css) and css[at] != quote:
        at += 2 if css[at] == "\\" else 1
    return at + 1


def _uncommented(text: str) -> str:
    return re.sub(r"/\*.*?\*/", "", text, flags=re.DOTALL)


def purge(css: str, names: set[str]) -> str:
    """``css`` without the rules none of ``names`` can match, nor Font Awesome's fonts."""
    kept: list[str] = []
    for prelude, body in _blocks(css):
        if body is None:
            kept.append(f"{prelude};")
        elif prelude.startswith(GROUPING):
            inner = purge(body, names)
            if inner:
                kept.append(f"{prelude}{{{inner}}}")
        elif prelude.startswith("@font-face"):
            if "Font Awesome" not in body:
                kept.append(f"{prelude}{{{body}}}")
        elif prelude.startswith("@") or any(_selector_used(s, names) for s in _selectors(prelude)):
            kept.append(f"{prelude}{{{body}}}")
    return "\n".join(kept)
