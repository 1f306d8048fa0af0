"""The persons register against an imported page: who the page names that the register
(``docs/persons.yml``) does not have, and the labels it speaks under that the register does
not know, with the lines to add for them.

A speaker's label must name a person (the participant's name or role, or a name or alias in
the register) so that the edition can say who speaks; the importer lists what is missing
rather than let the register miss it silently.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import yaml

from ..schema import FrontMatter
from ..wording import written
from .errors import OcrError

#: A register read: each key with the set of its names (the key and its aliases), case-folded.
Register = dict[str, set[str]]


def read_register(path: Path) -> Register:
    """Every entry of the register at ``path``, with its names and aliases."""
    try:
        entries = yaml.safe_load(path.read_text("utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise OcrError(f"cannot read the persons register {path}: {error}") from None
    if not isinstance(entries, dict):
        raise OcrError(f"the persons register {path} is not a mapping of names to entries")
    register: Register = {}
    for name, entry in entries.items():
        aliases = entry.get("aliases") or () if isinstance(entry, dict) else ()
        register[str(name)] = {str(name).casefold(), *(str(alias).casefold() for alias in aliases)}
    return register


def missing_entries(
    pages: Sequence[FrontMatter], register: Register, labels: Mapping[str, Iterable[str]]
) -> list[str]:
    """The register's lines for each person of the ``pages`` it lacks (the page written, and
    the document as read where the page kept its own lists), and for each label a person
    speaks under that names nobody (``labels``: a participant's name -> labels)."""
    known = set().union(*register.values()) if register else set()
    people = list(_people(pages))
    matter = pages[0]
    families = [name.split()[-1] for name, _, _ in people]
    lines: list[str] = []
    # A label names its speaker where it is the name or role of a participant of the page
    # written; the document's own list may be one the page did not keep.
    named = {text.casefold() for name, _, role in _listed(matter) for text in (name, role) if text}
    for name, duty, _ in people:
        unnamed = [
            label
            for label in dict.fromkeys(labels.get(name, ()))
            if label.casefold() not in named | known
        ]
        family = name.split()[-1]
        key = next((key for key, names in register.items() if name.casefold() in names), None)
        if key is not None:
            lines += [f"{key}: add to its aliases {json.dumps(unnamed)}", ""] if unnamed else []
            continue
        # A family name two people share is no alias of either.
        aliases = ([family] if families.count(family) == 1 else []) + unnamed
        lines += _entry(name, family, f"{duty} at the conversation of {written(matter.date)}")
        lines += [f"  aliases: {json.dumps(aliases, ensure_ascii=False)}", ""]
    return lines


def _entry(name: str, family: str, description: str) -> list[str]:
    given = " ".join(name.split()[:-1])
    sort = f"{family}, {given}" if given else family
    return [
        f"{name}:",
        f"  sort: {json.dumps(sort, ensure_ascii=False)}",
        "  description: >-",
        f"    {description} (memorandum).",
    ]


def _people(pages: Sequence[FrontMatter]) -> Iterable[tuple[str, str, str | None]]:
    """(name, what the page says of them, role) of each person the pages name, once."""
    listed = [entry for matter in pages for entry in _listed(matter)]
    seen: set[str] = set()
    for name, duty, role in listed:
        if name not in seen:
            seen.add(name)
            yield name, duty, role


def _listed(matter: FrontMatter) -> list[tuple[str, str, str | None]]:
    sides = {
        "On the American side": matter.participants.united_states,
        "On the Russian side": matter.participants.russia,
    }
    return [
        *(
            (p.name, f"{side}, {p.role}" if p.role else side, p.role)
            for side, people in sides.items()
            for p in people
        ),
        *((name, "Notetaker", None) for name in matter.notetakers),
        *((name, "Interpreter", None) for name in matter.interpreters),
    ]
