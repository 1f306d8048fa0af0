"""The records' own logic: which participant a speaker label names; an apparatus looked up by
turn."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st
from memcon.records import Apparatus, Conversation, Note, Participant
from record_helpers import conversation as records

pytestmark = pytest.mark.unit


def conversation(labels: dict[str, str]) -> Conversation:
    participants = (
        Participant("united_states", "George W. Bush", "The President"),
        Participant("united_states", "Jane Roe", "Secretary of State"),
        Participant("russia", "Pavel Ivanov", "Minister of Foreign Affairs"),
        Participant("russia", "Oleg Ivanov", "Minister of Defense"),
        Participant("russia", "Igor Ivanov", None),
    )
    return records(participants=participants, speakers=tuple(labels.items()))


@pytest.mark.parametrize(
    ("label", "name"),
    [
        ("The President", "George W. Bush"),
        ("Secretary Roe", "Jane Roe"),
        ("Dr. Roe", "Jane Roe"),
        ("Foreign Minister Ivanov", "Pavel Ivanov"),
        ("Defense Minister Ivanov", "Oleg Ivanov"),
        ("Mr. Ivanov", None),  # three Ivanovs, and nothing to tell them apart
        ("Minister Lavrov", None),  # nobody of that name
    ],
)
def test_a_label_names_its_participant(label: str, name: str | None) -> None:
    found = conversation({"x": label}).participant_of("x")
    assert (found.name if found else None) == name


TURNS = st.sampled_from(["t01", "t02", "t03"])


@given(
    st.lists(st.tuples(TURNS, st.sampled_from(["(S)", "(C)"]), st.booleans()), max_size=5),
    st.lists(st.tuples(TURNS, st.text(max_size=3)), max_size=5),
    st.lists(st.tuples(TURNS | st.none(), st.integers(0, 9)), max_size=6),
)
def test_an_apparatus_looked_up_by_turn_says_what_a_scan_of_it_does(
    markings: list[tuple[str, str, bool]],
    labels: list[tuple[str, str]],
    places: list[tuple[str | None, int]],
) -> None:
    notes = tuple(
        Note(str(n), turn, at, (("text", f"note {n}"),)) for n, (turn, at) in enumerate(places)
    )
    apparatus = Apparatus(markings=tuple(markings), notes=notes, labels=tuple(labels))
    for turn in ["t01", "t02", "t03", "t04"]:
        first = next(((m, s) for t, m, s in markings if t == turn), None)
        assert apparatus.marking_of(turn) == first
        assert apparatus.label_of(turn) == dict(labels).get(turn)
        assert apparatus.notes_in(turn) == [n for n in notes if n.turn == turn]
    assert apparatus.notes_in(None) == [n for n in notes if n.turn is None]
    # The lookup made is not saved with the record, which comes back whole.
    kept = pickle.loads(pickle.dumps(apparatus))
    assert "_by_turn" not in kept.__dict__ and kept == apparatus
