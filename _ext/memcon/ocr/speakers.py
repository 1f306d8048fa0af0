"""Speaker labels matched to the participants the header lists, and the speaker ids derived
from their surnames.

A label is settled, in this order, by the labels given (``--speaker``, ``SPEAKERS=``), by
:data:`~.turns.DEFAULT_SPEAKERS`, by a participant's surname ("Secretary Rice", "Dr. Rice"),
then by a participant's role ("The Vice President"). A label none of these settles, or that
fits more than one participant, is an error that lists every such label at once.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..identifiers import SPEAKER_ID
from .errors import OcrError
from .header import HeaderParticipant

#: Words of a label that say how a person is addressed, not who they are.
_ADDRESS = {"mr", "mrs", "ms", "dr", "the"}


@dataclass(frozen=True)
class FoundLabel:
    """A speaker label as the text prints it, at the first line it begins a turn."""

    label: str
    line: int


@dataclass(frozen=True)
class Unmatched:
    """A label no participant and no given label settles, and why."""

    label: str
    line: int
    reason: str
    candidates: tuple[str, ...] = ()  #: the speaker ids of the participants it could be


class UnknownSpeakers(OcrError):
    """Labels that are neither a participant nor given; the message lists every one."""

    def __init__(self, unmatched: Sequence[Unmatched]) -> None:
        self.unmatched = tuple(unmatched)
        listed = "; ".join(f"line {u.line}: {u.label + ':'!r} ({u.reason})" for u in unmatched)
        super().__init__(
            f"{len(unmatched)} speaker label(s) match no participant of the header: {listed}; "
            "expected each label to name a participant, or its speaker id to be given"
        )

    def given(self) -> str:
        """The labels with a suggested speaker id each, as ``SPEAKERS=`` takes them: for a
        label that could be several participants, the first of their ids, to choose from."""
        return " ".join(
            f"{u.label}={u.candidates[0] if u.candidates else suggested_id(u.label)}"
            for u in self.unmatched
        )


def slug(word: str) -> str:
    """A name as a speaker id: ASCII, lower case, letters and digits, ``-`` between words."""
    ascii_text = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def suggested_id(label: str) -> str:
    """The id a label's last word gives ("Secretary Roe" -> ``roe``), for a message."""
    words = label.split()
    found = slug(words[-1]) if words else ""
    return found if SPEAKER_ID.fullmatch(found) else "ID"


def _surname(name: str) -> str:
    return name.split()[-1]


def participant_ids(participants: Iterable[HeaderParticipant]) -> dict[HeaderParticipant, str]:
    """Each participant's speaker id: the surname (``rice``), or, where two share it, the
    surname and the given names (``ivanov-igor``, ``ivanov-sergey``).

    Raises :class:`OcrError` for two participants whose ids would still be the same.
    """
    people = list(dict.fromkeys(participants))
    surnames: dict[str, list[HeaderParticipant]] = {}
    for person in people:
        surnames.setdefault(slug(_surname(person.name)), []).append(person)
    ids: dict[HeaderParticipant, str] = {}
    for surname, sharing in surnames.items():
        for person in sharing:
            given = slug(" ".join(person.name.split()[:-1]))
            ids[person] = surname if len(sharing) == 1 else f"{surname}-{given}".strip("-")
    _refuse_collisions(ids)
    return ids


def _refuse_collisions(ids: Mapping[HeaderParticipant, str]) -> None:
    holders: dict[str, HeaderParticipant] = {}
    for person, speaker in ids.items():
        if not SPEAKER_ID.fullmatch(speaker):
            raise OcrError(
                f"the participant {_described(person)} gives no speaker id ({speaker!r}); "
                "expected a name in Latin letters, whose surname begins with a letter"
            )
        other = holders.setdefault(speaker, person)
        if other is not person:
            raise OcrError(
                f"the participants {_described(other)} and {_described(person)} would both have "
                f"the speaker id {speaker!r}; expected participants with distinct names "
                "(where the OCR text misreads a name, correct it in the OCR text's header)"
            )


def _described(person: HeaderParticipant) -> str:
    where = f"line {person.line}: " if person.line is not None else ""
    return f"{where}{person.name!r}" + (f" ({person.role})" if person.role else "")


def resolve(
    labels: Sequence[FoundLabel],
    participants: Sequence[HeaderParticipant],
    given: Mapping[str, str],
    defaults: Mapping[str, str],
) -> dict[str, str]:
    """Label -> speaker id for every label found; raises :class:`UnknownSpeakers` listing
    each label that nothing settles."""
    ids = participant_ids(participants)
    resolved: dict[str, str] = {}
    unmatched: list[Unmatched] = []
    for found in labels:
        speaker = given.get(found.label) or defaults.get(found.label)
        reason, candidates = "not a participant", tuple[str, ...]()
        if speaker is None:
            matches = _matching(found.label, participants)
            if len(matches) == 1:
                speaker = ids[matches[0]]
            elif matches:
                candidates = tuple(ids[p] for p in matches)
                reason = "could be " + " or ".join(
                    f"{_described(p)}, speaker id {ids[p]}" for p in matches
                )
        if speaker is None:
            unmatched.append(Unmatched(found.label, found.line, reason, candidates))
        else:
            resolved[found.label] = speaker
    if unmatched:
        raise UnknownSpeakers(unmatched)
    return resolved


def _words(text: str) -> list[str]:
    return [slug(word) for word in text.split() if slug(word)]


def _matching(label: str, participants: Sequence[HeaderParticipant]) -> list[HeaderParticipant]:
    """The participants a label names: by surname, narrowed by the label's other words
    (a rank, a given name); failing that, by role."""
    words = _words(label)
    if not words:
        return []
    by_surname = [p for p in participants if slug(_surname(p.name)) == words[-1]]
    rest = [word for word in words[:-1] if word not in _ADDRESS]
    if len(by_surname) > 1 and rest:
        narrowed = [p for p in by_surname if set(rest) <= set(_words(f"{p.name} {p.role or ''}"))]
        by_surname = narrowed or by_surname
    if by_surname:
        return by_surname
    return _by_role(words, participants)


def _by_role(
    words: list[str], participants: Sequence[HeaderParticipant]
) -> list[HeaderParticipant]:
    """Participants whose role is the label ("The Vice President"), or else holds it whole."""
    wanted = [word for word in words if word != "the"]
    roles = {p: [w for w in _words(p.role or "") if w != "the"] for p in participants}
    exact = [p for p, role in roles.items() if role and role == wanted]
    if exact:
        return exact
    return [p for p, role in roles.items() if _holds(role, wanted)]


def _holds(role: list[str], wanted: list[str]) -> bool:
    size = len(wanted)
    return any(role[at : at + size] == wanted for at in range(len(role) - size + 1))
