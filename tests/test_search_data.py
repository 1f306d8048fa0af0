"""What the site's search reads of a page beyond its words (memcon.search): a transcript's
filters and date as Pagefind's <meta> tags."""

from __future__ import annotations

import pytest
from memcon.records import Conversation, Participant
from memcon.search import (
    TURN_WEIGHT,
    conversation_filters,
    meta_tags,
    quotation_filters,
    weigh_turns,
)
from record_helpers import conversation as records

pytestmark = pytest.mark.unit


def conversation(kind: str, status: str = "transcribed") -> Conversation:
    return records(
        title="Telephone conversation",
        kind=kind,
        status=status,
        participants=(
            Participant("united_states", "George W. Bush", "The President"),
            Participant("russia", "Vladimir Putin", None),
        ),
        speakers=(("bush", "The President"),),
    )


def test_a_transcript_is_filtered_by_year_kind_participant_and_status() -> None:
    assert conversation_filters(conversation("telcon")) == [
        ("year", "2003"),
        ("kind", "telephone"),
        ("participant", "George W. Bush"),
        ("participant", "Vladimir Putin"),
        ("status", "transcribed"),
    ]
    assert ("kind", "meeting") in conversation_filters(conversation("memcon", "pending"))


def test_an_analysis_page_offers_each_status_once() -> None:
    assert quotation_filters(["verified", "sic", "verified"]) == [
        ("quotation", "sic"),
        ("quotation", "verified"),
    ]


def test_the_tags_are_escaped_meta_tags() -> None:
    tags = meta_tags([("participant", 'A "B" & C')], [("date", "March 18, 2003")])
    assert tags == (
        '<meta data-pagefind-filter="participant[content]" content="A &quot;B&quot; &amp; C">\n'
        '<meta data-pagefind-meta="date[content]" content="March 18, 2003">\n'
    )


def test_each_turn_and_nothing_else_is_weighted() -> None:
    body = (
        '<div class="turn" id="t01"><p>x</p></div><div class="turn-head"></div><div class="note">'
    )
    assert weigh_turns(body) == (
        f'<div class="turn" data-pagefind-weight="{TURN_WEIGHT}" id="t01"><p>x</p></div>'
        '<div class="turn-head"></div><div class="note">'
    )
