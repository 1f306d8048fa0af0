"""The records' own logic: which participant a speaker label names."""

from __future__ import annotations

import pytest
from memcon.records import Conversation, Participant
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
