"""Front matter of transcript pages: what validates, and what each mistake is reported as."""

from __future__ import annotations

import datetime as dt

import pytest
from memcon.schema import (
    FrontMatter,
    FrontMatterError,
    Problem,
    parse_front_matter,
    validate,
)
from memcon.yamlblock import blank_front_matter

pytestmark = pytest.mark.unit

GOOD = """\
---
id: "2003-03-18"
date: 2003-03-18
kind: telcon
title: Telephone conversation with President Vladimir Putin of the Russia Federation
subject: "Telephone conversation with President Vladimir Putin of the Russia Federation."
subject_marking: "(U)"
time: "9:29 - 9:50 a.m. EST"
place: Oval Office
status: transcribed
participants:
  united_states:
    - {name: George W. Bush, role: The President}
  russia:
    - {name: Vladimir Putin, role: President Putin}
notetakers: [Andy Green, Marko Broz, Jeff Blair]
interpreters: [Peter Afanasenko]
speakers:
  bush: The President
  putin: President Putin
topics: [Iraq, United Nations]
source:
  repository: George W. Bush Presidential Library
  posting: "The Bush-Putin Transcripts: How Vladimir Putin and George W. Bush Bonded Over Terrorism"
  posting_date: 2026-01-07
  document: 8
  url: "https://nsarchive.gwu.edu/briefing-book/russia-programs/2026-01-07/bush-putin"
  control_number: "2569"
  classification:
    banner: CONFIDENTIAL
    classified_by: Gregory L. Schulte
    reason: "1.5(d)"
    declassify_on: "3/19/13"
  nw: "78134"
  docid: "34685315"
  declassified: 2025-08-25
---

# Memorandum of Telephone Conversation, March 18, 2003
"""


def line_of(text: str, page: str = GOOD) -> int:
    """The 1-based line of ``page`` that starts with ``text``."""
    return next(n for n, line in enumerate(page.splitlines(), 1) if line.startswith(text))


def problems(page: str) -> list[Problem]:
    with pytest.raises(FrontMatterError) as caught:
        validate(*parse_front_matter(page))
    return caught.value.problems


def test_good_front_matter_validates() -> None:
    data, first_line = parse_front_matter(GOOD)
    assert first_line == 2
    matter = validate(data, first_line)
    assert isinstance(matter, FrontMatter)
    assert (matter.id, matter.date, matter.kind, matter.status) == (
        "2003-03-18",
        dt.date(2003, 3, 18),
        "telcon",
        "transcribed",
    )
    assert matter.participants.united_states[0].name == "George W. Bush"
    assert matter.participants.russia[0].role == "President Putin"
    assert matter.notetakers == ("Andy Green", "Marko Broz", "Jeff Blair")
    assert matter.speakers == {"bush": "The President", "putin": "President Putin"}
    assert (matter.source.document, matter.source.nw) == (8, "78134")
    assert matter.source.declassified == dt.date(2025, 8, 25)
    assert matter.source.repository == "George W. Bush Presidential Library"
    assert matter.source.control_number == "2569"
    classification = matter.source.classification
    assert classification is not None
    assert (classification.banner, classification.classified_by) == (
        "CONFIDENTIAL",
        "Gregory L. Schulte",
    )
    assert (classification.reason, classification.declassify_on) == ("1.5(d)", "3/19/13")


BLOCK = """  classification:
    banner: CONFIDENTIAL
    classified_by: Gregory L. Schulte
    reason: "1.5(d)"
    declassify_on: "3/19/13"
"""


@pytest.mark.parametrize(
    ("written", "banner"),
    [
        ("  classification: CONFIDENTIAL\n", "CONFIDENTIAL"),
        ("  classification: SECRET//NOFORN\n", "SECRET//NOFORN"),
        (BLOCK.replace("banner: CONFIDENTIAL", "banner: TOP SECRET//NOFORN"), "TOP SECRET//NOFORN"),
    ],
)
def test_a_banner_alone_or_with_caveats_is_kept_whole(written: str, banner: str) -> None:
    """``classification: CONFIDENTIAL`` is the banner alone; caveats stay part of it."""
    matter = validate(*parse_front_matter(GOOD.replace(BLOCK, written)))
    assert matter.source.classification is not None
    assert matter.source.classification.banner == banner


def test_unquoted_id_and_numbers_are_read_as_printed() -> None:
    page = GOOD.replace('id: "2003-03-18"', "id: 2003-03-18").replace('nw: "78134"', "nw: 78134")
    matter = validate(*parse_front_matter(page))
    assert matter.id == "2003-03-18"
    assert matter.source.nw == "78134"


def test_a_later_conversation_the_same_day() -> None:
    matter = validate(*parse_front_matter(GOOD.replace('"2003-03-18"', '"2003-03-18-b"')))
    assert matter.id == "2003-03-18-b"


def test_a_pending_page_needs_only_the_essentials() -> None:
    page = "---\nid: 2001-06-16\ndate: 2001-06-16\nkind: memcon\ntitle: Brdo\nstatus: pending\n"
    matter = validate(*parse_front_matter(page + "source: {document: 1}\n---\n"))
    assert matter.speakers == {} and matter.participants.russia == ()
    assert matter.subject is None and matter.source.nw is None
    source = matter.source
    assert (source.repository, source.control_number, source.classification) == (None,) * 3


@pytest.mark.parametrize(
    ("old", "new", "field", "message"),
    [
        (
            "kind: telcon",
            "kind: call",
            "kind",
            "field 'kind': expected one of memcon, telcon, got 'call'",
        ),
        (
            'id: "2003-03-18"',
            'id: "2003-3-18"',
            "id",
            "field 'id': expected an id such as \"2003-03-18\" (the date, then -b, -c ... "
            "for a later conversation the same day), got '2003-3-18'",
        ),
        (
            "date: 2003-03-18",
            "date: 2003-03-19",
            "date",
            "field 'date': 2003-03-19 does not agree with the id '2003-03-18'; "
            "the id must begin with the date",
        ),
        (
            "date: 2003-03-18",
            "date: 2003-02-30",
            "date",
            "field 'date': expected a date written YYYY-MM-DD, got '2003-02-30'",
        ),
        (
            "date: 2003-03-18",
            "date: March 18, 2003",
            "date",
            "field 'date': expected a date written YYYY-MM-DD, got 'March 18, 2003'",
        ),
        (
            "status: transcribed",
            "status: done",
            "status",
            "field 'status': expected one of transcribed, pending, got 'done'",
        ),
        (
            "title: Telephone",
            'title: ""\nauthor: Telephone',
            "title",
            "field 'title': must not be empty text",
        ),
        (
            'subject_marking: "(U)"',
            'subject_marking: "(X)"',
            "subject_marking",
            "field 'subject_marking': expected a classification marking such as '(U)', '(S)' "
            "or '~~(S)~~', got '(X)'",
        ),
        (
            "notetakers:",
            "notetakers: Andy Green\nx:",
            "notetakers",
            "field 'notetakers': expected a list, got 'Andy Green'",
        ),
        (
            "interpreters:",
            "interpreters: [Peter Afanasenko, 3]\nx:",
            "interpreters[1]",
            "field 'interpreters[1]': expected text, got 3",
        ),
        (
            "  bush: The President",
            "  Bush: The President",
            "speakers.Bush",
            "field 'speakers.Bush': expected a speaker id (a lower-case letter, then lower-case "
            "letters, digits, '_' or '-'), got 'Bush'",
        ),
        (
            "  russia:",
            "  ukraine:",
            "participants.ukraine",
            "unknown field 'participants.ukraine'; the fields allowed here are: "
            "united_states, russia",
        ),
        (
            "    - {name: Vladimir Putin",
            "    - {name: 7",
            "participants.russia[0].name",
            "field 'participants.russia[0].name': expected text, got 7",
        ),
        (
            '  nw: "78134"',
            '  nw: "78134a"',
            "source.nw",
            "field 'source.nw': expected the number as printed (digits only), got '78134a'",
        ),
        (
            "  document: 8",
            "  document: 0",
            "source.document",
            "field 'source.document': expected a number of 1 or more, got 0",
        ),
        (
            "  document: 8",
            "  document: eight",
            "source.document",
            "field 'source.document': expected a whole number, got 'eight'",
        ),
        (
            '  url: "https',
            '  url: "nsarchive.gwu.edu"\n  x: "https',
            "source.url",
            "field 'source.url': expected an address beginning with https:// or http://, "
            "got 'nsarchive.gwu.edu'",
        ),
        (
            "  repository: George",
            '  repository: ""\n  x: George',
            "source.repository",
            "field 'source.repository': must not be empty text",
        ),
        (
            '  control_number: "2569"',
            '  control_number: "NSC 2569"',
            "source.control_number",
            "field 'source.control_number': expected the number as printed (digits only), "
            "got 'NSC 2569'",
        ),
        (
            "  classification:\n    banner: CONFIDENTIAL\n",
            "  classification: Confidential\n  x:\n    banner: CONFIDENTIAL\n",
            "source.classification",
            "field 'source.classification': expected a banner as printed: UNCLASSIFIED, "
            "CONFIDENTIAL, SECRET or TOP SECRET, with any caveats after '//' kept whole "
            "(SECRET//NOFORN), got 'Confidential'",
        ),
        (
            "  classification:\n    banner: CONFIDENTIAL\n",
            "  classification: [CONFIDENTIAL]\n  x:\n    banner: CONFIDENTIAL\n",
            "source.classification",
            "field 'source.classification': expected a banner as printed: UNCLASSIFIED, "
            "CONFIDENTIAL, SECRET or TOP SECRET, with any caveats after '//' kept whole "
            "(SECRET//NOFORN), or a mapping with banner, classified_by, reason and "
            "declassify_on, got a list",
        ),
        (
            "    banner: CONFIDENTIAL",
            "    banner: SECRET/NOFORN",
            "source.classification.banner",
            "field 'source.classification.banner': expected a banner as printed: UNCLASSIFIED, "
            "CONFIDENTIAL, SECRET or TOP SECRET, with any caveats after '//' kept whole "
            "(SECRET//NOFORN), got 'SECRET/NOFORN'",
        ),
        (
            "    classified_by: Gregory",
            "    classified_by: []\n    x: Gregory",
            "source.classification.classified_by",
            "field 'source.classification.classified_by': expected text, got a list",
        ),
        (
            "    classified_by: Gregory",
            "    classifed_by: Gregory",
            "source.classification.classifed_by",
            "unknown field 'source.classification.classifed_by'; the fields allowed here are: "
            "banner, classified_by, reason, declassify_on",
        ),
        (
            '    reason: "1.5(d)"',
            "    reason: section d",
            "source.classification.reason",
            "field 'source.classification.reason': expected the reason as printed, sections of "
            "the executive order such as 1.5(d) or 1.4(b), (d), got 'section d'",
        ),
        (
            '    declassify_on: "3/19/13"',
            "    declassify_on: 2013-03-19",
            "source.classification.declassify_on",
            "field 'source.classification.declassify_on': expected the date as the document "
            'prints it, in quotes (e.g. "03/19/13"), got 2013-03-19',
        ),
        (
            "  declassified: 2025-08-25",
            "  declassified: 08-25-2025",
            "source.declassified",
            "field 'source.declassified': expected a date written YYYY-MM-DD, got '08-25-2025'",
        ),
    ],
)
def test_each_mistake_is_one_problem_at_its_line(
    old: str, new: str, field: str, message: str
) -> None:
    page = GOOD.replace(old, new, 1)
    assert page != GOOD
    found = [p for p in problems(page) if p.field == field]
    assert found == [Problem(field, line_of(new.split("\n")[0], page), message)]


def test_an_unknown_field_names_the_fields_allowed() -> None:
    page = GOOD.replace("place: Oval Office\n", "place: Oval Office\nauthor: someone\n")
    assert problems(page) == [
        Problem(
            "author",
            line_of("author:", page),
            "unknown field 'author'; the fields allowed here are: id, date, kind, title, "
            "subject, subject_marking, time, place, status, participants, notetakers, "
            "interpreters, speakers, topics, source",
        )
    ]


def test_a_participant_given_as_a_person_id() -> None:
    page = GOOD.replace("{name: George W. Bush, role: The President}", "{person: bush}")
    line = line_of("    - {person: bush}", page)
    assert problems(page) == [
        Problem(
            "participants.united_states[0].name",
            line,
            "required field 'participants.united_states[0].name' is missing; "
            "expected the person's name, e.g. George W. Bush",
        ),
        Problem(
            "participants.united_states[0].role",
            line,
            "required field 'participants.united_states[0].role' is missing; "
            "expected the role as the memorandum gives it, e.g. The President, or null",
        ),
        Problem(
            "participants.united_states[0].person",
            line,
            "unknown field 'participants.united_states[0].person'; "
            "the fields allowed here are: name, role",
        ),
    ]


def test_a_missing_field_is_reported_at_the_opening_line() -> None:
    page = GOOD.replace("kind: telcon\n", "")
    assert problems(page) == [
        Problem("kind", 1, "required field 'kind' is missing; expected memcon or telcon")
    ]


def test_a_missing_nested_field_is_reported_at_its_parent() -> None:
    page = GOOD.replace("  - {name: Vladimir Putin, role: President Putin}", "  - {role: x}")
    assert problems(page) == [
        Problem(
            "participants.russia[0].name",
            line_of("    - {role: x}", page),
            "required field 'participants.russia[0].name' is missing; "
            "expected the person's name, e.g. George W. Bush",
        )
    ]


def test_a_transcribed_page_needs_speakers() -> None:
    page = GOOD.replace("speakers:\n  bush: The President\n  putin: President Putin\n", "")
    assert problems(page) == [
        Problem(
            "speakers",
            1,
            "field 'speakers': a transcribed page needs at least one speaker "
            "(id: label, e.g. bush: The President)",
        )
    ]


def test_several_problems_come_in_page_order() -> None:
    page = GOOD.replace('  nw: "78134"', "  nw: x").replace("kind: telcon", "kind: x")
    found = problems(page)
    assert [p.field for p in found] == ["kind", "source.nw"]
    assert [p.line for p in found] == sorted(p.line for p in found)


def test_a_plain_mapping_is_located_at_the_front_matter() -> None:
    data, first_line = parse_front_matter(GOOD.replace("kind: telcon", "kind: call"))
    with pytest.raises(FrontMatterError) as caught:
        validate(dict(data), first_line)
    assert [(p.field, p.line) for p in caught.value.problems] == [("kind", 1)]


@pytest.mark.parametrize(
    ("page", "line", "message"),
    [
        (
            "# A page\n",
            1,
            "the page has no front matter: it must begin with a line '---', then the fields, "
            "then '---'",
        ),
        (
            "---\nid: 2003-03-18\n# A page\n",
            1,
            "the front matter is not closed: expected a line '---' after the fields",
        ),
        (
            "---\nid: 2003-03-18\nplace: Oval: Office\n---\n",
            3,
            "the front matter is not valid YAML: mapping values are not allowed here",
        ),
        (
            "---\nid: 2003-03-18\ntopics: [Iraq\n---\n",
            3,
            "the front matter is not valid YAML: expected ',' or ']', but got '<stream end>' "
            "(while parsing a flow sequence)",
        ),
        (
            "---\n- id\n- date\n---\n",
            1,
            "the front matter must be a mapping of fields (key: value lines), got a list",
        ),
        (
            "---\n---\n",
            1,
            "the front matter must be a mapping of fields (key: value lines), got nothing",
        ),
        (
            "---\nid: 2003-03-18\ndate: 2003-03-18\nid: 2003-03-19\n---\n",
            4,
            "field 'id' is given twice (lines 2 and 4)",
        ),
    ],
)
def test_unreadable_front_matter(page: str, line: int, message: str) -> None:
    with pytest.raises(FrontMatterError) as caught:
        parse_front_matter(page)
    assert [(p.line, p.message) for p in caught.value.problems] == [(line, message)]
    assert str(caught.value) == f"line {line}: {message}"


def test_blanking_keeps_every_line_of_the_body_where_it_was() -> None:
    blanked = blank_front_matter(GOOD)
    heading = line_of("# Memorandum")
    assert blanked.splitlines()[heading - 1] == GOOD.splitlines()[heading - 1]
    assert blanked.splitlines()[: heading - 1] == [""] * (heading - 1)
    assert blank_front_matter(GOOD.replace("\n", "\r\n")).count("\n") == GOOD.count("\n")


@pytest.mark.parametrize(
    "page",
    [
        "# A page without front matter\n",
        "---\nid: 2003-03-18\n# never closed\n",
        "---\rid: 2003-03-18\r---\r# old Mac line ends\r",
        "---\nid: 2003-03-18\x0cdate: 2003-03-18\n---\n# a form feed inside\n",
    ],
)
def test_blanking_leaves_a_page_it_cannot_count_alike(page: str) -> None:
    assert blank_front_matter(page) == page
