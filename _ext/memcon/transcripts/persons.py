"""The persons register's data: ``memcon_persons``, a YAML file beside ``conf.py``.

Each entry maps the name the edition uses to ``sort`` (the register's order),
``description`` (what the edition's sources say of the person) and ``aliases`` (other
spellings and labels).  Conversations list their people by name; ``{person}`` roles name
them too; both are matched against names and aliases.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from weakref import WeakKeyDictionary

import yaml
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..warnings import Edition, warn


@dataclass(frozen=True)
class Person:
    """One entry of the persons register."""

    name: str
    sort: str  #: the register's sort key, ``Surname, Given``
    description: str
    aliases: tuple[str, ...]

    @property
    def anchor(self) -> str:
        """The person's anchor on the register page."""
        return "person-" + "".join(c if c.isalnum() else "-" for c in self.name.lower())


@dataclass(frozen=True)
class Register:
    """All persons, and a lookup by name or alias."""

    persons: tuple[Person, ...]

    def find(self, name: str) -> Person | None:
        """The person called ``name`` (by name or alias), if registered."""
        wanted = name.strip().casefold()
        for person in self.persons:
            if wanted == person.name.casefold() or wanted in (a.casefold() for a in person.aliases):
                return person
        return None


#: No register: ``memcon_persons`` is not set.
EMPTY = Register(())


def load(path: Path) -> tuple[Register, list[str]]:
    """Read and validate the register; return it and the problems found."""
    try:
        data = yaml.safe_load(path.read_text("utf-8"))
    except OSError as error:
        return Register(()), [f"cannot read the persons register: {error.strerror}"]
    except yaml.YAMLError as error:
        return Register(()), [f"the persons register is not valid YAML: {error}"]
    if not isinstance(data, dict):
        return Register(()), ["the persons register must map names to entries"]
    persons, problems = [], []
    for name, entry in data.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("sort", ""), str):
            problems.append(
                f"entry {name!r}: expected a mapping with 'sort', 'description' and 'aliases'"
            )
            continue
        aliases = entry.get("aliases") or []
        if not isinstance(aliases, list):
            problems.append(f"entry {name!r}: 'aliases' must be a list of names")
            aliases = []
        persons.append(
            Person(
                str(name),
                entry.get("sort") or str(name),
                str(entry.get("description") or ""),
                tuple(str(a) for a in aliases),
            )
        )
    return Register(tuple(sorted(persons, key=lambda p: p.sort.casefold()))), problems


#: The register of each build's environment and the file it was read from, read when the
#: builder is set up.
_REGISTERS: WeakKeyDictionary[BuildEnvironment, tuple[Register, Path | None]] = WeakKeyDictionary()


def register(env: BuildEnvironment) -> Register:
    """The register the build of ``env`` uses."""
    return _REGISTERS.get(env, (EMPTY, None))[0]


def register_file(env: BuildEnvironment) -> Path | None:
    """The file the register of ``env``'s build was read from, if any."""
    return _REGISTERS.get(env, (EMPTY, None))[1]


def on_builder_inited(app: Sphinx) -> None:
    """Read the register, reporting its problems on every build."""
    result, path = EMPTY, None
    if app.config.memcon_persons:
        path = Path(app.confdir) / app.config.memcon_persons
        result, problems = load(path)
        for problem in problems:
            warn(Edition.register, problem, str(path))
    _REGISTERS[app.env] = result, path
