"""What the hosted site's search (Pagefind) knows of a page beyond its words.

Pagefind indexes the built site after Sphinx (``make html``; the options are in
``pagefind.yml``) and reads a page's filters and metadata from ``<meta>`` tags with
``data-pagefind-filter`` and ``data-pagefind-meta`` attributes, which this module writes into
the head of each transcript and analysis page: a transcript's year, kind, participants and
status, its date for the results, and a weight on its turns; the statuses of an analysis
page's quotations. Speakers are filters and metadata, not words: the turns' labels are left
out of the index (``pagefind.yml``), so that a search for a word matches what a turn says.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import escape
from typing import Any

from sphinx.application import Sphinx

from .domain import get_domain
from .records import Conversation
from .wording import written

#: The builders of the hosted site, which Pagefind indexes (not EPUB).
HOSTED = ("html", "dirhtml")

#: A conversation's kind as the search offers it.
KINDS = {"memcon": "meeting", "telcon": "telephone"}
#: How much more a word of a turn weighs than a word elsewhere (Pagefind's
#: ``data-pagefind-weight``, 1 by default): a conversation's own words rank it above the
#: analysis that quotes them, whose quotations, notes and apparatus repeat them.
TURN_WEIGHT = 6
#: The opening of a turn in a transcript page's body.
TURN = re.compile(r'<div class="turn"')


def conversation_filters(conv: Conversation) -> list[tuple[str, str]]:
    """The (filter, value) pairs of a transcript: ``year``, ``kind``, each ``participant``,
    ``status``."""
    pairs = [("year", conv.date[:4]), ("kind", KINDS.get(conv.kind, conv.kind))]
    pairs += [("participant", p.name) for p in conv.participants]
    pairs.append(("status", conv.status))
    return pairs


def quotation_filters(statuses: Iterable[str]) -> list[tuple[str, str]]:
    """The ``quotation`` filter of an analysis page: each status its quotations have."""
    return [("quotation", status) for status in sorted(set(statuses))]


def meta_tags(filters: Iterable[tuple[str, str]], meta: Iterable[tuple[str, str]]) -> str:
    """The ``<meta>`` tags Pagefind reads filters and metadata from."""
    tags = [
        f'<meta data-pagefind-filter="{escape(name)}[content]" content="{escape(value)}">'
        for name, value in filters
    ]
    tags += [
        f'<meta data-pagefind-meta="{escape(name)}[content]" content="{escape(value)}">'
        for name, value in meta
    ]
    return "".join(f"{tag}\n" for tag in tags)


def weigh_turns(body: str) -> str:
    """A transcript page's body, each turn weighted for the search (:data:`TURN_WEIGHT`)."""
    return TURN.sub(rf'\g<0> data-pagefind-weight="{TURN_WEIGHT}"', body)


def on_html_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Add a page's search filters and metadata to its head (hosted builders only)."""
    if app.builder.name not in HOSTED:
        return
    domain = get_domain(app.env)
    conv = domain.conversation_of(pagename)
    if conv is not None:
        tags = meta_tags(conversation_filters(conv), [("date", written(conv.date))])
        context["body"] = weigh_turns(context.get("body", ""))
    else:
        statuses = [verdict.status for verdict in domain.verdicts_on(pagename)]
        tags = meta_tags(quotation_filters(statuses), [])
    if tags:
        context["metatags"] = context.get("metatags", "") + tags


def setup(app: Sphinx) -> None:
    """Register the search's page data."""
    app.connect("html-page-context", on_html_page_context)
