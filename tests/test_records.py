"""The records' own logic: which participant a speaker label names."""

from __future__ import annotations

import pytest
from memcon.records import Conversation, Participant

pytestmark = pytest.mark.unit


def conversation(labels: dict[str, str]) -> Conversation:
    participants = (
        Participant("united_states", "George W. Bush", "The President"),
        Participant("united_states", "Jane Roe", "Secretary of State"),
        Participant("russia", "Pavel Ivanov", "Minister of Foreign Affairs"),
        Participant("russia", "Oleg Ivanov", "Minister of Defense"),
        Participant("russia", "Igor Ivanov", None),
    )
    return Conversation(
        id="2004-09-09",
        docname="transcripts/2004-09-09",
        title="t",
        date="2004-09-09",
        kind="memcon",
        status="transcribed",
        time=None,
        place=None,
        subject=None,
        subject_marking=None,
        participants=participants,
        notetakers=(),
        interpreters=(),
        speakers=tuple(labels.items()),
        topics=(),
        source=(),
        repository=None,
        control_number=None,
        classification=None,
    )


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
