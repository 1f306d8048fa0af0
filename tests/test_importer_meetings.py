"""The importer on meetings as the archive prints them: many speakers matched to the header's
participants, the header's forms, the declassification stamps, and a pending page filled in.

Every OCR text here is crafted for the tests: the names, the words and the numbers are
invented, laid out as the archive's memorandums are.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from memcon import ocr
from memcon.ocr import OcrError, import_ocr, read_ocr
from memcon.ocr.cli import _write_atomically
from memcon.ocr.furniture import is_furniture
from memcon.ocr.header import HeaderParticipant
from memcon.ocr.speakers import FoundLabel, UnknownSpeakers, participant_ids, resolve
from memcon.schema import ClassificationEntry, FrontMatter, parse_front_matter, validate

pytestmark = pytest.mark.unit

DATA = Path(__file__).parent / "data" / "ocr"
PLENARY = DATA / "plenary.txt"
PLENARY_ID = "2004-09-09"


def front(page: str) -> FrontMatter:
    return validate(*parse_front_matter(page))


def run_main(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    status = ocr.main([str(arg) for arg in args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.fixture(scope="module")
def plenary() -> ocr.ImportedPage:
    return import_ocr(PLENARY.read_text(), PLENARY_ID)


# --- the plenary: speakers from the participants -------------------------------------------


def test_plenary_speakers_come_from_the_participants(plenary: ocr.ImportedPage) -> None:
    assert front(plenary.text).speakers == {
        "bush": "The President",
        "putin": "President Putin",
        "poe": "The Vice President",
        "ivanov-pavel": "Foreign Minister Ivanov",
        "roe": "Secretary Roe",
        "ivanov-oleg": "Defense Minister Ivanov",
    }
    assert [turn.speaker for turn in plenary.memorandum.turns] == [
        "bush",
        "putin",
        "poe",
        "ivanov-pavel",
        "roe",
        "ivanov-oleg",
        "roe",
        "bush",
    ]


def test_plenary_header_forms(plenary: ocr.ImportedPage) -> None:
    matter = front(plenary.text)
    assert [(p.name, p.role) for p in matter.participants.united_states] == [
        ("George W. Bush", "The President"),
        ("Richard Poe", "The Vice President"),
        ("Jane Roe", "Secretary of State"),
        ("Martin Cole", "Assistant to the President for National Security Affairs"),
    ]
    assert [(p.name, p.role) for p in matter.participants.russia] == [
        ("Vladimir Putin", "President"),
        ("Pavel Ivanov", "Minister of Foreign Affairs"),
        ("Oleg Ivanov", "Minister of Defense"),
    ]
    assert matter.notetakers == ("Thomas Grey",)
    assert matter.interpreters == ("Anna Smith", "Boris Kuznets", "Vera Lind")


def test_plenary_provenance(plenary: ocr.ImportedPage) -> None:
    source = front(plenary.text).source
    assert source.classification == ClassificationEntry(
        banner="SECRET//NOFORN",
        classified_by="Invented Officer",
        reason="1.4(d)",
        declassify_on="09/09/14",
    )
    assert (source.control_number, source.nw, source.docid) == ("7301", "40001", "50002")
    assert source.declassified == dt.date(2024, 5, 6)


def test_plenary_turn_split_across_pages_keeps_its_words(plenary: ocr.ImportedPage) -> None:
    turn = plenary.memorandum.turns[3]
    assert turn.paragraphs == (
        "Our side has made up an answer about the same pipeline, and it runs on for a while "
        "so that the turn crosses the page {page}`2` break and goes on after it.",
    )
    assert turn.marking == "(S//NF)"
    assert plenary.memorandum.pages == ("1", "2")


def test_a_further_label_of_a_speaker_is_noted_and_printed(plenary: ocr.ImportedPage) -> None:
    assert (
        "line 68: 'Dr. Roe' is the speaker 'roe', whose first label is 'Secretary Roe'; the "
        "turn keeps its own (:label:)" in plenary.memorandum.notes
    )
    # The turn prints the document's label; the speaker's first one needs no option.
    assert ":::{turn} roe\n:id: t07\n:marking: (U)\n:label: Dr. Roe\n" in plenary.text
    assert plenary.text.count(":label:") == 1


@pytest.mark.parametrize(
    ("us", "russia"),
    [
        ("U.S.:", "Russia:"),
        ("U.S. Participants:", "Russian Participants:"),
        ("American side:", "Russian Delegation:"),
    ],
)
def test_side_headings(us: str, russia: str) -> None:
    text = (
        f"MEMORANDUM OF CONVERSATION\n\nPARTICIPANTS: {us}\nJane Roe, Secretary\n{russia}\n"
        "Ivan Petrov, Minister\n\nThe President: A crafted line. (U)\n"
    )
    participants = read_ocr(text).header.participants
    assert [(p.side, p.name) for p in participants] == [
        ("united_states", "Jane Roe"),
        ("russia", "Ivan Petrov"),
    ]


# --- labels matched to participants ------------------------------------------------------

RICE = HeaderParticipant("united_states", "Condoleezza Rice", "Secretary of State")
LAVROV = HeaderParticipant("russia", "Sergey Lavrov", "Foreign Minister")
VICE = HeaderParticipant("united_states", "Richard Poe", "The Vice President")
AIDE = HeaderParticipant("united_states", "Ann Vale", "Assistant to the Vice President")


@pytest.mark.parametrize(
    ("label", "speaker"),
    [
        ("Secretary Rice", "rice"),
        ("Dr. Rice", "rice"),
        ("Minister Lavrov", "lavrov"),
        ("Foreign Minister Lavrov", "lavrov"),
        ("The Vice President", "poe"),
        ("The President", "bush"),
        ("President Putin", "putin"),
    ],
)
def test_a_label_is_matched_to_its_participant(label: str, speaker: str) -> None:
    resolved = resolve([FoundLabel(label, 1)], [RICE, LAVROV, VICE, AIDE], {}, ocr.DEFAULT_SPEAKERS)
    assert resolved == {label: speaker}


def test_two_ivanovs_get_distinct_ids_and_an_ambiguous_label_is_refused() -> None:
    igor = HeaderParticipant("russia", "Pavel Ivanov", "Minister of Foreign Affairs")
    oleg = HeaderParticipant("russia", "Oleg Ivanov", "Minister of Defense")
    assert participant_ids([igor, oleg]) == {igor: "ivanov-pavel", oleg: "ivanov-oleg"}
    with pytest.raises(UnknownSpeakers) as caught:
        resolve([FoundLabel("Minister Ivanov", 9)], [igor, oleg], {}, {})
    assert str(caught.value) == (
        "1 speaker label(s) match no participant of the header: line 9: 'Minister Ivanov:' "
        "(could be 'Pavel Ivanov' (Minister of Foreign Affairs), speaker id ivanov-pavel or "
        "'Oleg Ivanov' (Minister of Defense), speaker id ivanov-oleg); expected each label to "
        "name a participant, or its speaker id to be given"
    )
    # The command to rerun offers a participant's id, not one that names nobody.
    assert caught.value.given() == "Minister Ivanov=ivanov-pavel"
    assert resolve([FoundLabel("Minister Ivanov", 9)], [igor, oleg], {"Minister Ivanov": "x"}, {})


def test_participants_whose_ids_would_collide_are_refused() -> None:
    one = HeaderParticipant("russia", "Ivan Petrov", "Minister")
    other = HeaderParticipant("russia", "Ivan Petrov", "Adviser")
    with pytest.raises(OcrError, match=r"would both have the speaker id 'petrov-ivan'"):
        participant_ids([one, other])


def test_colliding_participants_write_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "collide.txt"
    source.write_text(
        "MEMORANDUM OF CONVERSATION\n\nPARTICIPANTS: Russia:\nIvan Petrov, Minister\n"
        "Ivan Petrov, Adviser\n\nDATE, TIME AND PLACE: June 5, 2002, 10:00 a.m., Kremlin\n\n"
        "Minister Petrov: A crafted line for the tests. (U)\n"
    )
    status, out, err = run_main(capsys, source, "--id", "2002-06-05", "--out", tmp_path)
    assert (status, out) == (1, "")
    assert err == (
        f"{source}: error: the participants line 4: 'Ivan Petrov' (Minister) and line 5: "
        "'Ivan Petrov' (Adviser) would both have the speaker id 'petrov-ivan'; expected "
        "participants with distinct names (where the OCR text misreads a name, correct it in "
        "the OCR text's header)\n"
    )
    assert sorted(tmp_path.iterdir()) == [source]


def test_speakers_option_takes_labels_with_spaces(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "given.txt"
    source.write_text(
        "The President: A crafted line. (U)\n\nSecretary Roe: Another. (U)\n\n"
        "Dr. Doe Junior: And one more. (U)\n"
    )
    status, _, err = run_main(
        capsys,
        source,
        "--id",
        "2003-03-18",
        "--out",
        tmp_path,
        "--speakers",
        "Secretary Roe=roe Dr. Doe Junior=doe",
    )
    assert status == 0, err
    assert front((tmp_path / "2003-03-18.md").read_text()).speakers == {
        "bush": "The President",
        "roe": "Secretary Roe",
        "doe": "Dr. Doe Junior",
    }


# --- page furniture ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "DECLASSIFIED",
        "Authority: crafted for the tests",
        "By JD NARA Date 5/6/2024",
        "Declassified Case: NW# 40001 DocId 50002",
        "E.O. 13526",
        "E.O. 13526, Section 3.3(b)",
        "DECLASSIFIED UNDER AUTHORITY OF THE",
        "INTERAGENCY SECURITY CLASSIFICATION APPEALS PANEL",
        "DECLASSIFIED UNDER AUTHORITY OF THE INTERAGENCY SECURITY CLASSIFICATION APPEALS PANEL",
        "TOP SECRET//SCI",
        "SECRET//NOFORN",
    ],
)
def test_declassification_stamps_and_banners_are_furniture(line: str) -> None:
    assert is_furniture(line)
    text = f"The President: Crafted words before the stamp\n\n{line}\n\nand after it. (U)\n"
    turns = read_ocr(text).turns
    assert [(turn.speaker, turn.paragraphs) for turn in turns] == [
        ("bush", ("Crafted words before the stamp {page}`[2]` and after it.",))
    ]


@pytest.mark.parametrize("line", ["Authority is what we lack.", "By the way, NARA is near."])
def test_spoken_lines_like_a_stamp_are_not_furniture(line: str) -> None:
    assert not is_furniture(line)


def test_a_banner_keeps_its_caveats() -> None:
    text = "TOP SECRET//SCI\n\nThe President: A crafted line. (U)\n\nTOP SECRET//SCI\n"
    assert read_ocr(text).classification.banner == "TOP SECRET//SCI"


# --- filling a pending page --------------------------------------------------------------

PENDING = textwrap.dedent(
    """\
    ---
    id: "2004-09-09"
    date: 2004-09-09
    kind: memcon
    title: "Plenary meeting, September 9, 2004 (crafted)"
    subject: null
    subject_marking: null
    time: null
    place: "Washington"
    status: pending
    participants:
      united_states:
        - {name: "George W. Bush", role: "The President"}
      russia:
        - {name: "Vladimir Putin", role: "President of the Russian Federation"}
    notetakers: []
    interpreters: []
    speakers:
      bush: The President
      putin: President Putin
    topics: ["pipelines", "crafted points"]
    source:
      repository: "George W. Bush Presidential Library"
      posting: "A posting crafted for the tests"
      posting_date: 2026-01-07
      document: 4
      url: "https://example.org/crafted"
      control_number: null
      classification: null
      nw: null
      docid: null
      declassified: null
    ---

    # Plenary meeting, September 9, 2004 (crafted)

    ```{transcript-header}
    ```

    :::{admonition} The text of this memorandum is not yet in the edition
    :class: attention pending-transcript

    **The original.** A crafted note on the original, which stays.

    **Adding it.** Import the text.
    :::

    The editors' note on this crafted meeting stays.
    """
)


def test_filling_a_pending_page_keeps_its_curated_fields(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / f"{PLENARY_ID}.md"
    page.write_text(PENDING)
    status, out, err = run_main(capsys, PLENARY, "--id", PLENARY_ID, "--out", tmp_path)
    assert status == 0, err
    assert out == f"filled {page}: 8 turns, pages 1, 2\n"
    text = page.read_text()
    matter = front(text)
    assert matter.status == "transcribed"
    assert matter.topics == ("pipelines", "crafted points")
    assert matter.title == "Plenary meeting, September 9, 2004 (crafted)"
    assert matter.place == "Washington"
    assert (matter.source.posting, matter.source.document) == ("A posting crafted for the tests", 4)
    assert matter.source.control_number == "7301"  # empty in the page: taken from the text
    assert matter.notetakers == ("Thomas Grey",)
    assert [p.name for p in matter.participants.russia] == ["Vladimir Putin"]
    assert "ivanov-oleg" in matter.speakers
    assert "pending-transcript" not in text and "Adding it" not in text
    assert text.index("{transcript-header}") < text.index("**The original.** A crafted note")
    assert text.index("The editors' note on this crafted") < text.index(":::{turn}")
    assert "kept the page's pending notice's paragraphs" in err
    assert text.count("{transcript-header}") == 1 and text.count(":::{turn}") == 8
    assert "kept the page's place: the OCR text reads 'Cabinet Room'; the page keeps " in err
    assert "kept the page's title: the OCR text reads" in err
    assert "kept the page's participants.united_states: the OCR text reads" in err


def test_a_transcribed_page_is_refused_unless_forced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / f"{PLENARY_ID}.md"
    page.write_text(PENDING.replace("status: pending", "status: transcribed"))
    before = page.read_text()
    status, out, err = run_main(capsys, PLENARY, "--id", PLENARY_ID, "--out", tmp_path)
    assert (status, out) == (1, "")
    assert err == (
        f"{PLENARY}: error: {page}: the page is already transcribed; to import its text "
        "again, keeping its curated front matter, give FORCE=1 (--force)\n"
    )
    assert page.read_text() == before
    status, out, err = run_main(capsys, PLENARY, "--id", PLENARY_ID, "--out", tmp_path, "--force")
    assert status == 0, err
    assert front(page.read_text()).topics == ("pipelines", "crafted points")
    # Forced again over the text it now has: the document's text replaces it, once.
    imported = page.read_text()
    status, out, err = run_main(capsys, PLENARY, "--id", PLENARY_ID, "--out", tmp_path, "--force")
    assert status == 0, err
    assert page.read_text() == imported
    assert imported.count("{turn}") > 1


def test_a_pending_page_of_another_date_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pending = PENDING.replace("2004-09-09", "2004-09-10")
    page = tmp_path / "2004-09-10.md"
    page.write_text(pending)
    status, out, err = run_main(capsys, PLENARY, "--id", "2004-09-10", "--out", tmp_path)
    assert (status, out) == (1, "")
    assert "does not agree with the document's date, September 9, 2004" in err
    assert page.read_text() == pending
    assert sorted(tmp_path.iterdir()) == [page]


def test_an_interrupted_write_leaves_the_page_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = tmp_path / "2004-09-09.md"
    page.write_text(PENDING)

    def interrupted(*args: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(OcrError, match=r"cannot write .*: Input/output error"):
        _write_atomically(page, "half a page")
    assert page.read_text() == PENDING
    assert sorted(tmp_path.iterdir()) == [page]


# --- make transcript ---------------------------------------------------------------------


def test_make_transcript_passes_speakers_and_force(tmp_path: Path) -> None:
    """``make transcript SPEAKERS="Label=id ..." FORCE=1``, run as a contributor runs it."""
    (tmp_path / "transcripts").mkdir()
    source = tmp_path / "given.txt"
    source.write_text("The President: A crafted line. (U)\n\nDr. Doe Junior: Another. (U)\n")
    makefile = Path(__file__).resolve().parents[1] / "Makefile"
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}

    def make(*args: str) -> subprocess.CompletedProcess[str]:
        command = ["make", "--no-print-directory", "-f", str(makefile), "transcript"]
        more = [f"SRC={source}", "ID=2003-03-18", f"VENV={sys.prefix}", "INSTALLED=", *args]
        return subprocess.run(
            [*command, *more], cwd=tmp_path, env=env, capture_output=True, text=True
        )

    refused = make()
    assert refused.returncode != 0
    assert 'SPEAKERS="Dr. Doe Junior=junior"' in refused.stderr
    done = make("SPEAKERS=Dr. Doe Junior=doe")
    assert done.returncode == 0, done.stderr
    page = tmp_path / "transcripts" / "2003-03-18.md"
    assert front(page.read_text()).speakers == {
        "bush": "The President",
        "doe": "Dr. Doe Junior",
    }
    again = make("SPEAKERS=Dr. Doe Junior=doe")
    assert again.returncode != 0 and "give FORCE=1" in again.stderr
    assert make("SPEAKERS=Dr. Doe Junior=doe", "FORCE=1").returncode == 0
