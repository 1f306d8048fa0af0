"""Records for tests, made from a few fields: the rest take the values a page leaves empty."""

from __future__ import annotations

from typing import Any

from memcon.records import Classification, Conversation


def conversation(**fields: Any) -> Conversation:
    """A conversation of March 18, 2003, transcribed, with no participant, speaker or
    archive identifier, except where ``fields`` say otherwise."""
    conv_id = fields.pop("id", "2003-03-18")
    empty: dict[str, Any] = {
        "id": conv_id,
        "docname": f"transcripts/{conv_id}",
        "title": "A conversation",
        "date": conv_id[:10],
        "kind": "telcon",
        "status": "transcribed",
        "time": None,
        "place": None,
        "subject": None,
        "subject_marking": None,
        "participants": (),
        "notetakers": (),
        "interpreters": (),
        "speakers": (),
        "topics": (),
        "source": (),
        "repository": None,
        "control_number": None,
        "classification": Classification(None, None, None, None),
    }
    return Conversation(**{**empty, **fields})
