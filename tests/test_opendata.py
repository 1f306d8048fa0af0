"""The open data written with the HTML site: TEI P5 valid against tei_all, the W3C Web
Annotations, the JSON dataset valid against its schema, the CSV of turns; the same files
from a full, an incremental and a parallel build; located warnings for what they cannot say.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from edition import sphinx_build
from hypothesis import given
from hypothesis import strategies as st
from memcon.domain import MemconDomain, get_domain
from memcon.opendata import dataset, tei, webannotations
from memcon.opendata.store import RecordStore
from memcon.records import (
    EMPTY_REGISTER,
    Apparatus,
    Note,
    Participant,
    Turn,
)
from opendata_helpers import NS, XML_ID, jing_errors, spoken_text
from project_helpers import edit, warning_lines
from record_helpers import conversation
from sphinx.testing.util import SphinxTestApp

SCHEMA = dataset.SCHEMA


def tree(path: Path) -> Any:
    from lxml import etree

    return etree.parse(str(path))


def data_files(outdir: Path) -> dict[str, bytes]:
    """Every file under ``data/`` of a build, by its path there."""
    data = outdir / "data"
    return {p.relative_to(data).as_posix(): p.read_bytes() for p in data.rglob("*") if p.is_file()}


def schema_errors(document: Path) -> str:
    """check-jsonschema's complaints about ``document`` (empty: valid)."""
    command = [sys.executable, "-m", "check_jsonschema", "--schemafile", str(SCHEMA)]
    result = subprocess.run([*command, str(document)], capture_output=True, text=True)
    return "" if result.returncode == 0 else result.stdout + result.stderr


# -- the formats, from records ---------------------------------------------------------

CONV = conversation(
    title="A call",
    participants=(Participant("united_states", "George W. Bush", "The President"),),
    speakers=(("bush", "The President"),),
)
WHERE = tei.Addresses("https://example.org/t.html", "https://example.org/p.html", "Free.")


@pytest.mark.unit
def test_a_note_and_a_page_break_at_one_place_split_no_word() -> None:
    from lxml import etree

    turn = Turn("t01", "bush", "over-\nlong", ("1", "2"), 1, ((6, "2"),))
    note = Note("1", "t01", 6, (("text", "A note "), ("cite", "a2003,b2004")))
    apparatus = Apparatus((("t01", "(S)", True),), ("2",), (note,))
    root = etree.fromstring(tei.tei_document(CONV, (turn,), apparatus, EMPTY_REGISTER, WHERE))
    sp = root.find(".//tei:sp", NS)
    assert sp.get(XML_ID) == "t01" and sp.get("who") == "#person.bush"
    paragraphs = sp.findall("tei:p", NS)
    assert [p.text for p in paragraphs] == ["over-", None]
    pb, placed = paragraphs[1][0], paragraphs[1][1]
    assert (pb.get("n"), pb.get("type"), pb.tail) == ("2", "supplied", None)
    assert [i.text for i in placed.findall(".//tei:idno", NS)] == ["a2003", "b2004"]
    assert spoken_text(sp).rstrip() == "over-\nlong"
    assert paragraphs[1].find("tei:seg", NS).get("rend") == "strikethrough"


TEI_TAGS = st.sampled_from([f"{{{tei.TEI}}}{name}" for name in ("TEI", "sp", "p", "seg", "pb")])
ATTRIBUTE_NAMES = st.sampled_from(["who", "type", "rend", tei.XML_ID, tei.LANG])
WRITTEN = st.text(alphabet=st.sampled_from(list("ab &<>\"'\r\n\t—é")), max_size=8)


@st.composite
def tei_trees(draw: st.DrawFn, depth: int = 3) -> ET.Element:
    element = ET.Element(draw(TEI_TAGS), draw(st.dictionaries(ATTRIBUTE_NAMES, WRITTEN)))
    element.text = draw(st.none() | WRITTEN)
    element.tail = draw(st.none() | WRITTEN)
    if depth:
        element.extend(draw(st.lists(tei_trees(depth - 1), max_size=3)))
    return element


@pytest.mark.unit
@given(tei_trees())
def test_a_tei_tree_is_written_as_elementtree_writes_it(root: ET.Element) -> None:
    # The reference: ElementTree, with TEI as its default namespace (a setting of the
    # whole process, which the extension itself does not make).
    ET.register_namespace("", tei.TEI)
    assert tei.serialised(root) == ET.tostring(root, encoding="unicode")


@pytest.mark.unit
def test_a_tree_with_another_namespace_is_refused() -> None:
    root = ET.Element(f"{{{tei.TEI}}}TEI")
    ET.SubElement(root, "{http://example.org/other}p")
    with pytest.raises(ValueError, match="expected a TEI element"):
        tei.serialised(root)


@pytest.mark.unit
def test_no_two_elements_share_an_id_whatever_the_ids_of_the_turns() -> None:
    from lxml import etree

    # A turn named as a page anchor, a page number given twice: the page breaks yield.
    turns = (
        Turn("page-2", "bush", "One two", ("1", "2"), 1, ((3, "2"),)),
        Turn("bush", "bush", "three four", ("2",), 2, ((5, "3"), (6, "3"))),
    )
    document = tei.tei_document(CONV, turns, Apparatus(), EMPTY_REGISTER, WHERE)
    ids = etree.fromstring(document).xpath("//@xml:id")
    assert len(ids) == len(set(ids)) and {"page-2", "bush", "page-3", "person.bush"} <= set(ids)


@pytest.mark.unit
def test_a_quote_selector_gives_context_only_where_its_words_recur() -> None:
    text = "I understand. We agree. I understand."
    alone = webannotations.text_quote(text, 14, 22, webannotations.Surroundings())
    assert alone == {"type": "TextQuoteSelector", "exact": "We agree"}
    twice = webannotations.text_quote(text, 24, 36, webannotations.Surroundings((20,)))
    assert twice["exact"] == "I understand"
    # The context stops at the note at offset 20: the page shows the note's text there.
    assert (twice["prefix"], twice["suffix"]) == ("ee. ", ".")
    shown = webannotations.Surroundings((), ("“We agree”, in the margin",))
    assert "prefix" in webannotations.text_quote(text, 14, 22, shown)


@pytest.mark.unit
def test_a_failing_or_recorded_misquotation_is_questioned() -> None:
    assert webannotations.motivation("verified") == "quoting"
    assert {webannotations.motivation(s) for s in ("sic", "misquoted", "not_found")} == {
        "questioning"
    }


# -- a small edition ---------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="opendata", freshenv=True)
def test_the_tei_is_valid_and_holds_the_transcript(app: SphinxTestApp) -> None:
    app.build()
    assert not warning_lines(app)
    path = app.outdir / "data" / "tei" / "2003-03-18.xml"
    assert jing_errors(path) == []
    root = tree(path)
    sps = root.findall(".//tei:body//tei:sp", NS)
    assert [(sp.get(XML_ID), sp.get("who")) for sp in sps] == [
        ("t01", "#person.bush"),
        ("t02", "#person.putin"),
        ("t03", "#person.bush"),
    ]
    persons = {p.get(XML_ID): p for p in root.findall(".//tei:listPerson/tei:person", NS)}
    assert {"person.bush", "person.putin"} <= persons.keys()
    assert {p.get("role") for p in persons.values()} == {"participant", "notetaker", "interpreter"}
    pbs = root.findall(".//tei:pb", NS)
    assert [(pb.get("n"), pb.get("type")) for pb in pbs] == [("2", None), ("3", "supplied")]
    assert pbs[0].tail == " to the channel of the U.N."  # mid-sentence, where it breaks
    words = (
        "We should bring this process back  to the channel of the U.N.\nAnd a second  paragraph."
    )
    assert spoken_text(sps[1]) == words + " "  # the space before the marking
    marks = [(s.text, s.get("rend")) for s in root.findall(".//tei:seg", NS)]
    assert marks == [("(U)", None), ("(S)", "strikethrough"), ("(C)", None)]
    cover = root.find(".//tei:front/tei:div[@type='cover']", NS)
    assert cover.find(".//tei:hi[@rend='strikethrough']", NS).text == "TS"
    notes = root.findall(".//tei:note[@type='editorial']", NS)
    assert [n.get("n") for n in notes] == ["1", "2", "3"]
    # The closing line as printed: two hyphens each side, not en dashes.
    assert root.find(".//tei:closer", NS).text == "--End of Conversation--"


@pytest.mark.sphinx("html", testroot="opendata", freshenv=True)
def test_the_dataset_annotations_and_csv_say_what_the_records_do(app: SphinxTestApp) -> None:
    app.build()
    data = app.outdir / "data"
    assert schema_errors(data / "edition.json") == ""
    assert (data / "edition.schema.json").read_bytes() == SCHEMA.read_bytes()
    edition = json.loads((data / "edition.json").read_text("utf-8"))
    (conv,) = edition["conversations"]
    assert [t["id"] for t in conv["turns"]] == ["t01", "t02", "t03"]
    assert conv["turns"][1]["pages"] == ["1", "2", "3"] and conv["turns"][1]["struck"]
    assert [(b["page"], b["supplied"]) for b in conv["page_breaks"]] == [("2", False), ("3", True)]
    assert [n["turn"] for n in conv["notes"]] == [None, "t01", "t02"]
    assert conv["urls"]["tei"] == "https://example.org/edition/data/tei/2003-03-18.xml"
    statuses = [q["status"] for q in edition["quotations"]]
    assert statuses.count("verified") == len(statuses) == 3
    rows = list(csv.DictReader(io.StringIO((data / "turns.csv").read_text("utf-8"))))
    assert [(r["turn"], r["pages"], r["struck"]) for r in rows] == [
        ("t01", "1", "no"),
        ("t02", "1-3", "yes"),
        ("t03", "3", "no"),
    ]
    collection = json.loads((data / "annotations.jsonld").read_text("utf-8"))
    items = collection["first"]["items"]
    assert collection["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert len(items) == collection["total"] == 3
    turns = {t["id"]: t["text"] for t in conv["turns"]}
    for item in items:
        fragment, in_turn = item["target"]["selector"]
        assert in_turn["value"] == fragment["value"]
        position = in_turn["refinedBy"]
        assert position["type"] == "TextPositionSelector"
        exact = fragment["refinedBy"]["exact"]
        assert turns[fragment["value"]][position["start"] : position["end"]] == exact
        assert item["target"]["source"] == "https://example.org/edition/transcripts/2003-03-18.html"


@pytest.mark.sphinx("html", testroot="opendata", freshenv=True)
def test_the_transcript_links_its_data(app: SphinxTestApp) -> None:
    app.build()
    page = BeautifulSoup(
        (app.outdir / "transcripts" / "2003-03-18.html").read_text("utf-8"), "html.parser"
    )
    links = {a.get_text(): str(a["href"]) for a in page.select("p.downloads a")}
    assert links == {"TEI": "../data/tei/2003-03-18.xml", "JSON": "../data/edition.json"}
    for href in links.values():
        assert (app.outdir / "transcripts" / href).resolve().is_file()


BAD = """
:::{turn} rice
:id: t04

Words {page}`5` of a speaker nobody names.
:::

Between turns, {page}`6` a page break.
"""


@pytest.mark.sphinx("html", testroot="opendata", srcdir="opendata-bad", freshenv=True)
def test_what_the_data_cannot_say_is_a_located_warning(app: SphinxTestApp) -> None:
    page = app.srcdir / "transcripts" / "2003-03-18.md"
    text = page.read_text("utf-8").replace(
        "  putin: President Putin\n", "  putin: President Putin\n  rice: Dr. Rice\n"
    )
    page.write_text(text.replace(":::{closing}", BAD.strip() + "\n\n:::{closing}"), "utf-8")
    app.build()
    lines = text.replace(":::{closing}", BAD.strip() + "\n\n:::{closing}").splitlines()
    turn_line = lines.index(":::{turn} rice") + 1
    break_line = lines.index("Between turns, {page}`6` a page break.") + 1
    assert sorted(warning_lines(app)) == sorted(
        [
            f"transcripts/2003-03-18.md:{turn_line}: WARNING: turn t04: no participant or "
            "person of the register is 'Dr. Rice', the label of speaker 'rice'; expected a "
            "participant whose role or name is the label, so that the TEI can say who speaks "
            "[memcon.open_data]",
            f"transcripts/2003-03-18.md:{break_line}: WARNING: page break '6' stands outside a "
            "turn, where the TEI cannot place it; expected it inside the turn whose words run "
            "onto the new page [memcon.open_data]",
        ]
    )
    assert jing_errors(app.outdir / "data" / "tei" / "2003-03-18.xml") == []


@pytest.mark.sphinx(
    "html",
    testroot="opendata",
    srcdir="opendata-quiet",
    freshenv=True,
    confoverrides={"suppress_warnings": ["myst.strikethrough", "memcon.open_data"]},
)
def test_the_open_data_warnings_can_be_silenced(app: SphinxTestApp) -> None:
    page = app.srcdir / "transcripts" / "2003-03-18.md"
    page.write_text(page.read_text("utf-8").replace(":::{closing}", "{page}`9`\n\n:::{closing}"))
    app.build()
    assert warning_lines(app) == []


def copied_root(rootdir: Path, tmp_path: Path) -> Path:
    """A copy of the open-data test root, to edit between builds."""
    source = tmp_path / "src"
    shutil.copytree(rootdir / "test-opendata", source)
    return source


@pytest.mark.sphinx
def test_incremental_and_parallel_builds_write_what_a_full_build_does(
    make_app: Any, tmp_path: Path, rootdir: Path
) -> None:
    source = copied_root(rootdir, tmp_path)
    first = tmp_path / "incremental"
    make_app("html", srcdir=source, builddir=first).build()
    tei_file = first / "html" / "data" / "tei" / "2003-03-18.xml"
    before = tei_file.read_bytes()
    edit(source / "transcripts" / "2003-03-18.md", "I understand.\n:::", "I see.\n:::")
    make_app("html", srcdir=source, builddir=first).build()
    assert tei_file.read_bytes() != before and b"I see." in tei_file.read_bytes()
    full = tmp_path / "full"
    make_app("html", srcdir=source, builddir=full).build()
    parallel = tmp_path / "parallel"
    make_app("html", srcdir=source, builddir=parallel, parallel=2).build()
    expected = data_files(full / "html")
    assert data_files(first / "html") == expected
    assert data_files(parallel / "html") == expected


def selectors(outdir: Path) -> dict[str, dict[str, str]]:
    """Each annotation's TextQuoteSelector, by the quotation's words."""
    collection = json.loads((outdir / "data" / "annotations.jsonld").read_bytes())
    return {
        item["body"]["value"]: item["target"]["selector"][0]["refinedBy"]
        for item in collection["first"]["items"]
    }


@pytest.mark.sphinx
def test_an_annotation_kept_from_the_last_build_follows_what_its_passage_shows(
    make_app: Any, tmp_path: Path, rootdir: Path
) -> None:
    """An annotation is reused from the last build only while its passage shows the same:
    a quotation added on another page, shown in the passage's margin, is there to tell
    apart from the words a recorded misquotation points at."""
    source = copied_root(rootdir, tmp_path)
    (source / "analysis" / "notes.md").write_text(
        '---\nsources: ["2003-03-18"]\n---\n\n# Notes\n\n'
        "Bush, as reported: {sic}`the United Nations is finished <2003-03-18#bush>`.\n",
        "utf-8",
    )
    first = tmp_path / "incremental"
    make_app("html", srcdir=source, builddir=first).build()
    alone = selectors(first / "html")["the United Nations is finished"]
    assert alone == {"type": "TextQuoteSelector", "exact": "the United Nations is through"}
    (source / "analysis" / "more.md").write_text(
        '---\nsources: ["2003-03-18"]\n---\n\n# More\n\n'
        "Bush: {quote}`the United Nations is through <2003-03-18#bush>`.\n",
        "utf-8",
    )
    make_app("html", srcdir=source, builddir=first).build()
    beside = selectors(first / "html")["the United Nations is finished"]
    assert beside["exact"] == "the United Nations is through" and beside["prefix"]
    full = tmp_path / "full"
    make_app("html", srcdir=source, builddir=full).build()
    assert data_files(first / "html") == data_files(full / "html")


@pytest.mark.sphinx
def test_the_dataset_is_written_from_the_records_kept_beside_the_environment(
    make_app: Any, tmp_path: Path, rootdir: Path
) -> None:
    """Each conversation's record is kept between builds; an edit to the analysis alone
    writes the dataset again (its quotations changed) but not the CSV of turns, and a kept
    record that is missing is made again."""
    source = copied_root(rootdir, tmp_path)
    build = tmp_path / "build"
    make_app("html", srcdir=source, builddir=build).build()
    data = build / "html" / "data"
    kept = build / "doctrees" / "memcon-records.sqlite"
    with RecordStore(kept) as store:
        assert list(store.made_from()) == ["2003-03-18"]
    os.utime(data / "turns.csv", ns=(1_000_000_000, 1_000_000_000))
    os.utime(data / "edition.json", ns=(1_000_000_000, 1_000_000_000))
    edit(
        source / "analysis" / "notes.md",
        'I understand".\n',
        'I understand".\n\nAnd Putin: "back to the channel".\n',
    )
    make_app("html", srcdir=source, builddir=build).build()
    assert (data / "turns.csv").stat().st_mtime_ns == 1_000_000_000
    assert (data / "edition.json").stat().st_mtime_ns != 1_000_000_000
    with RecordStore(kept) as store:
        store.keep_only([])
    (data / "edition.json").unlink()
    make_app("html", srcdir=source, builddir=build).build()
    full = tmp_path / "full"
    make_app("html", srcdir=source, builddir=full).build()
    assert data_files(build / "html") == data_files(full / "html")


@pytest.mark.sphinx
def test_a_conversation_is_digested_when_its_page_is_read(
    make_app: Any, tmp_path: Path, rootdir: Path
) -> None:
    """The digest the data files are made from is kept with the environment: an edit of
    the analysis alone reads no transcript and keeps it; an edit of a note changes it, and
    the TEI with it, though no spoken word changed."""
    source = copied_root(rootdir, tmp_path)
    build = tmp_path / "build"
    app = make_app("html", srcdir=source, builddir=build)
    app.build()
    state = get_domain(app.env).state_of("2003-03-18")
    tei_file = build / "html" / "data" / "tei" / "2003-03-18.xml"
    before = tei_file.read_bytes()

    def rebuilt() -> MemconDomain:
        again = make_app("html", srcdir=source, builddir=build)
        again.build()
        return get_domain(again.env)

    edit(source / "analysis" / "notes.md", "# Notes", "# Notes on the call")
    domain = rebuilt()
    assert domain.read == {"analysis/notes"} and domain.state_of("2003-03-18") == state
    edit(source / "transcripts" / "2003-03-18.md", "A note on the Council.", "On the Council.")
    domain = rebuilt()
    assert domain.state_of("2003-03-18") != state and domain.state_of("unknown") == ""
    assert tei_file.read_bytes() != before and b"On the Council." in tei_file.read_bytes()


# -- the edition ----------------------------------------------------------------------------


@pytest.mark.edition
def test_the_2003_call_is_valid_tei_with_every_spoken_word(edition_site: Path) -> None:
    from test_edition import OCR, ocr_spoken_words, words

    path = edition_site / "data" / "tei" / "2003-03-18.xml"
    assert jing_errors(path) == []
    root = tree(path)
    sps = root.findall(".//tei:body//tei:sp", NS)
    assert len(sps) == 28
    assert [pb.get("n") for pb in root.findall(".//tei:body//tei:pb", NS)] == ["2", "3", "4"]
    assert root.find(".//tei:pb[@n='3']", NS).get("type") == "supplied"
    spoken = [word for sp in sps for word in words(spoken_text(sp))]
    expected = ocr_spoken_words(OCR.read_text("utf-8"))
    assert spoken == expected and len(expected) > 1200


@pytest.mark.edition
def test_the_edition_dataset_is_valid_and_linked(edition_site: Path) -> None:
    data = edition_site / "data"
    assert schema_errors(data / "edition.json") == ""
    edition = json.loads((data / "edition.json").read_text("utf-8"))
    assert len(edition["conversations"]) == 11 and edition["persons"]
    assert edition["edition"]["url"] == "https://bush-putin-edition.github.io/"
    rows = list(csv.DictReader(io.StringIO((data / "turns.csv").read_text("utf-8"))))
    assert len([r for r in rows if r["conversation"] == "2003-03-18"]) == 28
    assert (data / "ocr" / "2003-03-18.txt").is_file()
    page = BeautifulSoup(
        (edition_site / "transcripts" / "2003-03-18.html").read_text("utf-8"), "html.parser"
    )
    links = {a.get_text(): str(a["href"]) for a in page.select("p.downloads a")}
    assert set(links) == {"TEI", "JSON", "the archive's OCR text"}
    for href in links.values():
        assert (edition_site / "transcripts" / href).resolve().is_file()
    checked = [q for q in edition["quotations"] if q["source"] == "2003-03-18" and q["passage"]]
    collection = json.loads((data / "annotations.jsonld").read_text("utf-8"))
    assert collection["total"] == len(checked) > 10


@pytest.mark.edition
def test_a_parallel_build_writes_the_same_data(edition_site: Path, tmp_path: Path) -> None:
    result = sphinx_build("html", tmp_path / "j2", "-j", "2")
    assert result.returncode == 0, result.stderr
    assert data_files(tmp_path / "j2") == data_files(edition_site)


@pytest.mark.edition
def test_an_annotation_points_at_the_passage_the_checker_found(edition_site: Path) -> None:
    data = edition_site / "data"
    quotations = json.loads((data / "edition.json").read_text("utf-8"))["quotations"]
    found = {
        f"{q['doc']}.html#{q['key']}": q["suggestion"] for q in quotations if q["status"] == "sic"
    }
    collection = json.loads((data / "annotations.jsonld").read_text("utf-8"))
    exact = {
        item["id"].removeprefix("https://bush-putin-edition.github.io/"): item["target"][
            "selector"
        ][0]["refinedBy"]["exact"]
        for item in collection["first"]["items"]
    }
    # Each recorded misquotation's annotation holds the words the sic apparatus shows:
    # the reordered one too ("more important to me are our personal relations").
    assert len(found) == 3
    assert {key: exact[key] for key in found} == found
