"""The OCR importer: the seed memorandum and crafted variants of its layout.

The spoken words are checked against an extraction written here, independently of the
importer: the input's turns are read with a few plain rules, the output's from the page's
``{turn}`` blocks.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from memcon import ocr
from memcon.ocr import OcrError, import_ocr
from memcon.schema import ClassificationEntry, FrontMatter, parse_front_matter, validate

pytestmark = pytest.mark.unit

DATA = Path(__file__).parent / "data" / "ocr"
# The archive's OCR text of the March 18, 2003 call, kept in the edition beside its page.
SEED = Path(__file__).parents[1] / "transcripts" / "ocr" / "2003-03-18.txt"
SEED_ID = "2003-03-18"
LABELS = {"The President": "bush", "President Putin": "putin"}

# The input side of the independent extraction.
OCR_FURNITURE = re.compile(
    r"~*(TOP SECRET|SECRET|CONFIDENTIAL)~*|Classified by:.*|Reason:.*|Declassify on:.*"
    r"|NW#.*|DocId.*|\d+"
)
OCR_MARKING = re.compile(r"~~\(?[UCS]\)?~~|\([UCS]\)")
PAGE_ROLE = re.compile(r"\{page\}`([^`]*)`")


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def ocr_turns(text: str, labels: dict[str, str]) -> list[tuple[str, list[str], str | None]]:
    """(speaker id, words, trailing marking) of each turn of an OCR text."""
    lines = [line.strip() for line in text.splitlines()]
    starts = tuple(label + ":" for label in labels)
    first = next(i for i, line in enumerate(lines) if line.startswith(starts))
    turns: list[tuple[str, list[str], str | None]] = []
    for line in lines[first:]:
        if line.startswith("--End of"):
            break
        if not line or OCR_FURNITURE.fullmatch(line):
            continue
        label = next((label for label in labels if line.startswith(label + ":")), None)
        if label is not None:
            turns.append((labels[label], [], None))
            line = line[len(label) + 1 :]
        turns[-1][1].extend(line.split())
    return [
        (speaker, words[:-1], words[-1])
        if words and OCR_MARKING.fullmatch(words[-1])
        else (speaker, words, None)
        for speaker, words, _ in turns
    ]


def page_turns(page: str) -> list[tuple[str, str, str | None, list[str]]]:
    """(speaker id, turn id, marking, paragraphs) of each ``{turn}`` block of a page."""
    found = []
    for speaker, body in re.findall(r"^:::\{turn\} (\S+)\n(.*?)^:::$", page, re.M | re.S):
        options, _, text = body.partition("\n\n")
        turn_id = re.search(r"^:id: (\S+)$", options, re.M)
        marking = re.search(r"^:marking: (.+)$", options, re.M)
        found.append(
            (
                speaker,
                turn_id[1] if turn_id else "",
                marking[1] if marking else None,
                text.strip().split("\n\n"),
            )
        )
    return found


def spoken_words(paragraphs: list[str]) -> list[str]:
    return PAGE_ROLE.sub(" ", " ".join(paragraphs)).split()


def front(page: str) -> FrontMatter:
    return validate(*parse_front_matter(page))


@pytest.fixture(scope="module")
def seed_page() -> str:
    return import_ocr(seed_text(), SEED_ID).text


# --- the seed --------------------------------------------------------------------------


def test_seed_has_28_turns_14_each(seed_page: str) -> None:
    turns = page_turns(seed_page)
    assert len(turns) == 28
    assert [speaker for speaker, *_ in turns] == ["bush", "putin"] * 14
    assert [turn_id for _, turn_id, *_ in turns] == [f"t{n:02d}" for n in range(1, 29)]


def test_seed_page_breaks_fall_where_the_pages_begin(seed_page: str) -> None:
    turns = {turn_id: paragraphs for _, turn_id, _, paragraphs in page_turns(seed_page)}
    assert PAGE_ROLE.findall(seed_page) == ["2", "[3]", "4"]
    assert "not enflaming anti-American {page}`2` sentiment but in some capitals" in turns["t05"][0]
    assert "We have sent them there {page}`[3]` to facilitate the process," in turns["t06"][0]
    assert turns["t18"][0].startswith("{page}`4` Yes. It will pass, and I would like")


@pytest.mark.parametrize("source", ["seed", "wrapped"])
def test_spoken_words_and_markings_are_kept(source: str) -> None:
    text = seed_text() if source == "seed" else (DATA / "wrapped.txt").read_text()
    expected = ocr_turns(text, LABELS)
    page = import_ocr(text, SEED_ID).text
    got = [
        (speaker, spoken_words(paragraphs), marking)
        for speaker, _, marking, paragraphs in page_turns(page)
    ]
    assert got == expected
    assert sum(len(words) for _, words, _ in got) > 1000
    # Never corrected: the document's own wording stays.
    assert sum(words.count("enflaming") for _, words, _ in got) == 2
    assert "Russia Federation" in page


def test_seed_markings_as_printed(seed_page: str) -> None:
    markings = [marking for _, _, marking, _ in page_turns(seed_page)]
    assert markings[4:7] == ["(S)", "~~(S)~~", "~~(S)~~"]
    assert markings.count("(C)") == 2
    assert all(marking is not None for marking in markings)


def test_seed_front_matter(seed_page: str) -> None:
    matter = front(seed_page)
    assert matter.id == SEED_ID and matter.date == dt.date(2003, 3, 18)
    assert matter.kind == "telcon" and matter.status == "transcribed"
    assert matter.subject == (
        "Telephone conversation with President Vladimir Putin of the Russia Federation."
    )
    assert matter.title == (
        "Telephone conversation with President Vladimir Putin of the Russia Federation"
    )
    assert matter.subject_marking == "(U)"
    assert (matter.time, matter.place) == ("9:29 - 9:50 a.m. EST", "Oval Office")
    assert [(p.name, p.role) for p in matter.participants.united_states] == [
        ("George W. Bush", "The President")
    ]
    assert [(p.name, p.role) for p in matter.participants.russia] == [
        ("Vladimir Putin", "President Putin")
    ]
    assert matter.notetakers == ("Andy Green", "Marko Broz", "Jeff Blair")
    assert matter.interpreters == ("Peter Afanasenko",)
    assert matter.speakers == {"bush": "The President", "putin": "President Putin"}
    assert matter.topics == ()
    source = matter.source
    assert (source.nw, source.docid) == ("78134", "34685315")
    assert source.declassified == dt.date(2025, 8, 25)
    assert (source.posting, source.posting_date, source.document, source.url) == (None,) * 4


def test_seed_provenance(seed_page: str) -> None:
    """The control number by the letterheads, and the memorandum's own classification
    block (the cover memorandum's prints "03/19/13" for "3/19/13")."""
    source = front(seed_page).source
    assert source.repository == ocr.REPOSITORY
    assert source.control_number == "2569"
    assert source.classification == ClassificationEntry(
        banner="CONFIDENTIAL",
        classified_by="Gregory L. Schulte",
        reason="1.5(d)",
        declassify_on="3/19/13",
    )


def test_seed_page_layout(seed_page: str) -> None:
    body = seed_page.split("\n---\n", 1)[1]
    order = [
        body.index("# Memorandum of Telephone Conversation, March 18, 2003\n"),
        body.index("::::{cover-memorandum}\n"),
        body.index("```{transcript-header}\n```\n"),
        body.index(
            ":::{turn} bush\n:id: t01\n:marking: (U)\n\nHey Vladimir, how are you today?\n:::"
        ),
        body.index(":::{closing}\n--End of Conversation--\n:::\n"),
    ]
    assert order == sorted(order)
    assert body.endswith(":::{closing}\n--End of Conversation--\n:::\n")


def test_cover_memorandum_is_verbatim_and_apart_from_the_turns(seed_page: str) -> None:
    lines = seed_text().splitlines()
    start, end = (
        lines.index("March 20, 2003"),
        lines.index("Tab A Memorandum of Telephone Conversation"),
    )
    expected = " ".join(lines[start : end + 1]).split()
    cover = re.search(r"^::::\{cover-memorandum\}\n(.*?)\n::::$", seed_page, re.M | re.S)
    assert cover is not None
    assert cover[1].replace("\\\n", " ").split() == expected
    assert "MR. LEWIS LIBBY\\\nNational Security Advisor\\\nto the Vice President" in cover[1]
    assert "provided **eyes only** for the information" in cover[1]
    assert "Defense. ~~TS~~" in cover[1]
    turns_text = " ".join(" ".join(p) for *_, p in page_turns(seed_page))
    assert "Schulte" not in turns_text and "LIBBY" not in turns_text


# --- crafted variants ------------------------------------------------------------------


def test_hard_wrapped_text_gives_the_seed_turns_with_its_paragraphs() -> None:
    seed = page_turns(import_ocr(seed_text(), SEED_ID).text)
    wrapped = page_turns(import_ocr((DATA / "wrapped.txt").read_text(), SEED_ID).text)
    assert len(wrapped) == len(seed) == 28
    for (speaker, turn_id, marking, paragraphs), ours in zip(seed, wrapped, strict=True):
        assert ours[:3] == (speaker, turn_id, marking)
        # Only the line breaks differ, a word hyphenated at a line end included.
        assert re.sub(r"\s", "", " ".join(ours[3])) == re.sub(r"\s", "", " ".join(paragraphs))
    t06 = wrapped[5][3]
    assert len(t06) == 2
    assert t06[0].endswith("benefited the region as a whole.")
    assert t06[1].startswith("The second point that I would like")
    assert "fundamental significance of our state-to- state relationship" in t06[0]
    assert "We have sent them there {page}`[3]` to facilitate" in t06[1]
    assert wrapped[17][3] == [seed[17][3][0]]  # label alone on its line, after page furniture


def test_minimal_text_without_cover_or_header() -> None:
    page = import_ocr((DATA / "minimal.txt").read_text(), "2002-11-22").text
    matter = front(page)
    assert matter.kind == "memcon" and matter.date == dt.date(2002, 11, 22)
    assert matter.title == "Memorandum of Conversation, November 22, 2002"
    assert (matter.subject, matter.subject_marking, matter.time, matter.place) == (None,) * 4
    assert matter.participants.united_states == matter.participants.russia == ()
    assert matter.notetakers == matter.interpreters == ()
    source = matter.source
    assert (source.nw, source.docid, source.declassified, source.control_number) == (None,) * 4
    assert source.classification == ClassificationEntry()
    assert "cover-memorandum" not in page
    assert [(s, m) for s, _, m, _ in page_turns(page)] == [
        ("bush", "(U)"),
        ("putin", "~~(S)~~"),
        ("bush", "(C)"),
    ]
    assert PAGE_ROLE.findall(page) == []


def test_meeting_with_sides_a_further_speaker_and_a_break_before_the_closing() -> None:
    speakers = {**ocr.DEFAULT_SPEAKERS, "Secretary Roe": "roe"}
    page = import_ocr((DATA / "meeting.txt").read_text(), "2002-06-05", speakers).text
    matter = front(page)
    assert matter.kind == "memcon"
    assert [(p.name, p.role) for p in matter.participants.united_states] == [
        ("George W. Bush", "The President"),
        ("Jane Roe", "Secretary of State"),
    ]
    assert [(p.name, p.role) for p in matter.participants.russia] == [
        ("Vladimir Putin", "President Putin"),
        ("Ivan Petrov", "Foreign Minister"),
    ]
    assert matter.notetakers == ("John Doe",)
    assert matter.interpreters == ("Anna Smith", "Boris Ivanov")
    assert (matter.time, matter.place) == ("10:00 - 11:00 a.m.", "Round Room")
    assert matter.source.classification == ClassificationEntry(
        banner="SECRET", classified_by="A. Person", reason="1.4(b), (d)", declassify_on="06/05/12"
    )
    assert matter.source.control_number is None
    assert matter.speakers == {
        "bush": "The President",
        "putin": "President Putin",
        "roe": "Secretary Roe",
    }
    turns = page_turns(page)
    assert turns[1][3] == [
        "Thank you. I have two points.",
        "The first point is short. {page}`2` The second point goes on over the page.",
    ]
    assert turns[2][:3] == ("roe", "t03", "~~(C)~~")
    assert ":::{closing}\n{page}`3` --End of Conversation--\n:::" in page


def test_unknown_speaker_label_names_the_line() -> None:
    with pytest.raises(OcrError) as caught:
        import_ocr((DATA / "unknown_speaker.txt").read_text(), SEED_ID)
    assert str(caught.value) == (
        "1 speaker label(s) match no participant of the header: "
        "line 14: 'Secretary Rice:' (not a participant); "
        "expected each label to name a participant, or its speaker id to be given"
    )


def test_every_unknown_label_is_listed_with_the_command_to_rerun(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "two-unknown.txt"
    source.write_text(
        "The President: A line crafted for the tests. (U)\n\n"
        "Secretary Roe: Another crafted line. (U)\n\n"
        "President Putin: And one more. (U)\n\n"
        "Ambassador Doe: The last crafted line. (U)\n"
    )
    out = tmp_path / "out"
    out.mkdir()
    status, stdout, err = run_main(capsys, source, "--id", SEED_ID, "--out", out)
    assert (status, stdout) == (1, "")
    assert err == (
        f"{source}: error: 2 speaker label(s) match no participant of the header: "
        "line 3: 'Secretary Roe:' (not a participant); "
        "line 7: 'Ambassador Doe:' (not a participant); "
        "expected each label to name a participant, or its speaker id to be given\n"
        f"rerun with their speaker ids: make transcript SRC={source} ID={SEED_ID} "
        'SPEAKERS="Secretary Roe=roe Ambassador Doe=doe"\n'
    )
    assert list(out.iterdir()) == []


def test_no_turns() -> None:
    with pytest.raises(OcrError, match=r"^no speaker turns found: expected lines beginning"):
        import_ocr((DATA / "no_turns.txt").read_text(), SEED_ID)


def test_id_must_agree_with_the_documents_date() -> None:
    with pytest.raises(OcrError) as caught:
        import_ocr(seed_text(), "2003-03-19")
    assert str(caught.value) == (
        "the id '2003-03-19' does not agree with the document's date, March 18, 2003 (line 86); "
        "expected an id beginning with 2003-03-18"
    )


def test_text_after_the_closing_is_refused() -> None:
    text = "The President: Goodbye. (U)\n\n--End of Conversation--\n\nA stray line.\n"
    with pytest.raises(OcrError, match=r"^line 5: text after '--End of Conversation--'"):
        import_ocr(text, SEED_ID)


def test_two_labels_of_one_speaker_are_noted_and_each_turn_prints_its_own() -> None:
    text = "The President: Hello. (U)\n\nPresident Bush: Hello again. (U)\n"
    speakers = {**ocr.DEFAULT_SPEAKERS, "President Bush": "bush"}
    imported = import_ocr(text, SEED_ID, speakers)
    assert front(imported.text).speakers == {"bush": "The President"}
    assert [turn[0] for turn in page_turns(imported.text)] == ["bush", "bush"]
    assert imported.memorandum.notes == (
        "line 3: 'President Bush' is the speaker 'bush', whose first label is 'The President'; "
        "the turn keeps its own (:label:)",
    )
    assert ":id: t02\n:marking: (U)\n:label: President Bush\n" in imported.text


def test_turns_beginning_on_a_new_page_start_with_its_number() -> None:
    text = (
        "MEMORANDUM OF CONVERSATION\n\nSUBJECT: A test (U)\n\nCONFIDENTIAL\n\n2\n\n"
        "The President: On page two. (U)\n\nCONFIDENTIAL\n\nPresident Putin:\n\nOn three. (U)\n"
    )
    turns = page_turns(import_ocr(text, SEED_ID).text)
    assert [paragraphs for *_, paragraphs in turns] == [
        ["{page}`2` On page two."],
        ["{page}`[3]` On three."],
    ]


def test_furniture_at_the_top_of_the_first_page_is_no_page_break() -> None:
    text = "~~SECRET~~\n\n2569\n\nTHE WHITE HOUSE\n\nThe President: Hello. (U)\n"
    memorandum = import_ocr(text, SEED_ID).memorandum
    assert memorandum.pages == ("1",)
    assert memorandum.turns[0].paragraphs == ("Hello.",)
    assert memorandum.classification.banner == "SECRET"
    assert memorandum.control_number == "2569"


def test_provenance_of_a_crafted_text() -> None:
    """A control number by the letterhead, a banner with its caveats, a classification
    block, and a declassification stamp whose date runs onto the next line."""
    page = import_ocr((DATA / "provenance.txt").read_text(), "2004-03-03").text
    source = front(page).source
    assert source.control_number == "4711"
    assert source.classification == ClassificationEntry(
        banner="SECRET//NOFORN",
        classified_by="A. N. Officer",
        reason="1.4(b), (d)",
        declassify_on="03/03/14",
    )
    assert (source.nw, source.docid, source.declassified) == ("12345", "67890", dt.date(2024, 1, 2))
    turns = page_turns(page)
    assert [(speaker, marking) for speaker, _, marking, _ in turns] == [
        ("bush", "(U)"),
        ("putin", "~~(S//NF)~~"),
    ]
    assert "Officer" not in " ".join(" ".join(paragraphs) for *_, paragraphs in turns)


def test_a_second_control_number_that_differs_is_noted() -> None:
    text = (
        "NATIONAL SECURITY COUNCIL\n\n4711\n\nWASHINGTON\n\n4712\n\nTHE WHITE HOUSE\n\n"
        "MEMORANDUM OF CONVERSATION\n\nThe President: Hello. (U)\n"
    )
    memorandum = import_ocr(text, SEED_ID).memorandum
    assert memorandum.control_number == "4711"
    assert memorandum.notes == (
        "line 7: control number 4712 differs from 4711 (line 3), which the front matter gives",
    )


def test_markdown_block_syntax_at_a_paragraph_start_stays_text() -> None:
    text = "The President: Two things.\n\n1. The first.\n\n- and a dash. (U)\n"
    paragraphs = page_turns(import_ocr(text, SEED_ID).text)[0][3]
    assert paragraphs == ["Two things.", "1\\. The first.", "\\- and a dash."]


# --- property: any turns, any wrapping, any page breaks ----------------------------------

WORD = st.from_regex(r"[a-z][a-z,.;?'-]{0,9}", fullmatch=True)
MARKINGS = st.sampled_from([None, "(U)", "(C)", "(S)", "~~(S)~~", "~~(C)~~"])
TURN = st.tuples(st.sampled_from(list(LABELS)), st.lists(WORD, min_size=1, max_size=40), MARKINGS)


@settings(max_examples=60, deadline=None)
@given(
    turns=st.lists(TURN, min_size=1, max_size=8),
    width=st.integers(min_value=20, max_value=90),
    breaks=st.dictionaries(st.integers(1, 10_000), st.booleans(), max_size=4),
)
def test_any_wrapped_turns_keep_words_markings_and_pages(
    turns: list[tuple[str, list[str], str | None]], width: int, breaks: dict[int, bool]
) -> None:
    lines: list[str] = []
    for label, words, marking in turns:
        text = f"{label}: " + " ".join(words) + (f" {marking}" if marking else "")
        lines += [*textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False), ""]
    # Page furniture after any text line of the turns: a banner and a stamp, and the next
    # page's number or none.
    text_lines = [position for position, line in enumerate(lines, start=1) if line]
    numbered_after = {text_lines[i % len(text_lines)]: numbered for i, numbered in breaks.items()}
    source: list[str] = []
    labels: list[str] = []
    for position, line in enumerate(lines, start=1):
        source.append(line)
        if position in numbered_after:
            page = len(labels) + 2
            number = [str(page), ""] if numbered_after[position] else []
            source += ["", "~~CONFIDENTIAL~~", "", "NW#: 78134 DocId: 34685315", "", *number]
            labels.append(str(page) if numbered_after[position] else f"[{page}]")
    source.append("--End of Conversation--")
    page_text = import_ocr("\n".join(source), SEED_ID).text
    assert [(s, spoken_words(p), m) for s, _, m, p in page_turns(page_text)] == [
        (LABELS[label], words, marking) for label, words, marking in turns
    ]
    assert PAGE_ROLE.findall(page_text) == labels


# --- the command line ------------------------------------------------------------------


def run_python(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """``python ARGS`` in a fresh interpreter that imports this ``memcon``."""
    ext = Path(ocr.__file__).parents[2]
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ext), os.environ.get("PYTHONPATH", "")]),
    }
    return subprocess.run(
        [sys.executable, *map(str, args)], capture_output=True, text=True, env=env, check=False
    )


def run_module(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """``python -m memcon.ocr ARGS`` in a fresh interpreter."""
    return run_python("-m", "memcon.ocr", *args)


def run_main(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    """The command line's ``main`` in this process: exit status, standard output and error."""
    status = ocr.main([str(arg) for arg in args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_module_writes_the_page(tmp_path: Path) -> None:
    expected = import_ocr(seed_text(), SEED_ID).text
    result = run_module(SEED, "--id", SEED_ID, "--out", tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        f"wrote {tmp_path / '2003-03-18.md'}: 28 turns, pages 1, 2, [3], 4, cover memorandum\n"
    )
    assert result.stderr == (
        f"{SEED}: note: line 117: page 3 has no number in the OCR text; supplied as [3]\n"
        f"{SEED}: note: line 57: declassify_on reads '03/19/13'; the front matter gives "
        "'3/19/13', the memorandum's own (line 105)\n"
    )
    assert (tmp_path / "2003-03-18.md").read_text() == expected


def test_module_refuses_bytes_that_are_not_utf8(tmp_path: Path) -> None:
    source = tmp_path / "latin1.txt"
    source.write_bytes(b"The President: Caf\xe9. (U)\n")
    result = run_module(source, "--id", SEED_ID, "--out", tmp_path)
    assert result.returncode == 1
    assert result.stderr == (
        f"{source}: error: not UTF-8 text (byte 0xe9 at offset 18); "
        "expected the OCR text in UTF-8\n"
    )
    assert sorted(tmp_path.iterdir()) == [source]


def test_speaker_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run_main(
        capsys,
        DATA / "unknown_speaker.txt",
        "--id",
        SEED_ID,
        "--out",
        tmp_path,
        "--speaker",
        "Secretary Rice=rice",
    )
    assert status == 0, err
    assert front((tmp_path / "2003-03-18.md").read_text()).speakers["rice"] == "Secretary Rice"


@pytest.mark.parametrize("option", ["Secretary Rice", "=rice", "Secretary Rice=Rice"])
def test_malformed_speaker_option_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str
) -> None:
    with pytest.raises(SystemExit) as caught:
        run_main(
            capsys, DATA / "minimal.txt", "--id", SEED_ID, "--out", tmp_path, "--speaker", option
        )
    assert caught.value.code == 2
    assert "argument --speaker: expected" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_refuses_a_file_that_is_not_a_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    existing = tmp_path / "2002-11-22.md"
    existing.write_text("the editors' page\n")
    status, out, err = run_main(
        capsys, DATA / "minimal.txt", "--id", "2002-11-22", "--out", tmp_path
    )
    assert (status, out) == (1, "")
    assert err.startswith(
        f"{DATA / 'minimal.txt'}: error: {existing}: cannot read the page's front matter: "
    )
    assert existing.read_text() == "the editors' page\n"


@pytest.mark.parametrize(
    ("source", "args", "message"),
    [
        ("unknown_speaker.txt", (), "error: 1 speaker label(s) match no participant"),
        ("no_turns.txt", (), "error: no speaker turns found"),
        ("missing.txt", (), "error: cannot read the file: No such file or directory"),
        ("minimal.txt", ("--id", "2003-3-18"), "error: invalid --id '2003-3-18': expected an id"),
        ("meeting.txt", ("--id", "2003-03-18"), "does not agree"),
        ("minimal.txt", ("--out", "{tmp}/nowhere"), "error: the output directory"),
    ],
)
def test_refusals_write_nothing(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    source: str,
    args: tuple[str, ...],
    message: str,
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    more = [arg.format(tmp=tmp_path) for arg in args]
    status, stdout, err = run_main(capsys, DATA / source, "--id", SEED_ID, "--out", out, *more)
    assert (status, stdout) == (1, "")
    assert err.startswith(f"{DATA / source}: error: ")
    assert message in err
    assert list(out.iterdir()) == []
    assert not (tmp_path / "nowhere").exists()


# --- the package -----------------------------------------------------------------------


def test_importing_the_importer_loads_neither_sphinx_nor_docutils() -> None:
    """The importer is pure: a fresh interpreter that imports it, and with it the package
    above it and every module it uses, has loaded no module of Sphinx or docutils."""
    result = run_python(
        "-c",
        "import sys\n"
        "import memcon.ocr\n"
        "print(sorted(name for name in sys.modules if name.partition('.')[0] in "
        "{'sphinx', 'docutils'}))",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "[]\n"
