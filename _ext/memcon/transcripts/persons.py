"""The persons register's data: ``memcon_persons``, a YAML file beside ``conf.py``.

Each entry maps the name the edition uses to ``sort`` (the register's order),
``description`` (what the edition's sources say of the person) and ``aliases`` (other
spellings and labels).  Conversations list their people by name; ``{person}`` roles name
them too; both are matched against names and aliases.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..domain import get_domain
from ..records import Person, Register
from ..warnings_ import MemconWarning, warn


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


def register(env: BuildEnvironment) -> Register:
    """The register the build of ``env`` uses."""
    return get_domain(env).persons


def register_file(env: BuildEnvironment) -> Path | None:
    """The file the register of ``env``'s build was read from, if any."""
    return get_domain(env).persons_file


def on_builder_inited(app: Sphinx) -> None:
    """Read the register into the domain, reporting its problems on every build."""
    domain = get_domain(app.env)
    if app.config.memcon_persons:
        path = Path(app.confdir) / app.config.memcon_persons
        domain.persons, problems = load(path)
        domain.persons_file = path
        for problem in problems:
            warn(MemconWarning.register, problem, str(path))
